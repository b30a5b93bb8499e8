import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { LineCounter, parseDocument, isNode } from "yaml";
import { Problem } from "./problems";

/** One import file, parsed, with a way to find the line of any path inside it. */
export interface ParsedFile {
  file: string;
  data: unknown;
  locate: (path: (string | number)[]) => { line: number; column: number } | null;
}

/** Parses YAML (or JSON, which is YAML) text; syntax errors become problems with their line. */
export function parseRegisterText(file: string, text: string): { parsed: ParsedFile | null; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      parsed: null,
      problems: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { file, path: "", line: pos.line, column: pos.col, message: `not valid YAML: ${e.message.split("\n")[0]}` };
      }),
    };
  }
  const locate = (path: (string | number)[]) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const pos = lineCounter.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return null;
  };
  return { parsed: { file, data: doc.toJS({ maxAliasCount: 100 }), locate }, problems: [] };
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
    if (parsed) files.push(parsed);
    problems.push(...found);
  }
  return { files, problems };
}
