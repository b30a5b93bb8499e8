import { statSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { DataSource } from "typeorm";
import { isBulkLoad, JsonRowWriter, withIndexesDeferred } from "../db/bulk-insert";
import { withRollbackJournal } from "../db/bulk-journal";
import { RowBatcher } from "../db/row-batches";
import { inWriteTransaction } from "../db/write-queue";
import { ApplyProgress, readKnownIds } from "./apply";
import { ImportCheck, ImportSummary } from "./import-check";
import type { FromWorker } from "./import-worker";
import { listRegisterFiles } from "./parse-files";
import { Problem, RegisterValidationError } from "./problems";
import { addRows, INDEXED_TABLES, REGISTER_TABLE_ROWS, registerTableColumns } from "./rows";
import { KnownIds, noKnownIds, RegisterContent } from "./validate";

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

/** What checked the files: the main thread or a worker. */
interface Checker {
  rows: number;
  loadSize: number;
  /** checks every file against `known`, sending rows to `writer` while there is no problem */
  checkAndWrite(known: KnownIds, writer: JsonRowWriter): Promise<{ summary: ImportSummary; problems: Problem[]; omitted: number }>;
  close(): Promise<void>;
}

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
 * A large import (`worker`, by default over WORKER_FROM_BYTES of files) runs both passes on a
 * worker thread, which also makes the rows' JSON: the main thread only hands batches to the
 * database, so checking and writing each have a core.
 *
 * `onProgress` hears `("files", done, total)` during the first pass and `("rows", written, total)`
 * while writing (the total from the first pass's counts).
 */
export async function importRegisterFiles(
  dataSource: DataSource,
  paths: string[],
  options: { onProgress?: ApplyProgress; displayRoot?: string; replace?: boolean; worker?: boolean } = {},
): Promise<ImportSummary> {
  const displayRoot = options.displayRoot ?? process.cwd();
  const onFiles = options.onProgress && ((done: number, total: number) => options.onProgress!("files", done, total));
  const worker = options.worker ?? listRegisterFiles(paths).reduce((bytes, path) => bytes + statSync(path).size, 0) > WORKER_FROM_BYTES;
  const checker = worker ? await checkOnWorker(paths, displayRoot, onFiles) : checkHere(paths, displayRoot, onFiles);
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
  const check = new ImportCheck(paths, displayRoot);
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

/** Both passes on a worker thread (`import-worker.ts`); this thread writes the batches it sends. */
async function checkOnWorker(paths: string[], displayRoot: string, onFiles?: (done: number, total: number) => void): Promise<Checker> {
  const shared = new SharedArrayBuffer(8);
  const counters = new Int32Array(shared);
  // The worker loads the TypeScript sources as the main thread does (tsx's require hook).
  const worker = new Worker(`require("tsx/cjs/api").register(); require(${JSON.stringify(join(__dirname, "import-worker.ts"))});`, {
    eval: true,
    workerData: { onwardImport: true, paths, displayRoot, counters: shared },
  });
  let failed: ((error: unknown) => void) | null = null;
  let listener: ((message: FromWorker) => void) | null = null;
  let exited: Error | null = null;
  const stopped = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  worker.on("message", (message: FromWorker) => listener?.(message));
  worker.on("error", (error) => {
    exited ??= error;
    failed?.(error);
  });
  worker.on("exit", (code) => {
    exited ??= new Error(`the import's worker thread stopped (exit code ${code})`);
    failed?.(exited);
  });
  const abandon = async () => {
    Atomics.store(counters, 1, 1);
    Atomics.notify(counters, 0);
    await worker.terminate();
  };

  try {
    const scanned = await new Promise<Extract<FromWorker, { type: "scanned" }>>((resolve, reject) => {
      failed = reject;
      listener = (message) => {
        if (message.type === "files") onFiles?.(message.done, message.total);
        else if (message.type === "scanned") resolve(message);
      };
    });
    return {
      rows: scanned.rows,
      loadSize: scanned.loadSize,
      checkAndWrite: (known, writer) =>
        new Promise((resolve, reject) => {
          // Batches are written one after another; each one taken lets the worker run one further ahead.
          let written: Promise<void> = Promise.resolve();
          const fail = (error: unknown) => {
            failed = null;
            listener = null;
            void abandon();
            reject(error);
          };
          failed = fail;
          if (exited) return fail(exited);
          listener = (message) => {
            if (message.type === "batch") {
              written = written
                .then(() => writer.send(message.table, message.json, message.rows))
                .then(() => {
                  Atomics.add(counters, 0, 1);
                  Atomics.notify(counters, 0);
                });
              written.catch(fail);
            } else if (message.type === "checked") {
              failed = null;
              written.then(() => resolve(message), fail);
            }
          };
          worker.postMessage({ known });
        }),
      close: async () => {
        await abandon();
        await stopped;
      },
    };
  } catch (error) {
    await abandon();
    throw error;
  }
}
