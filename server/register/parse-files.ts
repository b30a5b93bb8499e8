import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { Document, LineCounter, parseDocument, isNode } from "yaml";
import { Problem } from "./problems";

/** One import file, parsed, with a way to find the line of any path inside it. */
export interface ParsedFile {
  file: string;
  /** the folder the file is in, for files it names beside it (a notice's `textFile`); absent for API input */
  dir?: string | null;
  data: unknown;
  locate: (path: (string | number)[]) => { line: number; column: number } | null;
}

/** Parses text with the yaml package, keeping positions (slow on large files: see `parseJsonFast`). */
function parseWithPositions(text: string): { doc: Document.Parsed; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  return { doc, lineCounter };
}

/** Finds the line and column of `path` (or of its nearest ancestor that has a position). */
function locateIn(doc: Document.Parsed, lineCounter: LineCounter, path: (string | number)[]) {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      const pos = lineCounter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return null;
}

/**
 * Parses YAML (or JSON, which is YAML) text; syntax errors become problems with their line.
 * `keysChecked`: this very text was parsed before without a repeated key (the streaming import's
 * second pass), so JSON's key count is not done again.
 */
export function parseRegisterText(file: string, text: string, options: { keysChecked?: boolean } = {}): { parsed: ParsedFile | null; problems: Problem[] } {
  if (/\.json$/i.test(file)) {
    const parsed = parseJsonFast(file, text, options.keysChecked ?? false);
    if (parsed) return { parsed, problems: [] };
    // Not valid JSON, or a repeated key: the YAML parser reports exactly what and where.
  }
  const { doc, lineCounter } = parseWithPositions(text);
  if (doc.errors.length > 0) {
    return {
      parsed: null,
      problems: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { file, path: "", line: pos.line, column: pos.col, message: `not valid YAML: ${e.message.split("\n")[0]}` };
      }),
    };
  }
  return { parsed: { file, data: doc.toJS({ maxAliasCount: 100 }), locate: (path) => locateIn(doc, lineCounter, path) }, problems: [] };
}

/**
 * The fast path for `.json` files: `JSON.parse`, which reads a national register (hundreds of MB)
 * in seconds where the yaml package takes minutes. Positions are worked out only when a problem
 * asks for one, by parsing the file again with the yaml package then (once per file).
 *
 * Returns null (so the caller falls back to the yaml parser, which reports the problem with its
 * line) when the text is not valid JSON or repeats a key in an object: `JSON.parse` silently keeps
 * the last of repeated keys, where the import refuses them.
 */
function parseJsonFast(file: string, text: string, keysChecked: boolean): ParsedFile | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!keysChecked && countKeysInText(text) !== countKeysInValue(data)) return null;
  let positions: { doc: Document.Parsed; lineCounter: LineCounter } | null = null;
  return {
    file,
    data,
    locate: (path) => {
      positions ??= parseWithPositions(text);
      return locateIn(positions.doc, positions.lineCounter, path);
    },
  };
}

/** Object keys written in valid JSON text: strings followed by a colon. */
function countKeysInText(text: string): number {
  let keys = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    if (text.charCodeAt(i) !== 0x22) continue;
    // Skip to the closing quote, stepping over escapes.
    for (i++; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x5c) i++;
      else if (c === 0x22) break;
    }
    let j = i + 1;
    let c = text.charCodeAt(j);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++j);
    if (c === 0x3a) keys++;
  }
  return keys;
}

/** Keys of every object in a parsed JSON value: fewer than in the text when a key was repeated. */
function countKeysInValue(value: unknown): number {
  if (Array.isArray(value)) {
    let keys = 0;
    for (const item of value) keys += countKeysInValue(item);
    return keys;
  }
  if (value !== null && typeof value === "object") {
    let keys = 0;
    for (const key of Object.keys(value)) keys += 1 + countKeysInValue((value as Record<string, unknown>)[key]);
    return keys;
  }
  return 0;
}

/** Every `.yaml`, `.yml` or `.json` file under the given paths (files or folders), in a stable order. */
export function listRegisterFiles(paths: string[]): string[] {
  const found: string[] = [];
  const visit = (p: string) => {
    if (statSync(p).isDirectory()) {
      for (const entry of readdirSync(p).sort()) visit(join(p, entry));
    } else if (/\.(ya?ml|json)$/i.test(p)) {
      found.push(p);
    }
  };
  paths.forEach(visit);
  return found;
}

/** Reads and parses files; `displayRoot` shortens the file names that problems report. */
export function readRegisterFiles(paths: string[], displayRoot = process.cwd()): { files: ParsedFile[]; problems: Problem[] } {
  const files: ParsedFile[] = [];
  const problems: Problem[] = [];
  for (const path of listRegisterFiles(paths)) {
    const { parsed, problems: found } = parseRegisterText(relative(displayRoot, path) || path, readFileSync(path, "utf8"));
    if (parsed) files.push({ ...parsed, dir: dirname(path) });
    problems.push(...found);
  }
  return { files, problems };
}
