import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Database } from "sqlite3";
import { DataSource } from "typeorm";
import { entities } from "../entities";

/**
 * How long a connection waits for another one (another process: `npm run import`, a second
 * server) to finish writing before it gives up with SQLITE_BUSY. An import of a national register
 * holds the write lock for about half a minute; a mutation waits this long, then says the register
 * is busy (REGISTER_BUSY) rather than hanging.
 */
export const BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens the register's SQLite database (`:memory:` for tests) read-write, and creates its tables
 * if they are missing. The schema is derived from the entities; there is no data to migrate yet.
 *
 * Durability: WAL with `synchronous = FULL`, so a transaction whose COMMIT returned is on disk
 * (it survives kill -9 and a power cut); readers on other connections go on while one writes.
 */
export async function openDatabase(path: string): Promise<DataSource> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const dataSource = new DataSource({ type: "sqlite", database: path, entities, synchronize: true, logging: false, busyTimeout: BUSY_TIMEOUT_MS });
  await dataSource.initialize();
  await dataSource.query("PRAGMA journal_mode = WAL");
  await dataSource.query("PRAGMA synchronous = FULL");
  return dataSource;
}

/**
 * A second connection to a register file that can only read (`PRAGMA query_only`): the server
 * answers questions on it while its writer connection commits changes one at a time. Nothing can
 * write through it by mistake, and it never sees a change before that change is committed.
 */
export async function openReader(path: string): Promise<DataSource> {
  const dataSource = new DataSource({ type: "sqlite", database: path, entities, synchronize: false, logging: false, busyTimeout: BUSY_TIMEOUT_MS });
  await dataSource.initialize();
  await dataSource.query("PRAGMA query_only = 1");
  return dataSource;
}

/** The driver's own connection, for the few calls that must not pay TypeORM's per-query cost. */
function sqliteConnection(dataSource: DataSource): Database {
  return (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
}

/**
 * SQLite's `PRAGMA data_version` on this connection: it changes whenever ANOTHER connection (in
 * this process or any other) has committed a change since the last call. Read through the driver
 * directly: it is asked once per request.
 */
export function readDataVersion(dataSource: DataSource): Promise<number> {
  return new Promise((resolve, reject) =>
    sqliteConnection(dataSource).get("PRAGMA data_version", (error: Error | null, row: { data_version: number }) => (error ? reject(error) : resolve(row.data_version))),
  );
}
