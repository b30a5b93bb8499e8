import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { DataSource } from "typeorm";
import { isBulkLoad, JsonRowWriter, withIndexesDeferred } from "../db/bulk-insert";
import { withRollbackJournal } from "../db/bulk-journal";
import { RowBatcher } from "../db/row-batches";
import { inWriteTransaction } from "../db/write-queue";
import { ApplyProgress, readKnownIds } from "./apply";
import { ImportCheck, ImportSummary } from "./import-check";
import { Checker, checkOnWorkers } from "./import-workers";
import { listRegisterFiles } from "./parse-files";
import { RegisterValidationError } from "./problems";
import { addRows, INDEXED_TABLES, REGISTER_TABLE_ROWS, registerTableColumns } from "./rows";
import { noKnownIds, RegisterContent } from "./validate";

export { MAX_PROBLEMS_LISTED, type ImportSummary } from "./import-check";

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

/** Imports of more bytes than this are checked on a worker thread (starting one costs about half a second). */
const WORKER_FROM_BYTES = 16 * 1024 * 1024;

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
 * 3. A large load builds the secondary indexes after the last row (`withIndexesDeferred`), and on
 *    SQLite writes through a rollback journal rather than the write-ahead log when no other
 *    connection is open (`withRollbackJournal`).
 *
 * A large import (`worker`, by default over WORKER_FROM_BYTES of files) runs both passes on
 * worker threads, which also make the rows' JSON: the main thread only hands batches to the
 * database. On more than one core (or with `helper`) the second pass is split between two
 * workers (`checkOnWorkers`): checking takes more CPU than SQLite's writing, which runs beside it.
 *
 * `onProgress` hears `("files", done, total)` during the first pass and `("rows", written, total)`
 * while writing (the total from the first pass's counts).
 */
export async function importRegisterFiles(
  dataSource: DataSource,
  paths: string[],
  options: { onProgress?: ApplyProgress; displayRoot?: string; replace?: boolean; worker?: boolean; helper?: boolean } = {},
): Promise<ImportSummary> {
  const displayRoot = options.displayRoot ?? process.cwd();
  const onFiles = options.onProgress && ((done: number, total: number) => options.onProgress!("files", done, total));
  const worker = options.worker ?? listRegisterFiles(paths).reduce((bytes, path) => bytes + statSync(path).size, 0) > WORKER_FROM_BYTES;
  const checker = worker ? await checkOnWorkers(paths, displayRoot, options.helper ?? availableParallelism() > 1, onFiles) : checkHere(paths, displayRoot, onFiles);
  // A bulk load on SQLite goes through a rollback journal when it can (its pages written once, not twice).
  const journal = isBulkLoad(checker.loadSize) ? withRollbackJournal : <T>(_: DataSource, work: () => Promise<T>) => work();
  try {
    return await journal(dataSource, () => inWriteTransaction(dataSource, async (manager) => {
      const known = options.replace ? noKnownIds : await readKnownIds(manager);
      // With `replace`, the old register goes in the same transaction as the new one arrives.
      if (options.replace) for (const table of REGISTER_TABLES) await manager.query(`DELETE FROM "${table}"`);
      return withIndexesDeferred(manager, INDEXED_TABLES, checker.loadSize, async () => {
        const total = checker.rows;
        const writer = new JsonRowWriter(manager, registerTableColumns(), options.onProgress && ((written) => options.onProgress!("rows", written, total)));
        try {
          const { summary, problems, omitted } = await checker.checkAndWrite(known, writer);
          // Thrown before the indexes are built again: the rollback restores them.
          if (problems.length > 0) throw new RegisterValidationError(problems, omitted);
          await writer.finish();
          return summary;
        } finally {
          await writer.settle();
        }
      });
    }));
  } finally {
    await checker.close();
  }
}

/** Both passes on this thread, between the database's writes. */
function checkHere(paths: string[], displayRoot: string, onFiles?: (done: number, total: number) => void): Checker {
  const check = new ImportCheck({ paths, displayRoot });
  check.firstPass(onFiles);
  return {
    rows: check.rows,
    loadSize: check.loadSize,
    async checkAndWrite(known, writer) {
      const batcher = new RowBatcher(
        REGISTER_TABLE_ROWS.map((t) => t.table),
        (table, json, rows) => writer.send(table, json, rows),
      );
      for (const content of check.secondPass(known)) {
        if (check.problems.count > 0) continue;
        addRows(batcher, content);
        await batcher.flush();
      }
      if (check.problems.count === 0) await batcher.flush(true);
      return { summary: check.summary, problems: check.problems.kept, omitted: check.problems.omitted };
    },
    close: async () => {},
  };
}
