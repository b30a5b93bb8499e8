import { readFileSync, statSync } from "node:fs";
import { dirname, relative } from "node:path";
import { DataSource } from "typeorm";
import { TableBatches, withIndexesDeferred } from "../db/bulk-insert";
import { inWriteTransaction } from "../db/write-queue";
import { addRows, ApplyProgress, INDEXED_TABLES, loadSize, readKnownIds, registerTableColumns } from "./apply";
import { listRegisterFiles, parseRegisterText, ParsedFile } from "./parse-files";
import { Problem, ProblemList, RegisterValidationError } from "./problems";
import { quoteFinder } from "./quotes";
import { fieldRecord, noticeRecord, optOutRecord, organisationRecord, registerFile } from "./records";
import {
  checkRecords,
  collect,
  emptyFirsts,
  findFieldCycle,
  findPredecessorCycles,
  KnownIds,
  noKnownIds,
  noticeTextQuietly,
  RECORD_KINDS,
  RecordKind,
  RegisterContent,
  RegisterScope,
  unionIds,
} from "./validate";

export interface ImportSummary {
  organisations: number;
  fields: number;
  notices: number;
  optOuts: number;
  flows: number;
  holdings: number;
}

/** "57 organisations, 56 pupil fields, 134 flows, 5 opt-outs, 5 notices" */
export function describeSummary(s: ImportSummary): string {
  return `${s.organisations} organisations, ${s.fields} pupil fields, ${s.flows} flows, ${s.holdings} holdings, ${s.optOuts} opt-outs, ${s.notices} notices`;
}

export function summarise(content: RegisterContent): ImportSummary {
  return {
    organisations: content.organisations.length,
    fields: content.fields.length,
    notices: content.notices.length,
    optOuts: content.optOuts.length,
    flows: content.flows.length,
    holdings: content.holdings.length,
  };
}

const REGISTER_TABLES = ["holding", "citation", "flow_field", "flow", "opt_out", "notice", "pupil_field", "organisation"];

/** Problems kept in a RegisterValidationError; the rest are counted. */
export const MAX_PROBLEMS_LISTED = 1_000;

/**
 * Reads, validates and applies register files as one whole, in one transaction: either all of
 * them land or none does. Throws `RegisterValidationError` listing the problems found (the first
 * MAX_PROBLEMS_LISTED, and how many more) when there is any; then nothing is applied.
 * With `replace`, the whole register is replaced by the files (in the same transaction).
 *
 * Streams, so that memory does not grow with the register (a national one is hundreds of MB of
 * files and millions of rows):
 * 1. A first pass, before the transaction, parses each file and keeps only what the checks of
 *    other files need: ids, roles, predecessors and umbrella fields (for cycles), notices' texts
 *    (for quotes), and row counts (for progress). Parse problems are found here.
 * 2. Inside the write transaction (with the register's ids read there, so they cannot change
 *    before the write), each file is parsed again, checked against that scope with exactly the
 *    checks `validateRegister` makes, and its rows are added to per-table batches that are written
 *    while the next file is checked. Once any problem is found nothing more is written, but every
 *    file is still checked, so the error lists the problems of the whole import; the transaction
 *    then rolls back what was written.
 * 3. A large load builds the secondary indexes after the last row (`withIndexesDeferred`).
 *
 * `onProgress` hears `("files", done, total)` during the first pass and `("rows", written, total)`
 * while writing (the total from the first pass's counts).
 */
export async function importRegisterFiles(
  dataSource: DataSource,
  paths: string[],
  options: { onProgress?: ApplyProgress; displayRoot?: string; replace?: boolean } = {},
): Promise<ImportSummary> {
  const displayRoot = options.displayRoot ?? process.cwd();
  const problems = new ProblemList(MAX_PROBLEMS_LISTED);
  const files = listRegisterFiles(paths).map((path) => ({ path, name: relative(displayRoot, path) || path, size: -1, mtimeMs: -1 }));

  // 1. The first pass: ids and the rest of the scope.
  const first = new FirstPass();
  const everyFiles = Math.max(1, Math.floor(files.length / 100));
  files.forEach((file, i) => {
    const stat = statSync(file.path);
    const { parsed, problems: found } = parseRegisterText(file.name, readFileSync(file.path, "utf8"));
    problems.add(found);
    if (parsed) {
      first.add({ ...parsed, dir: dirname(file.path) });
      // Read again in the second pass, which trusts this pass's check for repeated keys.
      Object.assign(file, { size: stat.size, mtimeMs: stat.mtimeMs });
    }
    if ((i + 1) % everyFiles === 0 || i + 1 === files.length) options.onProgress?.("files", i + 1, files.length);
  });

  // 2. Check file by file and write, in one transaction.
  return inWriteTransaction(dataSource, async (manager) => {
    const known = options.replace ? noKnownIds : await readKnownIds(manager);
    // With `replace`, the old register goes in the same transaction as the new one arrives.
    if (options.replace) for (const table of REGISTER_TABLES) await manager.query(`DELETE FROM "${table}"`);
    const scope = first.scope(known);
    const totalRows = first.rows();
    const summary: ImportSummary = { organisations: 0, fields: 0, notices: 0, optOuts: 0, flows: 0, holdings: 0 };
    await withIndexesDeferred(manager, INDEXED_TABLES, loadSize(first.counts), async () => {
      const batches = new TableBatches(manager, registerTableColumns(), options.onProgress && ((written) => options.onProgress!("rows", written, totalRows)));
      try {
        for (const file of files) {
          if (file.size < 0) continue; // did not parse: its problems are listed already
          const found: Problem[] = [];
          const parsed = readAgain(file, found);
          if (parsed) {
            // Past the limit, problems are only counted: no need to work out their lines.
            const placed = collect([problems.full ? { ...parsed, locate: () => null } : parsed], found);
            const content = checkRecords(placed, scope, found);
            problems.add(found);
            for (const key of Object.keys(summary) as (keyof ImportSummary)[]) summary[key] += content[key].length;
            if (problems.count === 0) {
              addRows(batches, content);
              await batches.flush();
            }
          } else problems.add(found);
        }
        if (problems.count === 0) await batches.finish();
      } finally {
        await batches.settle();
      }
      // Thrown before the indexes are built again: the rollback restores them.
      if (problems.count > 0) throw new RegisterValidationError(problems.kept, problems.omitted);
    });
    return summary;
  });
}

/** A file of the first pass, parsed again; a file changed in between is a problem (its checks would not hold). */
function readAgain(file: { path: string; name: string; size: number; mtimeMs: number }, problems: Problem[]): ParsedFile | null {
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
    const top = registerFile.safeParse(file.data);
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
      const o = organisationRecord.safeParse(raw);
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
    if (this.given[kind].has(id)) this.repeated[kind].add(id);
    else this.given[kind].add(id);
  }
}

function lengthOf(raw: unknown, key: string): number {
  const list = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>)[key] : undefined;
  return Array.isArray(list) ? list.length : 0;
}
