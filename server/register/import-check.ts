import { readFileSync, statSync } from "node:fs";
import { dirname, relative } from "node:path";
import { listRegisterFiles, parseRegisterText, ParsedFile } from "./parse-files";
import { Problem, ProblemList } from "./problems";
import { fastOrganisation, fastRegisterFile } from "./fast-records";
import { quoteFinder } from "./quotes";
import { fieldRecord, noticeRecord, optOutRecord, organisationRecord, registerFile } from "./records";
import { loadSize } from "./rows";
import {
  checkRecords,
  collect,
  emptyFirsts,
  findFieldCycle,
  findPredecessorCycles,
  KnownIds,
  noticeTextQuietly,
  RECORD_KINDS,
  RecordKind,
  RegisterContent,
  RegisterScope,
  unionIds,
} from "./validate";

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
  private readonly first = new FirstPass();

  constructor(paths: string[], displayRoot: string) {
    this.files = listRegisterFiles(paths).map((path) => ({ path, name: relative(displayRoot, path) || path, size: -1, mtimeMs: -1 }));
  }

  /** The first pass: parses every file (parse problems are found here) and keeps what other files' checks need. */
  firstPass(onProgress?: (done: number, total: number) => void): void {
    const files = this.files;
    const every = Math.max(1, Math.floor(files.length / 100));
    files.forEach((file, i) => {
      const stat = statSync(file.path);
      const { parsed, problems } = parseRegisterText(file.name, readFileSync(file.path, "utf8"));
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

  /** Rows the import writes when it is valid (the progress total). */
  get rows(): number {
    return this.first.rows();
  }

  /** The size that decides whether indexes are built after the load (`withIndexesDeferred`). */
  get loadSize(): number {
    return loadSize(this.first.counts);
  }

  /**
   * The second pass: each file parsed again and checked against the whole import and the
   * register (`known`), yielding its records ready to write. Problems go to `problems`; once
   * there is any, the import will not be applied (the caller stops writing).
   */
  *secondPass(known: KnownIds): Generator<RegisterContent> {
    const scope = this.first.scope(known);
    for (const file of this.files) {
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
  const stat = statSync(file.path);
  const text = readFileSync(file.path, "utf8");
  if (stat.size !== file.size || stat.mtimeMs !== file.mtimeMs) {
    problems.push({ file: file.name, path: "", line: null, column: null, message: "changed while it was being imported: run the import again" });
    return null;
  }
  const { parsed, problems: found } = parseRegisterText(file.name, text, { keysChecked: true });
  problems.push(...found);
  return parsed && { ...parsed, dir: dirname(file.path) };
}

/**
 * What the first pass keeps of each file: every id (the ids a flow may conflict with, and which
 * ids are given more than once), the ids of well-formed notices, organisations, fields and
 * opt-outs (which other records may name), roles, predecessors, umbrella fields, notices' texts,
 * and row counts. Flows, the bulk of a register, are not checked here (the second pass does):
 * only their ids and the lengths of their lists are read.
 */
class FirstPass {
  private readonly given = Object.fromEntries(RECORD_KINDS.map((k) => [k, new Set<string>()])) as Record<RecordKind, Set<string>>;
  private readonly repeated = Object.fromEntries(RECORD_KINDS.map((k) => [k, new Set<string>()])) as Record<RecordKind, Set<string>>;
  private readonly defined = { notices: new Set<string>(), organisations: new Set<string>(), fields: new Set<string>(), optOuts: new Set<string>() };
  private readonly roles = new Set<string>();
  private readonly noticeTexts: [string, string | null][] = [];
  private readonly predecessors: [string, string[]][] = [];
  private readonly narrower: [string, string[]][] = [];
  readonly counts = { organisations: 0, notices: 0, fields: 0, optOuts: 0, flows: 0, holdings: 0, flowFields: 0, flowCitations: 0, otherCitations: 0 };

  add(file: ParsedFile): void {
    if (file.data == null) return;
    const fast = fastRegisterFile(file.data);
    const top = fast ? { success: true as const, data: fast } : registerFile.safeParse(file.data);
    if (!top.success) return;
    const { notice, organisations = [], fields = [], optOuts = [], flows = [], holdings = [] } = top.data;
    const c = this.counts;
    if (notice !== undefined) {
      this.give("notices", notice);
      const n = noticeRecord.safeParse(notice);
      if (n.success) {
        this.defined.notices.add(n.data.id);
        this.noticeTexts.push([n.data.id, noticeTextQuietly(n.data, file.dir ?? null)]);
        c.notices++;
      }
    }
    for (const raw of organisations) {
      this.give("organisations", raw);
      const fast = fastOrganisation(raw);
      const o = fast ? { success: true as const, data: fast } : organisationRecord.safeParse(raw);
      if (!o.success) continue;
      this.defined.organisations.add(o.data.id);
      if (o.data.role) this.roles.add(o.data.id);
      this.predecessors.push([o.data.id, o.data.predecessors.map((p) => p.organisation)]);
      c.organisations++;
      c.otherCitations += (o.data.lifetime?.citations.length ?? 0) + o.data.aliases.reduce((n, a) => n + a.citations.length, 0) + o.data.predecessors.reduce((n, p) => n + p.citations.length, 0);
    }
    for (const raw of fields) {
      this.give("fields", raw);
      const f = fieldRecord.safeParse(raw);
      if (!f.success) continue;
      this.defined.fields.add(f.data.id);
      this.narrower.push([f.data.id, f.data.narrower]);
      c.fields++;
    }
    for (const raw of optOuts) {
      this.give("optOuts", raw);
      const o = optOutRecord.safeParse(raw);
      if (!o.success) continue;
      this.defined.optOuts.add(o.data.id);
      c.optOuts++;
      c.otherCitations += o.data.citations.length;
    }
    for (const raw of flows) {
      this.give("flows", raw);
      c.flows++;
      c.flowFields += lengthOf(raw, "fields");
      c.flowCitations += lengthOf(raw, "citations");
    }
    for (const raw of holdings) {
      this.give("holdings", raw);
      c.holdings++;
      c.otherCitations += lengthOf(raw, "citations");
    }
  }

  /** Rows the import will write when it is valid (the progress total). */
  rows(): number {
    const c = this.counts;
    return c.organisations + c.notices + c.fields + c.optOuts + c.flows + c.holdings + c.flowFields + c.flowCitations + c.otherCitations;
  }

  /** What each file is checked against: the register's ids (`known`) and the whole import's. */
  scope(known: KnownIds): RegisterScope {
    return {
      known,
      ids: {
        notices: unionIds(known.notices, this.defined.notices),
        organisations: unionIds(known.organisations, this.defined.organisations),
        fields: unionIds(known.fields, this.defined.fields),
        optOuts: unionIds(known.optOuts, this.defined.optOuts),
        // Every flow id given, well-formed or not: a malformed flow is reported in its own right.
        flows: unionIds(known.flows, this.given.flows),
      },
      roleIds: unionIds(known.roles ?? new Set(), this.roles),
      quotes: quoteFinder([...(known.noticeTexts ?? new Map()), ...this.noticeTexts]),
      firsts: emptyFirsts(),
      repeated: this.repeated,
      predecessorCycles: findPredecessorCycles(this.predecessors),
      fieldCycle: findFieldCycle(this.narrower),
    };
  }

  /** Notes a record's id, and whether the import gave it before. */
  private give(kind: RecordKind, raw: unknown): void {
    const id = raw !== null && typeof raw === "object" ? (raw as { id?: unknown }).id : undefined;
    if (typeof id !== "string") return;
    // One hash lookup, not two: the set does not grow when it had the id.
    const given = this.given[kind];
    const before = given.size;
    given.add(id);
    if (given.size === before) this.repeated[kind].add(id);
  }
}

function lengthOf(raw: unknown, key: string): number {
  const list = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>)[key] : undefined;
  return Array.isArray(list) ? list.length : 0;
}
