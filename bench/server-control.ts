import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { ChildReady, ChildStats, ParentMessage } from "./server-child";

/** The register server in a child process (bench/server-child.ts) on `location`; `workers` > 1 runs it as WORKERS=N npm start. */
export function startServer(location: string, heapMb: number | null, workers = 1): Promise<{ child: ChildProcess; ready: ChildReady }> {
  const child = fork(join(__dirname, "server-child.ts"), [location], {
    // BENCH_SERVER_FLAGS: Node or V8 flags to try on the server (its workers inherit them).
    execArgv: ["--expose-gc", ...(heapMb ? [`--max-old-space-size=${heapMb}`] : []), ...(process.env.BENCH_SERVER_FLAGS?.split(" ").filter(Boolean) ?? []), "--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    // As `npm start` runs it: graphql-js's development-mode checks off.
    env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? "production", BENCH_WORKERS: String(workers) },
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the server process exited (code ${code}) before it was ready`)));
    child.on("message", (m: ChildReady | { type: "error"; message: string }) => {
      if (m.type === "ready") resolve({ child, ready: m });
      if (m.type === "error") reject(new Error(`the server process failed: ${m.message}`));
    });
  });
}

/** The server's memory and CPU so far (summed over its workers, with each one's peak). */
export function childStats(child: ChildProcess): Promise<ChildStats> {
  if (!child.connected) return Promise.reject(new Error("the server process has exited (out of memory?)"));
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null, signal: string | null) => reject(new Error(`the server process exited (code ${code}, signal ${signal})`));
    const onMessage = (m: ChildStats) => {
      if (m.type !== "stats") return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(m);
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
    child.send({ type: "stats" } satisfies ParentMessage, (error) => error && reject(error));
  });
}

/** Stops the server child (and its workers) and waits for it to exit. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  if (child.connected) child.send({ type: "stop" } satisfies ParentMessage);
  else child.kill();
  await exited;
}
