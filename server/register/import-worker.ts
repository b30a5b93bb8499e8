/**
 * The worker threads of a large import (see `importRegisterFiles`): they run the checks and make
 * each batch of rows as JSON, while the main thread only hands the batches to the database.
 *
 * The first worker runs the first pass over every file, or, when a second one is given
 * (`helper`), over the first half of their bytes while the helper reads the rest and hands back
 * what it kept. The first then hands the helper what the whole pass kept and the files split in
 * two again for the second pass: each checks its part, so checking (most of an import's work)
 * uses both cores while SQLite writes.
 *
 * Each runs ahead of the writes by at most BATCHES_AHEAD batches (it waits on a shared counter the
 * main thread moves on as it writes its batches), so a slow database cannot make batches pile up.
 */
import { MessagePort, parentPort, workerData } from "node:worker_threads";
import { RowBatcher } from "../db/row-batches";
import { collectGarbage, HeapBudget } from "./collect-garbage";
import { FileRange, FirstPassHandoff, FirstPassPart, ImportCheck } from "./import-check";
import { addRows, REGISTER_TABLE_ROWS } from "./rows";
import type { KnownIds } from "./validate";

export const BATCHES_AHEAD = 4;

/**
 * How far a worker's heap may grow in the second pass past what it held at its last full
 * collection (`HeapBudget`). V8 alone let it grow to about four times that: 63-75 MB live, 300 MB
 * between collections, and 639 MB once when its last collection fell while the first pass's flow
 * ids were still held (peak RSS 1.3-1.5 GB at 60,000 schools instead of 1.1). One full collection
 * (tens of ms at that size) per this many bytes made is the cost.
 */
const SECOND_PASS_HEAP_GROWTH = 128 * 1024 * 1024;

/** Messages from a worker to the main thread. */
export type FromWorker =
  | { type: "files"; done: number; total: number }
  | { type: "scanned"; rows: number; loadSize: number }
  | { type: "batch"; table: string; json: string; rows: number }
  | { type: "checked"; summary: ImportCheck["summary"]; problems: ImportCheck["problems"]["kept"]; omitted: number };

/** From the first worker to the helper: first the files to read for the first pass, then its part of the second, or nothing to check. */
type ToHelper = { handoff: FirstPassHandoff; from: number; to: number } | null;

/** The shared counters: [0] the first worker's batches the main thread has taken, [1] the helper's, [2] 1 when the import is abandoned, [3] 1 once either found a problem. */
export const TAKEN = [0, 1] as const;
const ABANDONED = 2;
const PROBLEM_FOUND = 3;
export const COUNTERS = 4;

export interface WorkerSetup {
  onwardImport: true;
  role: "first" | "helper";
  paths: string[];
  displayRoot: string;
  counters: SharedArrayBuffer;
  /** between the first worker and the helper, when there is one */
  port: MessagePort | null;
}

const nextMessage = <T>(port: MessagePort) => new Promise<T>((resolve) => port.once("message", resolve));

async function run(setup: WorkerSetup): Promise<void> {
  const port = parentPort!;
  const counters = new Int32Array(setup.counters);
  const post = (message: FromWorker) => port.postMessage(message);
  const checkPart = (check: ImportCheck, range: FileRange) =>
    port.once("message", ({ known }: { known: KnownIds }) => secondPass(check, known, range, counters, setup.role === "first" ? TAKEN[0] : TAKEN[1], post));
  const helper = setup.port;
  if (setup.role === "helper") {
    // The later files' first pass, handed back to the first worker, then a part of the second.
    helper!.postMessage(readLaterFiles(await nextMessage<NonNullable<ToHelper>>(helper!), post));
    // What it read is let go, and its heap would stay as large until V8's next full collection.
    collectGarbage();
    const part = await nextMessage<ToHelper>(helper!);
    helper!.close();
    if (part) checkPart(new ImportCheck({ handoff: part.handoff }), part);
    else port.once("message", () => post({ type: "checked", summary: emptySummary(), problems: [], omitted: 0 }));
    return;
  }
  const check = new ImportCheck({ paths: setup.paths, displayRoot: setup.displayRoot });
  const total = check.fileCount;
  const onFiles = (done: number) => post({ type: "files", done, total });
  if (helper) {
    // The first pass split in two by bytes: the helper reads the later files, at the same time.
    const half = check.halfOfTheBytes();
    helper.postMessage({ handoff: check.handoff(false), from: half, to: total } satisfies ToHelper);
    check.readFirst({ from: 0, to: half }, onFiles);
    check.addFirstPassPart(await nextMessage<FirstPassPart>(helper));
  } else check.readFirst({ from: 0, to: total }, onFiles);
  check.endFirstPass();
  // Problems already (a file that does not parse): the helper need not write either.
  if (check.problems.count > 0) Atomics.store(counters, PROBLEM_FOUND, 1);
  const split = helper ? check.splitInTwo() : null;
  // (the helper closes the channel once it has the message)
  helper?.postMessage((split === null ? null : { handoff: check.handoff(), from: split, to: total }) satisfies ToHelper);
  post({ type: "scanned", rows: check.rows, loadSize: check.loadSize });
  checkPart(check, { from: 0, to: split ?? total });
}

/** The helper's share of the first pass (what it keeps is let go once sent). */
function readLaterFiles(read: NonNullable<ToHelper>, post: (message: FromWorker) => void): FirstPassPart {
  const reading = new ImportCheck({ handoff: read.handoff });
  const range = { from: read.from, to: read.to };
  reading.readFirst(range, (done) => post({ type: "files", done, total: read.handoff.files.length }));
  return reading.firstPassPart(range);
}

/** Checks the files of `range`, sending their rows in batches while no problem is found here or in the other worker. */
function secondPass(check: ImportCheck, known: KnownIds, range: FileRange, counters: Int32Array, taken: number, post: (message: FromWorker) => void): void {
  // Collects now: what the first pass let go (every flow id, the other worker's copy) goes.
  const heap = new HeapBudget(SECOND_PASS_HEAP_GROWTH);
  let sent = 0;
  const batcher = new RowBatcher(
    REGISTER_TABLE_ROWS.map((t) => t.table),
    (table, json, rows) => {
      for (let done = Atomics.load(counters, taken); sent - done >= BATCHES_AHEAD; done = Atomics.load(counters, taken)) {
        if (Atomics.load(counters, ABANDONED)) throw new Error("import abandoned");
        Atomics.wait(counters, taken, done, 1000);
      }
      post({ type: "batch", table, json, rows });
      sent++;
    },
  );
  const writing = () => check.problems.count === 0 && !Atomics.load(counters, PROBLEM_FOUND);
  for (const content of check.secondPass(known, range)) {
    if (Atomics.load(counters, ABANDONED)) return;
    heap.check();
    if (check.problems.count > 0) Atomics.store(counters, PROBLEM_FOUND, 1);
    if (writing()) {
      addRows(batcher, content);
      batcher.flushSync();
    }
  }
  if (writing()) batcher.flushSync(true);
  post({ type: "checked", summary: check.summary, problems: check.problems.kept, omitted: check.problems.omitted });
}

function emptySummary(): ImportCheck["summary"] {
  return { organisations: 0, fields: 0, notices: 0, optOuts: 0, flows: 0, holdings: 0 };
}

// A failure rejects `run`: unhandled, it ends the worker, which the main thread hears as an error.
if (parentPort && (workerData as { onwardImport?: boolean } | null)?.onwardImport) void run(workerData as WorkerSetup);
