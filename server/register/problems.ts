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

/**
 * Thrown when an import finds problems; nothing has been applied. A large import keeps only the
 * first problems (`problems`) and counts the rest (`omitted`).
 */
export class RegisterValidationError extends Error {
  constructor(
    readonly problems: Problem[],
    readonly omitted = 0,
  ) {
    const total = problems.length + omitted;
    const listed = omitted > 0 ? ` (the first ${problems.length.toLocaleString("en-GB")} are listed)` : "";
    super(`${total.toLocaleString("en-GB")} problem${total === 1 ? "" : "s"} found; nothing was applied${listed}:\n${problems.map(describeProblem).join("\n")}`);
    this.name = "RegisterValidationError";
  }
}

/** Keeps the first `limit` problems an import finds and counts the rest. */
export class ProblemList {
  readonly kept: Problem[] = [];
  omitted = 0;

  constructor(readonly limit = 1_000) {}

  get count(): number {
    return this.kept.length + this.omitted;
  }

  /** Whether more problems would only be counted (so working out their lines can be skipped). */
  get full(): boolean {
    return this.kept.length >= this.limit;
  }

  add(problems: Iterable<Problem>): void {
    for (const problem of problems) {
      if (this.full) this.omitted++;
      else this.kept.push(problem);
    }
  }
}
