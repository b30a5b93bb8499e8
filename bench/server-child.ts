import "reflect-metadata";
import cluster, { Worker } from "node:cluster";
import { openDatabase, openReader } from "../server/db/data-source";
import { PROJECT_ROOT } from "../server/config";
import { createRegisterServer } from "../server/http/app";
import { snapshotPathFor } from "../server/snapshot/snapshot-file";

/**
 * The register server for `npm run bench`, in a process of its own so its memory (RSS) is its
 * own and the load generator does not share its event loop. Talks to the bench over IPC:
 * sends `ready` once listening with the graph snapshot loaded, answers `stats`, stops on `stop`.
 * With BENCH_WORKERS=N it is N processes sharing one port (Node's cluster, as WORKERS=N npm
 * start): the primary forks, relays, and reports each worker's memory.
 */

export interface ChildReady {
  type: "ready";
  url: string;
  /** opening the database and building the server, ms */
  startMs: number;
  /** loading and indexing the graph snapshot, ms */
  snapshotMs: number;
  /** where the snapshot came from: the snapshot file or the database */
  snapshotSource: string;
  /** after a load from the database: how long writing the snapshot file took after the load (0 when none was written) */
  snapshotWriteMs: number;
  rssBeforeSnapshot: number;
  /** after the snapshot is loaded (and a garbage collection, when exposed) */
  rssAfterLoad: number;
  heapAfterLoad: number;
  /** with several workers: each one's RSS after its snapshot loaded */
  workerRss?: number[];
}

export interface ChildStats {
  type: "stats";
  rss: number;
  /** peak RSS of the process so far */
  maxRss: number;
  heapUsed: number;
  /** CPU time used so far, ms */
  cpuMs: number;
  /** with several workers: each one's peak RSS (then rss and maxRss are their sums) */
  workerMaxRss?: number[];
}

export type ParentMessage = { type: "stats" } | { type: "stop" };

function send(message: ChildReady | ChildStats | { type: "error"; message: string }) {
  process.send?.(message);
}

function stats(): ChildStats {
  const usage = process.resourceUsage();
  const memory = process.memoryUsage();
  return { type: "stats", rss: memory.rss, maxRss: usage.maxRSS * 1024, heapUsed: memory.heapUsed, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
}

/** The primary of BENCH_WORKERS workers: forks them, waits for each to be ready, relays stats and stop. */
async function primary(count: number) {
  const workers: Worker[] = Array.from({ length: count }, () => cluster.fork());
  const ask = <T>(worker: Worker, type: ChildReady["type"] | ChildStats["type"], request?: ParentMessage): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (m: { type: string; message?: string }) => {
        if (m.type === "error") reject(new Error(m.message));
        if (m.type !== type) return;
        worker.off("message", onMessage);
        resolve(m as T);
      };
      worker.on("message", onMessage);
      if (request) worker.send(request);
    });
  const ready = await Promise.all(workers.map((w) => ask<ChildReady>(w, "ready")));
  send({
    type: "ready",
    url: ready[0].url,
    startMs: Math.max(...ready.map((r) => r.startMs)),
    snapshotMs: Math.max(...ready.map((r) => r.snapshotMs)),
    snapshotSource: [...new Set(ready.map((r) => r.snapshotSource))].join(" and "),
    snapshotWriteMs: Math.max(...ready.map((r) => r.snapshotWriteMs)),
    rssBeforeSnapshot: ready.reduce((a, r) => a + r.rssBeforeSnapshot, 0),
    rssAfterLoad: ready.reduce((a, r) => a + r.rssAfterLoad, 0),
    heapAfterLoad: ready.reduce((a, r) => a + r.heapAfterLoad, 0),
    workerRss: ready.map((r) => r.rssAfterLoad),
  });
  process.on("message", async (message: ParentMessage) => {
    if (message.type === "stats") {
      const all = await Promise.all(workers.map((w) => ask<ChildStats>(w, "stats", { type: "stats" })));
      send({
        type: "stats",
        rss: all.reduce((a, s) => a + s.rss, 0),
        maxRss: all.reduce((a, s) => a + s.maxRss, 0),
        heapUsed: all.reduce((a, s) => a + s.heapUsed, 0),
        cpuMs: all.reduce((a, s) => a + s.cpuMs, 0),
        workerMaxRss: all.map((s) => s.maxRss),
      });
    }
    if (message.type === "stop") {
      await Promise.all(workers.map((w) => new Promise((resolve) => (w.once("exit", resolve), w.send({ type: "stop" })))));
      process.exit(0);
    }
  });
  process.on("disconnect", () => {
    for (const w of workers) w.kill();
    process.exit(0);
  });
}

async function main() {
  const workers = Number(process.env.BENCH_WORKERS ?? 1);
  if (workers > 1 && cluster.isPrimary) return primary(workers);
  const databasePath = process.argv[2];
  if (!databasePath || !process.send) throw new Error("usage: started by bench/bench.ts with a database (path or postgres:// URL) and an IPC channel");
  const started = performance.now();
  // As `npm start` does: a writer connection and a read-only one that answers.
  const writer = await openDatabase(databasePath);
  const dataSource = await openReader(databasePath);
  // As `npm start` does: the graph snapshot file beside the database (or GRAPH_SNAPSHOT's).
  const snapshotFile = snapshotPathFor(databasePath, process.env.GRAPH_SNAPSHOT, PROJECT_ROOT);
  const server = await createRegisterServer({ dataSource, writer, adminToken: null, clientDir: null, snapshotFile, log: (m) => console.error(`[server] ${m}`) });
  const url = await server.listen(0, "127.0.0.1");
  const startMs = performance.now() - started;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const rssBeforeSnapshot = process.memoryUsage().rss;
  const snapshotStarted = performance.now();
  await server.graph.get();
  const snapshotMs = performance.now() - snapshotStarted;
  const snapshotSource = server.graph.lastLoad?.source ?? "database";
  const writeStarted = performance.now();
  const writing = server.graph.fileWrite;
  await writing;
  const snapshotWriteMs = writing ? performance.now() - writeStarted : 0;
  gc?.();
  const memory = process.memoryUsage();
  send({ type: "ready", url, startMs, snapshotMs, snapshotSource, snapshotWriteMs, rssBeforeSnapshot, rssAfterLoad: memory.rss, heapAfterLoad: memory.heapUsed });

  process.on("message", async (message: ParentMessage) => {
    if (message.type === "stats") send(stats());
    if (message.type === "stop") {
      await server.close();
      await dataSource.destroy();
      await writer.destroy();
      process.exit(0);
    }
  });
  // If the bench dies, do not linger.
  process.on("disconnect", () => process.exit(0));
}

main().catch((error) => {
  send({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
