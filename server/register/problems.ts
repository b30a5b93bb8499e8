/** Where a record came from: a file and a path inside it, or a mutation's input. */
export interface Origin {
  file: string;
  /** path of keys and indexes inside the file, e.g. ["flows", 3, "fields", 1] */
  path: (string | number)[];
  /** turns a path into "line:column" when the source knows its positions */
  locate?: (path: (string | number)[]) => { line: number; column: number } | null;
}

/** One thing wrong with an import or a mutation, with where it is and what to do. */
export interface Problem {
  file: string;
  /** dotted path, e.g. `flows[3].fields[1]` */
  path: string;
  line: number | null;
  column: number | null;
  message: string;
}

export function formatPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

export function problemAt(origin: Origin, subPath: (string | number)[], message: string): Problem {
  const path = [...origin.path, ...subPath];
  const position = origin.locate?.(path) ?? origin.locate?.(origin.path) ?? null;
  return { file: origin.file, path: formatPath(path), line: position?.line ?? null, column: position?.column ?? null, message };
}

/** "seeds/notices/000.yaml:12:5 flows[3].to: unknown organisation `dcsf`" */
export function describeProblem(p: Problem): string {
  const where = p.line == null ? p.file : `${p.file}:${p.line}:${p.column}`;
  return `${where} ${p.path}: ${p.message}`;
}

/** Thrown when an import finds problems; nothing has been applied. */
export class RegisterValidationError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`${problems.length} problem${problems.length === 1 ? "" : "s"} found; nothing was applied:\n${problems.map(describeProblem).join("\n")}`);
    this.name = "RegisterValidationError";
  }
}
