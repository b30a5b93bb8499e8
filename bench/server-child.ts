import "reflect-metadata";
import { openDatabase, openReader } from "../server/db/data-source";
import { createRegisterServer } from "../server/http/app";

/**
 * The register server for `npm run bench`, in a process of its own so its memory (RSS) is its
 * own and the load generator does not share its event loop. Talks to the bench over IPC:
 * sends `ready` once listening with the graph snapshot loaded, answers `stats`, stops on `stop`.
 */

export interface ChildReady {
  type: "ready";
  url: string;
  /** opening the database and building the server, ms */
  startMs: number;
  /** loading and indexing the graph snapshot, ms */
  snapshotMs: number;
  rssBeforeSnapshot: number;
  /** after the snapshot is loaded (and a garbage collection, when exposed) */
  rssAfterLoad: number;
  heapAfterLoad: number;
}

export interface ChildStats {
  type: "stats";
  rss: number;
  /** peak RSS of the process so far */
  maxRss: number;
  heapUsed: number;
  /** CPU time used so far, ms */
  cpuMs: number;
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

async function main() {
  const databasePath = process.argv[2];
  if (!databasePath || !process.send) throw new Error("usage: started by bench/bench.ts with a database path and an IPC channel");
  const started = performance.now();
  // As `npm start` does: a writer connection and a read-only one that answers.
  const writer = await openDatabase(databasePath);
  const dataSource = await openReader(databasePath);
  const server = await createRegisterServer({ dataSource, writer, adminToken: null, clientDir: null, log: (m) => console.error(`[server] ${m}`) });
  const url = await server.listen(0, "127.0.0.1");
  const startMs = performance.now() - started;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const rssBeforeSnapshot = process.memoryUsage().rss;
  const snapshotStarted = performance.now();
  await server.graph.get();
  const snapshotMs = performance.now() - snapshotStarted;
  gc?.();
  const memory = process.memoryUsage();
  send({ type: "ready", url, startMs, snapshotMs, rssBeforeSnapshot, rssAfterLoad: memory.rss, heapAfterLoad: memory.heapUsed });

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
