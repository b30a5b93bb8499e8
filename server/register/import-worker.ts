/**
 * The worker thread of a large import (see `importRegisterFiles`): runs both passes of the checks
 * and makes each batch of rows as JSON, while the main thread only hands the batches to the
 * database, so checking and writing use two cores. It runs ahead of the writes by at most
 * BATCHES_AHEAD batches (it waits on a shared counter the main thread moves on as it writes), so a
 * slow database cannot make batches pile up in memory.
 */
import { parentPort, workerData } from "node:worker_threads";
import { RowBatcher } from "../db/row-batches";
import { ImportCheck } from "./import-check";
import { addRows, REGISTER_TABLE_ROWS } from "./rows";
import type { KnownIds } from "./validate";

export const BATCHES_AHEAD = 4;

/** Messages from the worker to the main thread. */
export type FromWorker =
  | { type: "files"; done: number; total: number }
  | { type: "scanned"; rows: number; loadSize: number }
  | { type: "batch"; table: string; json: string; rows: number }
  | { type: "checked"; summary: ImportCheck["summary"]; problems: ImportCheck["problems"]["kept"]; omitted: number };

/** The shared counters: [0] batches the main thread has taken, [1] 1 when the import is abandoned. */
const TAKEN = 0;
const ABANDONED = 1;

function run(): void {
  const port = parentPort!;
  const { paths, displayRoot, counters: shared } = workerData as { paths: string[]; displayRoot: string; counters: SharedArrayBuffer };
  const counters = new Int32Array(shared);
  const post = (message: FromWorker) => port.postMessage(message);
  const check = new ImportCheck(paths, displayRoot);
  check.firstPass((done, total) => post({ type: "files", done, total }));
  post({ type: "scanned", rows: check.rows, loadSize: check.loadSize });
  port.once("message", ({ known }: { known: KnownIds }) => {
    let sent = 0;
    const batcher = new RowBatcher(
      REGISTER_TABLE_ROWS.map((t) => t.table),
      (table, json, rows) => {
        for (let taken = Atomics.load(counters, TAKEN); sent - taken >= BATCHES_AHEAD; taken = Atomics.load(counters, TAKEN)) {
          if (Atomics.load(counters, ABANDONED)) throw new Error("import abandoned");
          Atomics.wait(counters, TAKEN, taken, 1000);
        }
        post({ type: "batch", table, json, rows });
        sent++;
      },
    );
    for (const content of check.secondPass(known)) {
      if (Atomics.load(counters, ABANDONED)) return;
      if (check.problems.count === 0) {
        addRows(batcher, content);
        batcher.flushSync();
      }
    }
    if (check.problems.count === 0) batcher.flushSync(true);
    post({ type: "checked", summary: check.summary, problems: check.problems.kept, omitted: check.problems.omitted });
  });
}

if (parentPort && (workerData as { onwardImport?: boolean } | null)?.onwardImport) run();
