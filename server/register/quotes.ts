import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Citations are checked against the notices' own text, at import and on every mutation: a quote
 * must appear in its notice, ignoring line breaks, runs of spaces and markdown `**` (how the
 * notices were transcribed). A notice with no stored text cannot be checked, so its citations
 * are kept but marked as paraphrases (`verbatim: false`), never shown as the notice's words.
 */
export function normaliseForQuotes(text: string): string {
  return text.replace(/\*\*/g, "").replace(/\s+/g, " ").trim();
}

/** true: the quote is in the notice's text; false: it is not; null: the notice has no text to check. */
export type QuoteFinder = (notice: string, quote: string) => boolean | null;

/** A finder over these notices' texts, each normalised once. */
export function quoteFinder(texts: Iterable<readonly [string, string | null]>): QuoteFinder {
  const normalised = new Map<string, string | null>();
  for (const [id, text] of texts) normalised.set(id, text === null ? null : normaliseForQuotes(text));
  return (notice, quote) => {
    const text = normalised.get(notice);
    return text == null ? null : text.includes(normaliseForQuotes(quote));
  };
}

/** A notice's text: given inline, or read from `textFile` in `dir` (the import file's folder). */
export function noticeTextFrom(text: string | null, textFile: string | null, dir: string | null, problem: (message: string) => void): string | null {
  if (text !== null && textFile !== null) {
    problem("give the notice's text either inline (`text`) or in a file (`textFile`), not both");
    return null;
  }
  if (text !== null) return text;
  if (textFile === null) return null;
  if (dir === null) {
    problem("`textFile` needs an import file to be beside; through the API, give `text`");
    return null;
  }
  try {
    return readFileSync(join(dir, textFile), "utf8");
  } catch (error) {
    problem(`cannot read \`${textFile}\` beside this file (${(error as NodeJS.ErrnoException).code ?? "unreadable"}): put the notice's text there, or remove \`textFile\``);
    return null;
  }
}
