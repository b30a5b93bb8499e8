import { join } from "node:path";
import { MessageChannel, Worker } from "node:worker_threads";
import { JsonRowWriter } from "../db/bulk-insert";
import { MAX_PROBLEMS_LISTED, ImportSummary } from "./import-check";
import { COUNTERS, FromWorker, TAKEN, WorkerSetup } from "./import-worker";
import { Problem } from "./problems";
import type { KnownIds } from "./validate";

/** What checked the files: the main thread or workers. */
export interface Checker {
  rows: number;
  loadSize: number;
  /** checks every file against `known`, sending rows to `writer` while there is no problem */
  checkAndWrite(known: KnownIds, writer: JsonRowWriter): Promise<{ summary: ImportSummary; problems: Problem[]; omitted: number }>;
  close(): Promise<void>;
}

type Checked = Extract<FromWorker, { type: "checked" }>;

/**
 * Both passes on worker threads (`import-worker.ts`): the first pass on one, the second split
 * between it and a helper when `helper` (so checking has a core while this thread and SQLite's
 * write); this thread writes the batches they send, one statement at a time, as they come.
 */
export async function checkOnWorkers(paths: string[], displayRoot: string, helper: boolean, onFiles?: (done: number, total: number) => void): Promise<Checker> {
  const counters = new Int32Array(new SharedArrayBuffer(4 * COUNTERS));
  const channel = helper ? new MessageChannel() : null;
  const start = (role: WorkerSetup["role"], port: WorkerSetup["port"]) => {
    const setup: WorkerSetup = { onwardImport: true, role, paths, displayRoot, counters: counters.buffer as SharedArrayBuffer, port };
    // Each worker loads the TypeScript sources as the main thread does (tsx's require hook).
    return new Worker(`require("tsx/cjs/api").register(); require(${JSON.stringify(join(__dirname, "import-worker.ts"))});`, {
      eval: true,
      workerData: setup,
      transferList: port ? [port] : [],
    });
  };
  // The helper starts now, so that its start-up overlaps the first pass.
  const workers = [start("first", channel?.port1 ?? null), ...(channel ? [start("helper", channel.port2)] : [])];

  let failed: ((error: unknown) => void) | null = null;
  let listener: ((message: FromWorker, from: number) => void) | null = null;
  let exited: Error | null = null;
  // A worker whose part is checked has nothing left to wait for, and ends.
  const finished = workers.map(() => false);
  const stopped = Promise.all(workers.map((w) => new Promise<void>((resolve) => w.once("exit", () => resolve()))));
  workers.forEach((worker, i) => {
    worker.on("message", (message: FromWorker) => {
      if (message.type === "checked") finished[i] = true;
      listener?.(message, i);
    });
    worker.on("error", (error) => {
      exited ??= error;
      failed?.(error);
    });
    worker.on("exit", (code) => {
      if (code === 0 && finished[i]) return;
      exited ??= new Error(`the import's worker thread stopped (exit code ${code})`);
      failed?.(exited);
    });
  });
  const abandon = async () => {
    Atomics.store(counters, 2, 1);
    for (const taken of TAKEN) Atomics.notify(counters, taken);
    await Promise.all(workers.map((w) => w.terminate()));
  };

  try {
    const filesRead = [0, 0];
    const scanned = await new Promise<Extract<FromWorker, { type: "scanned" }>>((resolve, reject) => {
      failed = reject;
      listener = (message, from) => {
        if (message.type === "files") {
          // Each worker counts its own files of the first pass.
          filesRead[from] = message.done;
          onFiles?.(filesRead[0] + filesRead[1], message.total);
        }
        else if (message.type === "scanned") resolve(message);
      };
    });
    return {
      rows: scanned.rows,
      loadSize: scanned.loadSize,
      checkAndWrite: (known, writer) =>
        new Promise((resolve, reject) => {
          // Batches are written one after another, whichever worker sent them; each one taken
          // lets its worker run one further ahead.
          let written: Promise<void> = Promise.resolve();
          const checked: (Checked | undefined)[] = workers.map(() => undefined);
          const fail = (error: unknown) => {
            failed = null;
            listener = null;
            void abandon();
            reject(error);
          };
          failed = fail;
          if (exited) return fail(exited);
          listener = (message, from) => {
            if (message.type === "batch") {
              written = written
                .then(() => writer.send(message.table, message.json, message.rows))
                .then(() => {
                  Atomics.add(counters, TAKEN[from], 1);
                  Atomics.notify(counters, TAKEN[from]);
                });
              written.catch(fail);
            } else if (message.type === "checked") {
              checked[from] = message;
              if (checked.every(Boolean)) {
                failed = null;
                written.then(() => resolve(mergeChecked(checked as Checked[])), fail);
              }
            }
          };
          for (const worker of workers) worker.postMessage({ known });
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

/** The workers' results in file order (the first worker's files come first): summed, their problems as one list. */
function mergeChecked(parts: Checked[]): { summary: ImportSummary; problems: Problem[]; omitted: number } {
  const summary = { ...parts[0].summary };
  for (const part of parts.slice(1)) for (const key of Object.keys(summary) as (keyof ImportSummary)[]) summary[key] += part.summary[key];
  const all = parts.flatMap((p) => p.problems);
  const problems = all.slice(0, MAX_PROBLEMS_LISTED);
  const omitted = parts.reduce((n, p) => n + p.omitted, 0) + all.length - problems.length;
  return { summary, problems, omitted };
}
