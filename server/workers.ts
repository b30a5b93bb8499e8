import cluster, { Worker } from "node:cluster";
import { ServerConfig } from "./config";
import { describeLocation } from "./db/data-source";

/** What a worker tells the primary: where it listens, and when its snapshot is loaded. */
export type WorkerMessage = { listening: string } | { ready: number };

export function tellPrimary(message: WorkerMessage): void {
  process.send?.(message);
}

/** Restarts allowed per minute before the primary gives up on a worker that keeps dying. */
const RESTARTS_PER_MINUTE = 5;

/**
 * `WORKERS=N npm start`: N server processes (Node's cluster) share the port; the operating system
 * hands each new connection to one of them. Each keeps its own snapshot of the graph (memory per
 * process: README, "Several processes") and sees every other's changes at its next question
 * (server/graph-store.ts). The primary only forks, reports, restarts a worker that dies, and
 * stops them all on SIGTERM or SIGINT.
 */
export async function runWorkers(config: ServerConfig, log: (message: string) => void): Promise<void> {
  let stopping = false;
  const restarts: number[] = [];
  let announced = false;
  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on("message", (message: WorkerMessage) => {
      if ("listening" in message && !announced) {
        announced = true;
        const base = message.listening.replace(/\/graphql$/, "");
        log(`Onward register: ${describeLocation(config.database)}, ${config.workers} server processes`);
        log(`  API and query IDE: ${message.listening}`);
        log(`  Map:               ${base}/`);
        log(config.adminToken ? "  Changes: allowed with the admin token (REGISTER_ADMIN_TOKEN)." : "  Read-only: set REGISTER_ADMIN_TOKEN to allow changes.");
      }
    });
    return worker;
  };
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    while (restarts.length > 0 && now - restarts[0] > 60_000) restarts.shift();
    if (restarts.length >= RESTARTS_PER_MINUTE) {
      log(`Worker ${worker.process.pid} stopped (${signal ?? code}); too many restarts in a minute, so it is not restarted.`);
      return;
    }
    restarts.push(now);
    log(`Worker ${worker.process.pid} stopped (${signal ?? code}); starting another.`);
    fork();
  });
  for (let i = 0; i < config.workers; i++) fork();
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once("exit", () => resolve());
            w.process.kill("SIGTERM");
          }),
      ),
    );
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
