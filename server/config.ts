import { resolve } from "node:path";
import { snapshotPathFor } from "./snapshot/snapshot-file";

/** Where the project lives: the folder holding package.json (server/ is one level down). */
export const PROJECT_ROOT = resolve(__dirname, "..");

export interface ServerConfig {
  port: number;
  host: string;
  /** a postgres:// URL (DATABASE_URL) or the SQLite file's absolute path (DATABASE_PATH) */
  database: string;
  /** server processes to run (WORKERS, default 1): more than one shares the port through Node's cluster */
  workers: number;
  adminToken: string | null;
  seedsDir: string;
  /** where the graph snapshot is kept between starts (GRAPH_SNAPSHOT; null: not kept) */
  graphSnapshot: string | null;
}

/** Reads the environment: PORT, HOST, DATABASE_URL or DATABASE_PATH, WORKERS, REGISTER_ADMIN_TOKEN, GRAPH_SNAPSHOT. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = env.PORT === undefined ? 4000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}".`);
  const workers = env.WORKERS === undefined || env.WORKERS === "" ? 1 : Number(env.WORKERS);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new Error(`WORKERS must be a whole number from 1 to 64, not "${env.WORKERS}".`);
  const url = env.DATABASE_URL?.trim();
  if (url && !/^postgres(ql)?:\/\//i.test(url)) throw new Error(`DATABASE_URL must be a postgres:// URL; for a SQLite file set DATABASE_PATH instead.`);
  const database = url || resolve(env.DATABASE_PATH || resolve(PROJECT_ROOT, "data", "register.sqlite"));
  return {
    port,
    host: env.HOST ?? "localhost",
    database,
    graphSnapshot: snapshotPathFor(database, env.GRAPH_SNAPSHOT, PROJECT_ROOT),
    workers,
    adminToken: env.REGISTER_ADMIN_TOKEN?.trim() || null,
    seedsDir: resolve(PROJECT_ROOT, "seeds"),
  };
}
