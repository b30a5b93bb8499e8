import type { EvidenceData, FieldSummary, Level, SentenceHop } from "../api/types";
import { inSentence, shortFieldList } from "../graph/field-labels";

/** A plain sentence for governors, with where each step of it comes from. */
export interface ChainSentence {
  text: string;
  sources: { step: string; notice: string; quote: string; verbatim: boolean }[];
}

export interface FieldFamily {
  id: string;
  label: string;
  /** umbrella fields that may contain it */
  broader: ReadonlySet<string>;
  /** fields it contains (they count as the field itself) */
  narrower: ReadonlySet<string>;
}

/** The field with every umbrella above it and every field below it in the register's hierarchy. */
export function fieldFamily(fieldId: string, fields: readonly Pick<FieldSummary, "id" | "label" | "broader">[]): FieldFamily | null {
  const field = fields.find((f) => f.id === fieldId);
  if (!field) return null;
  const up = new Map(fields.map((f) => [f.id, f.broader.map((b) => b.id)]));
  const down = new Map<string, string[]>();
  for (const f of fields) for (const b of f.broader) down.set(b.id, [...(down.get(b.id) ?? []), f.id]);
  const walk = (start: string, next: Map<string, string[]>) => {
    const seen = new Set<string>();
    const stack = [...(next.get(start) ?? [])];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id) || id === start) continue;
      seen.add(id);
      stack.push(...(next.get(id) ?? []));
    }
    return seen;
  };
  return { id: field.id, label: field.label, broader: walk(field.id, up), narrower: walk(field.id, down) };
}

const LEVEL_WORDS: Record<Level, string> = {
  INDIVIDUAL: "",
  PSEUDONYMISED: " in pseudonymised form",
  AGGREGATE: " only as aggregate statistics",
  ANONYMISED: " only in anonymised form",
  NOT_STATED: " (at a level the notice does not state)",
};

/**
 * What a hop carries, said from the field's point of view, and whether the notice names it
 * (`named`) or only an umbrella that may contain it, so the verb never says more than the notice.
 */
function carried(hop: SentenceHop, family: FieldFamily | null, first: boolean): { words: string; named: boolean } {
  const labels = hop.fields.map((f) => f.field);
  if (family === null) return { words: `${first ? "pupil data" : "data"} (${shortFieldList(labels.map((l) => l.label), 3)})`, named: true };
  const subject = first ? `pupils' ${inSentence(family.label)}` : "it";
  const direct = hop.fields.filter((f) => f.field.id === family.id || family.narrower.has(f.field.id));
  if (direct.length > 0) {
    // The surest mention decides: a field included outright beats one marked optional, which beats "possibly".
    if (direct.some((f) => f.inclusion === "INCLUDED")) return { words: subject, named: true };
    if (direct.some((f) => f.inclusion === "OPTIONAL")) return { words: `${subject} (optional: the notice says it is not required)`, named: true };
    return { words: `${subject} (possibly: the notice says only some of its data passes, not which)`, named: false };
  }
  const umbrella = labels.find((l) => family.broader.has(l.id));
  return { words: umbrella ? `${subject} (as part of “${umbrella.label}”)` : subject, named: false };
}

function describeChain(hops: SentenceHop[], family: FieldFamily | null): string {
  const first = carried(hops[0], family, true);
  let text = `${hops[0].from.name} ${first.named ? "passes" : "may pass"} ${first.words}${LEVEL_WORDS[hops[0].level]} to ${hops[0].to.name}`;
  if (hops[0].basis === "INFERRED") text += " (the notice only implies this)";
  for (const hop of hops.slice(1)) {
    text += `, which may pass ${carried(hop, family, false).words}${LEVEL_WORDS[hop.level]} to ${hop.to.name}`;
    if (hop.basis === "INFERRED") text += " (implied, not stated)";
  }
  return `${text}.`;
}

const isPrefix = (short: string[], long: string[]) => short.length < long.length && short.every((id, i) => long[i] === id);

/**
 * One sentence per distinct route, from each recipient's evidence chain: a chain that another
 * chain merely extends is left out, so "A passes it to B" is not repeated before "A passes it
 * to B, which may pass it to C". Each step cites its first notice and quote.
 */
export function chainSentences(evidence: EvidenceData, family: FieldFamily | null): ChainSentence[] {
  const chains = evidence.recipients.map((r) => r.chain.hops).filter((hops) => hops.length > 0);
  const ids = chains.map((hops) => hops.map((h) => h.id));
  const kept = chains.filter((_, i) => !ids.some((other, j) => j !== i && isPrefix(ids[i], other)));
  const seen = new Set<string>();
  const unique = kept.filter((hops) => {
    const key = hops.map((h) => h.id).join(" ");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) => a.length - b.length || a.map((h) => h.to.name).join().localeCompare(b.map((h) => h.to.name).join()));
  return unique.map((hops) => ({
    text: describeChain(hops, family),
    sources: hops.flatMap((hop) =>
      hop.citations.slice(0, 1).map((c) => ({ step: `${hop.from.name} to ${hop.to.name}`, notice: c.notice.title, quote: c.quote, verbatim: c.verbatim })),
    ),
  }));
}

/** A source quoted once in a summary, and the number its sentences cite it by. */
export interface NumberedSource {
  number: number;
  step: string;
  notice: string;
  quote: string;
  /** false for a paraphrase: the notice's text was not there to check the quote against */
  verbatim: boolean;
}

/** Sentences that cite their sources by number, and each distinct source once. */
export interface FootnotedSentences {
  sentences: { text: string; sourceNumbers: number[] }[];
  sources: NumberedSource[];
}

/**
 * Numbers each distinct source (step, notice and quote) in order of first use, so a summary
 * quotes it once however many routes share that step: from one school, every route through the
 * DfE starts with the same census quote, and printing it under each route ran to two pages.
 */
export function footnoteSources(sentences: readonly ChainSentence[]): FootnotedSentences {
  const numbers = new Map<string, number>();
  const sources: NumberedSource[] = [];
  const numbered = sentences.map((sentence) => ({
    text: sentence.text,
    sourceNumbers: [
      ...new Set(
        sentence.sources.map((source) => {
          const key = JSON.stringify([source.step, source.notice, source.quote]);
          let number = numbers.get(key);
          if (number === undefined) {
            number = sources.length + 1;
            numbers.set(key, number);
            sources.push({ number, ...source });
          }
          return number;
        }),
      ),
    ],
  }));
  return { sentences: numbered, sources };
}
