import { Client, Pool } from "pg";
import type { Database, Statement } from "sqlite3";
import { DataSource } from "typeorm";
import { dialectOf } from "./dialect";

/** The PostgreSQL channel the register's triggers notify on each commit that changes it. */
export const REGISTER_CHANGED_CHANNEL = "onward_register_changed";

/** The driver's own connection (SQLite) or pool (PostgreSQL): the version is read once per request, without TypeORM's per-query cost. */
function driverHandle<T>(dataSource: DataSource): T {
  const driver = dataSource.driver as unknown as { databaseConnection?: T; master?: T };
  return (dialectOf(dataSource) === "postgres" ? driver.master : driver.databaseConnection) as T;
}

/**
 * A value that changes whenever a change to the register has been committed by another connection
 * (another process, or this server's writer connection):
 * - SQLite: `PRAGMA data_version` on this connection, which any other connection's commit changes
 *   (a statement prepared once per connection: see versionStatement);
 * - PostgreSQL: the `register_version` counter its triggers move on at every change (migration
 *   RegisterVersion1764547200001), read on the pool: one round trip.
 */
export function readRegisterVersion(dataSource: DataSource): Promise<string> {
  if (dialectOf(dataSource) === "postgres") {
    return driverHandle<Pool>(dataSource)
      .query(`SELECT "value" FROM "register_version" WHERE "id" = 1`)
      .then((result) => String(result.rows[0]?.value));
  }
  const statement = versionStatement(driverHandle<Database>(dataSource));
  return new Promise((resolve, reject) =>
    statement.all((error: Error | null, rows: { data_version: number }[]) => (error ? reject(error) : resolve(String(rows[0].data_version)))),
  );
}

const versionStatements = new WeakMap<Database, Statement>();

/**
 * `PRAGMA data_version`, prepared once per connection and run again for every request that
 * needs the snapshot. Why: `Database#get` prepares, steps and finalizes a statement of its own,
 * three trips through libuv's thread pool: about 0.4 ms from asking to the answer inside the
 * server, longer than a national recipients answer takes to compute beside it. The prepared one
 * answers in one trip. Run to completion each time (`all`), it holds no read transaction
 * between runs, so it never keeps a checkpoint or another process's writer waiting.
 *
 * SQLite refuses to close a connection with a statement left unfinalized, so the connection's
 * own `close` (which TypeORM's `destroy` calls) finalizes this one first, whoever closes it.
 */
function versionStatement(db: Database): Statement {
  const kept = versionStatements.get(db);
  if (kept) return kept;
  const prepared = db.prepare("PRAGMA data_version");
  versionStatements.set(db, prepared);
  const close = db.close.bind(db);
  db.close = ((callback?: (error: Error | null) => void) => {
    versionStatements.delete(db);
    db.close = close;
    prepared.finalize(() => close(callback));
    return db;
  }) as Database["close"];
  return prepared;
}

/**
 * Calls `onChange` soon after any process commits a change to the register (PostgreSQL's
 * LISTEN/NOTIFY, on a connection of its own), so a server can reload its snapshot before the next
 * question rather than during it. Resolves to a function that stops listening. On SQLite there is
 * nothing to listen to: the next question finds the change by `readRegisterVersion`.
 * Notification is early, not exact: questions still compare versions before using a snapshot.
 */
export async function listenForRegisterChanges(dataSource: DataSource, onChange: () => void, log: (message: string) => void): Promise<() => Promise<void>> {
  if (dialectOf(dataSource) !== "postgres") return async () => {};
  const options = dataSource.options as { url?: string };
  const client = new Client({ connectionString: options.url });
  let closing = false;
  client.on("notification", (message) => {
    if (message.channel === REGISTER_CHANGED_CHANNEL) onChange();
  });
  // A lost listening connection costs only earliness: the version check per question stays exact.
  client.on("error", (error) => {
    if (!closing) log(`Stopped listening for register changes (${error.message}); changes are still seen by the next question.`);
  });
  await client.connect();
  await client.query(`LISTEN ${REGISTER_CHANGED_CHANNEL}`);
  return async () => {
    closing = true;
    await client.end().catch(() => undefined);
  };
}

/**
 * The register's state as it persists across restarts: `register_version`'s counter and its
 * random stamp, which every committed change renews (migration RegisterStamp1764547200003). A
 * graph snapshot written to disk carries the stamp it was read at, and is used only while the
 * register still has it.
 */
export async function readRegisterStamp(dataSource: DataSource): Promise<string> {
  const rows: { value: number | string; stamp: string }[] = await dataSource.query(`SELECT "value", "stamp" FROM "register_version" WHERE "id" = 1`);
  if (rows.length === 0) throw new Error("The register has no register_version row: its migrations did not run.");
  return `${rows[0].value}:${rows[0].stamp}`;
}
