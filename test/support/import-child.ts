/**
 * Imports a register folder into a new SQLite file in its own process (run with --expose-gc) and
 * prints, as one JSON line, the largest live JS heap seen during the import (measured after a full
 * garbage collection at every progress report, so garbage waiting to be collected does not
 * count) and the process's peak RSS (bytes). The bounded-memory test compares them across sizes.
 */
import "reflect-metadata";
import { openDatabase } from "../../server/db/data-source";
import { importRegisterFiles } from "../../server/register/import";

const gc = (globalThis as { gc?: () => void }).gc;

async function main() {
  if (!gc) throw new Error("run with --expose-gc");
  const [dir, database] = process.argv.slice(2);
  const dataSource = await openDatabase(database);
  gc();
  const before = process.memoryUsage().heapUsed;
  let live = before;
  let reports = 0;
  // On this thread, where gc() and heapUsed reach the checks (a worker thread has its own heap).
  const summary = await importRegisterFiles(dataSource, [dir], {
    worker: false,
    onProgress: () => {
      reports++;
      gc();
      live = Math.max(live, process.memoryUsage().heapUsed);
    },
  });
  await dataSource.destroy();
  process.stdout.write(`${JSON.stringify({ liveGrowth: live - before, peakRss: process.resourceUsage().maxRSS * 1024, flows: summary.flows, reports })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
