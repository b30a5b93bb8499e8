import "reflect-metadata";
import { join } from "node:path";
import { DataSource } from "typeorm";
import { PROJECT_ROOT } from "../../server/config";
import { createRegisterServer, RegisterServer } from "../../server/http/app";
import { importRegisterFiles } from "../../server/register/import";
import { testDatabase } from "./database";

export const SEEDS_DIR = join(PROJECT_ROOT, "seeds");
export const CLIENT_DIR = join(PROJECT_ROOT, "dist", "client");


/** A register loaded from `seeds/`, in memory or in a new PostgreSQL database (each call gets its own; see ./database.ts). */
export async function seededDatabase(): Promise<DataSource> {
  const dataSource = await testDatabase();
  await importRegisterFiles(dataSource, [SEEDS_DIR]);
  return dataSource;
}

export interface TestServer {
  server: RegisterServer;
  dataSource: DataSource;
  /** http://127.0.0.1:PORT/graphql */
  url: string;
  /** http://127.0.0.1:PORT */
  base: string;
  close(): Promise<void>;
}

/**
 * A real register over real HTTP on a free port (port 0), seeded from `seeds/` in memory,
 * serving the built client when `dist/client` exists.
 */
export async function startTestServer(
  options: { adminToken?: string | null; listen?: boolean; chainBudgetMs?: number; log?: (message: string) => void } = {},
): Promise<TestServer> {
  const dataSource = await seededDatabase();
  const server = await createRegisterServer({ dataSource, adminToken: options.adminToken ?? null, clientDir: CLIENT_DIR, log: options.log ?? (() => {}), chainBudgetMs: options.chainBudgetMs });
  const url = options.listen === false ? "" : await server.listen(0, "127.0.0.1");
  return {
    server,
    dataSource,
    url,
    base: url.replace(/\/graphql$/, ""),
    close: async () => {
      await server.close();
      await dataSource.destroy();
    },
  };
}

