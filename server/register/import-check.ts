import { closeSync, fstatSync, openSync, readFileSync, statSync, Stats } from "node:fs";
import { dirname, relative } from "node:path";
import { FirstPass, FirstPassState } from "./first-pass";
import { listRegisterFiles, parseRegisterText, ParsedFile } from "./parse-files";
import { Problem, ProblemList } from "./problems";
import { loadSize } from "./rows";
import { checkRecords, collect, KnownIds, RegisterContent } from "./validate";

/** Problems kept in a RegisterValidationError; the rest are counted. */
export const MAX_PROBLEMS_LISTED = 1_000;

export interface ImportSummary {
  organisations: number;
  fields: number;
  notices: number;
  optOuts: number;
  flows: number;
  holdings: number;
}

export interface FileRange {
  from: number;
  to: number;
}

/** What one thread's first pass over some of the files found (`firstPassPart`). */
export interface FirstPassPart {
  range: FileRange;
  files: ImportFile[];
  state: FirstPassState;
  problems: Problem[];
  omitted: number;
}

/** What a second pass needs of the first: the files as it read them, and what it kept. */
export interface FirstPassHandoff {
  files: ImportFile[];
  /** null: the first pass is still to be made (of some of `files`) */
  state: FirstPassState | null;
}

interface ImportFile {
  path: string;
  /** as problems name it (relative to the display root) */
  name: string;
  /** size and modification time when the first pass read it; -1 when it did not parse */
  size: number;
  mtimeMs: number;
}

/**
 * The checks of a streaming import, without the database (so they can run on a worker thread):
 * a first pass over every file for the scope, then a second that checks each file against it.
 * See `importRegisterFiles`.
 */
export class ImportCheck {
  readonly problems = new ProblemList(MAX_PROBLEMS_LISTED);
  readonly summary: ImportSummary = { organisations: 0, fields: 0, notices: 0, optOuts: 0, flows: 0, holdings: 0 };
  private readonly files: ImportFile[];
  private readonly first: FirstPass;

  /** Before the first pass (`paths`), or for a second pass over part of the files after another thread's first pass (`handoff`). */
  constructor(from: { paths: string[]; displayRoot: string } | { handoff: FirstPassHandoff }) {
    if ("handoff" in from) {
      this.files = from.handoff.files;
      this.first = new FirstPass(from.handoff.state ?? undefined);
    } else {
      this.files = listRegisterFiles(from.paths).map((path) => ({ path, name: relative(from.displayRoot, path) || path, size: -1, mtimeMs: -1 }));
      this.first = new FirstPass();
    }
  }

  /** What a second pass on another thread needs of the first (sent by structured clone); without `state`, only the files, for a first pass of some of them. */
  handoff(state = true): FirstPassHandoff {
    return { files: this.files, state: state ? this.first.state() : null };
  }

  /**
   * Where to split the files between two threads' second passes, by bytes, or null when they
   * must be checked by one: an id given twice is reported with the place it was first defined,
   * which only a check of every file in order finds.
   */
  splitInTwo(): number | null {
    if (this.files.length < 2 || this.first.anyRepeated()) return null;
    const bytes = this.files.reduce((sum, f) => sum + Math.max(f.size, 0), 0);
    let before = 0;
    for (let i = 0; i < this.files.length; i++) {
      before += Math.max(this.files[i].size, 0);
      if (before >= bytes / 2) return Math.min(i + 1, this.files.length - 1);
    }
    return null;
  }

  /** The first pass: parses every file (parse problems are found here) and keeps what other files' checks need. */
  firstPass(onProgress?: (done: number, total: number) => void): void {
    this.readFirst({ from: 0, to: this.files.length }, onProgress);
    this.endFirstPass();
  }

  /**
   * The first pass over the files of `range` only (`onProgress` hears how many of them are
   * done): another thread's part, for `addFirstPassPart`, or this one's before it.
   */
  readFirst(range: FileRange, onProgress?: (done: number, total: number) => void): void {
    const files = this.files.slice(range.from, range.to);
    const every = Math.max(1, Math.floor(files.length / 100));
    files.forEach((file, i) => {
      const { stat, text } = readWithStat(file.path);
      const { parsed, problems } = parseRegisterText(file.name, text);
      this.problems.add(problems);
      if (parsed) {
        this.first.add({ ...parsed, dir: dirname(file.path) });
        // Read again in the second pass, which trusts this pass's check for repeated keys.
        file.size = stat.size;
        file.mtimeMs = stat.mtimeMs;
      }
      if ((i + 1) % every === 0 || i + 1 === files.length) onProgress?.(i + 1, files.length);
    });
  }

  /** What `readFirst` found in `range`, to send to the thread that reads the files before it. */
  firstPassPart(range: FileRange): FirstPassPart {
    return { range, files: this.files.slice(range.from, range.to), state: this.first.state(), problems: this.problems.kept, omitted: this.problems.omitted };
  }

  /** Adds the first pass of the files after this one's (another thread's `firstPassPart`), as if this thread had read them next. */
  addFirstPassPart(part: FirstPassPart): void {
    this.files.splice(part.range.from, part.files.length, ...part.files);
    this.first.merge(part.state);
    this.problems.add(part.problems);
    this.problems.omitted += part.omitted;
  }

  /** Once every file is read: lets go of what the second pass will not need. */
  endFirstPass(): void {
    this.first.forgetUnreferencedFlowIds();
  }

  /** Where to split the files in two by bytes (as their sizes are now), for two threads' first passes. */
  halfOfTheBytes(): number {
    const sizes = this.files.map((f) => statSync(f.path).size);
    const half = sizes.reduce((a, b) => a + b, 0) / 2;
    let before = 0;
    for (let i = 0; i < sizes.length; i++) {
      before += sizes[i];
      if (before >= half) return i + 1;
    }
    return sizes.length;
  }

  get fileCount(): number {
    return this.files.length;
  }

  /** Rows the import writes when it is valid (the progress total). */
  get rows(): number {
    return this.first.rows();
  }

  /** The size that decides whether indexes are built after the load (`withIndexesDeferred`). */
  get loadSize(): number {
    return loadSize(this.first.counts);
  }

  /**
   * The second pass: each file (of `range`) parsed again and checked against the whole import and
   * the register (`known`), yielding its records ready to write. Problems go to `problems`; once
   * there is any, the import will not be applied (the caller stops writing).
   */
  *secondPass(known: KnownIds, range: FileRange = { from: 0, to: this.files.length }): Generator<RegisterContent> {
    const scope = this.first.scope(known);
    for (const file of this.files.slice(range.from, range.to)) {
      if (file.size < 0) continue; // did not parse: its problems are listed already
      const found: Problem[] = [];
      const parsed = readAgain(file, found);
      if (!parsed) {
        this.problems.add(found);
        continue;
      }
      // Past the limit, problems are only counted: no need to work out their lines.
      const placed = collect([this.problems.full ? { ...parsed, locate: () => null } : parsed], found);
      const content = checkRecords(placed, scope, found);
      this.problems.add(found);
      for (const key of Object.keys(this.summary) as (keyof ImportSummary)[]) this.summary[key] += content[key].length;
      yield content;
    }
  }
}

/** A file of the first pass, parsed again; a file changed in between is a problem (its checks would not hold). */
function readAgain(file: ImportFile, problems: Problem[]): ParsedFile | null {
  const { stat, text } = readWithStat(file.path);
  if (stat.size !== file.size || stat.mtimeMs !== file.mtimeMs) {
    problems.push({ file: file.name, path: "", line: null, column: null, message: "changed while it was being imported: run the import again" });
    return null;
  }
  const { parsed, problems: found } = parseRegisterText(file.name, text, { keysChecked: true });
  problems.push(...found);
  return parsed && { ...parsed, dir: dirname(file.path) };
}

/** A file's text and its size and time as of that read (one path lookup, not two: a national import reads 24,000 files twice). */
function readWithStat(path: string): { stat: Stats; text: string } {
  const fd = openSync(path, "r");
  try {
    return { stat: fstatSync(fd), text: readFileSync(fd, "utf8") };
  } finally {
    closeSync(fd);
  }
}
