import { resolve } from "node:path";

/** Where the project lives: the folder holding package.json (server/ is one level down). */
export const PROJECT_ROOT = resolve(__dirname, "..");

export interface ServerConfig {
  port: number;
  host: string;
  databasePath: string;
  adminToken: string | null;
  seedsDir: string;
}

/** Reads the environment: PORT, HOST, DATABASE_PATH (or ONWARD_DB), REGISTER_ADMIN_TOKEN. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = env.PORT === undefined ? 4000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}".`);
  return {
    port,
    host: env.HOST ?? "localhost",
    databasePath: resolve(env.DATABASE_PATH ?? resolve(PROJECT_ROOT, "data", "register.sqlite")),
    adminToken: env.REGISTER_ADMIN_TOKEN?.trim() || null,
    seedsDir: resolve(PROJECT_ROOT, "seeds"),
  };
}
