import { EntityManager } from "typeorm";
import { Dialect, dialectOf } from "./dialect";
import { changeTriggersOn, logBulkChange } from "./change-log";
import { NEW_SQLITE_STAMP } from "./migrations/1764547200003-register-stamp";
import { ROWS_PER_STATEMENT } from "./row-batches";

/**
 * Inserts rows in batches inside the caller's transaction. TypeORM's per-entity save is far too
 * slow for a national register (hundreds of thousands of flows, millions of flow fields).
 *
 * Each batch goes to the database as ONE bound parameter, a JSON array of rows, which the database
 * unpacks itself (SQLite `jsonb_each`, PostgreSQL `json_array_elements`): binding one string
 * instead of tens of thousands of separate values is 4-5 times faster with the sqlite3 driver,
 * which converts and binds every value one by one, and it stays clear of either database's limit
 * on bound parameters (32,766 in SQLite, 65,535 in PostgreSQL's protocol).
 * Values keep the SQL types the driver would have bound: strings TEXT, whole numbers INTEGER,
 * other numbers REAL, null and undefined NULL, booleans 1/0. Callers pass lists already
 * serialised as JSON text (a Date would arrive as its ISO text, not the driver's number: none is
 * passed).
 */
export async function bulkInsert(
  manager: EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
  onProgress?: (done: number) => void,
): Promise<void> {
  await insertRowStream(manager, table, columns, rows, onProgress);
}

/** `bulkInsert` for rows made as they are consumed (a generator), so a whole table's rows never sit in memory at once. */
export async function insertRowStream(
  manager: EntityManager,
  table: string,
  columns: string[],
  rows: Iterable<unknown[]>,
  onProgress?: (done: number) => void,
): Promise<void> {
  const sql = insertFromJsonSql(dialectOf(manager), manager, table, columns);
  // While SQLite inserts one batch (on the driver's worker thread), the next is made and
  // serialised here: only one statement is ever in flight, so rows keep their order, and none is
  // left running when this returns or throws (a rollback must not overtake an insert).
  let inFlight: Promise<void> | null = null;
  let done = 0;
  let chunk: unknown[][] = [];
  const send = async () => {
    const json = JSON.stringify(chunk);
    const size = chunk.length;
    chunk = [];
    if (inFlight) await inFlight;
    const sent: Promise<void> = manager.query(sql, [json]).then(() => {
      done += size;
      onProgress?.(done);
    });
    // Awaited below; until then a failure must not count as an unhandled rejection.
    sent.catch(() => {});
    inFlight = sent;
  };
  let failed = false;
  try {
    for (const row of rows) {
      chunk.push(row);
      if (chunk.length === ROWS_PER_STATEMENT) await send();
    }
    if (chunk.length > 0) await send();
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // Wait for the last batch: on success its error is the one to report; on failure the first error wins.
    const last = inFlight as Promise<void> | null;
    if (last) await (failed ? last.catch(() => {}) : last);
  }
}

/**
 * Writes batches of JSON rows (a `RowBatcher`'s, or a worker's) inside the caller's transaction,
 * one statement in flight at a time: the next batch is made while the last one runs, and rows of
 * one table keep their order. `finish` waits for the last and throws any insert's error; call
 * `settle` after a failure so that no insert is still running when the transaction rolls back.
 */
export class JsonRowWriter {
  private readonly statements = new Map<string, string>();
  private inFlight: Promise<void> | null = null;
  /** rows written so far */
  written = 0;

  constructor(
    private readonly manager: EntityManager,
    tables: Record<string, string[]>,
    private readonly onProgress?: (written: number) => void,
  ) {
    const dialect = dialectOf(manager);
    for (const [table, columns] of Object.entries(tables)) this.statements.set(table, insertFromJsonSql(dialect, manager, table, columns));
  }

  /** Starts inserting `json` (a JSON array of rows) once the previous statement is done; resolves when it has started. */
  async send(table: string, json: string, rows: number): Promise<void> {
    if (this.inFlight) await this.inFlight;
    const sent: Promise<void> = this.manager.query(this.statements.get(table)!, [json]).then(() => {
      this.written += rows;
      this.onProgress?.(this.written);
    });
    // Awaited by the next send, `finish` or `settle`; until then a failure is not unhandled.
    sent.catch(() => {});
    this.inFlight = sent;
  }

  async finish(): Promise<void> {
    const last = this.inFlight;
    this.inFlight = null;
    if (last) await last;
  }

  async settle(): Promise<void> {
    await this.inFlight?.catch(() => {});
  }
}

/** One INSERT taking a JSON array of rows (arrays of values in `columns` order) as its only parameter. */
function insertFromJsonSql(dialect: Dialect, manager: EntityManager, table: string, columns: string[]): string {
  const quoted = columns.map((c) => `"${c}"`).join(", ");
  if (dialect === "sqlite") {
    const values = columns.map((_, i) => `row.value ->> ${i}`).join(", ");
    return `INSERT INTO "${table}" (${quoted}) SELECT ${values} FROM jsonb_each(jsonb(?)) AS row`;
  }
  // PostgreSQL converts nothing implicitly: each value is cast to its column's type (booleans
  // arrive as 1/0, which PostgreSQL's boolean input accepts).
  const metadata = manager.connection.entityMetadatas.find((m) => m.tableName === table);
  if (!metadata) throw new Error(`bulkInsert: no entity has the table ${table}`);
  const values = columns.map((column, i) => {
    const type = metadata.findColumnWithDatabaseName(column)?.type;
    if (type === undefined) throw new Error(`bulkInsert: ${table} has no column ${column}`);
    const sqlType = type === "integer" ? "integer" : type === "boolean" ? "boolean" : "text";
    return `(row ->> ${i})::${sqlType}`;
  });
  return `INSERT INTO "${table}" (${quoted}) SELECT ${values.join(", ")} FROM json_array_elements($1::json) AS row`;
}

/**
 * The page cache of a bulk load on SQLite (KiB) while its rows are written; a setting, so that a
 * test can make it spill. 128 MB, not more: with two checking workers beside it, 256 MB took a
 * 60,000-school import to 1.55 GB of RSS, and through a rollback journal, pages that leave the
 * cache early are written once anyway.
 */
export const BULK_LOAD = { cacheKib: 128 * 1024 };

/** Below this many new rows, keeping indexes up to date row by row is cheaper than rebuilding them. */
const DEFER_INDEXES_FROM_ROWS = 100000;

/** Whether a load of `newRows` is a bulk load: its indexes built afterwards, and on SQLite written through a rollback journal (`withRollbackJournal`). */
export function isBulkLoad(newRows: number): boolean {
  return newRows >= DEFER_INDEXES_FROM_ROWS;
}

/**
 * Runs `insert` with the secondary indexes of `tables` dropped, then creates them again from
 * their exact original SQL, all inside the caller's transaction (DDL is transactional in both
 * databases: a rollback restores them). Building an index once over sorted keys is several times faster than
 * updating it for every row of a large load. Small loads (mutations, the seed register) keep
 * their indexes. On SQLite, also raises the page cache for the load and restores it afterwards.
 */
export async function withIndexesDeferred<T>(manager: EntityManager, tables: string[], newRows: number, insert: () => Promise<T>): Promise<T> {
  if (!isBulkLoad(newRows)) return insert();
  if (dialectOf(manager) === "postgres") {
    // PostgreSQL's DDL is transactional too; primary keys stay (they back the ids' uniqueness).
    const indexes: { name: string; sql: string }[] = await manager.query(
      `SELECT i.indexname AS name, i.indexdef AS sql FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
        WHERE i.schemaname = current_schema() AND i.tablename = ANY($1) AND NOT x.indisprimary`,
      [tables],
    );
    for (const index of indexes) await manager.query(`DROP INDEX "${index.name}"`);
    // The change log's row triggers are turned off for the load (one log row per inserted row would
    // double it); one "everything changed" row stands for them.
    const logged = await changeTriggersOn(manager, tables);
    for (const table of logged) await manager.query(`ALTER TABLE "${table}" DISABLE TRIGGER "register_change_row"`);
    const result = await insert();
    for (const index of indexes) await manager.query(index.sql);
    for (const table of logged) await manager.query(`ALTER TABLE "${table}" ENABLE TRIGGER "register_change_row"`);
    if (logged.length > 0) await logBulkChange(manager);
    return result;
  }
  const [{ cache_size: cacheSize }] = await manager.query(`PRAGMA cache_size`);
  await manager.query(`PRAGMA cache_size = -${BULK_LOAD.cacheKib}`);
  try {
    // The row triggers go too (the register stamp's and the change log's: one write per row would
    // cost seconds): the stamp is renewed once instead, and the log told that everything changed.
    const indexes: { type: "index" | "trigger"; name: string; sql: string }[] = await manager.query(
      `SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => "?").join(", ")})`,
      tables,
    );
    for (const index of indexes) await manager.query(`DROP ${index.type === "trigger" ? "TRIGGER" : "INDEX"} "${index.name}"`);
    const result = await insert();
    await buildIndexesInParallel(manager, indexes);
    if (indexes.some((i) => i.type === "trigger")) {
      await manager.query(NEW_SQLITE_STAMP);
      await logBulkChange(manager);
    }
    return result;
  } finally {
    await manager.query(`PRAGMA cache_size = ${Number(cacheSize)}`);
  }
}

/** Helper threads SQLite may sort with while it builds indexes. */
const SORT_THREADS = 2;

/**
 * Creates indexes (and triggers) from their SQL on SQLite, sorting each index's keys on helper
 * threads. Sorting is most of building an index (flow_field's fieldId: 2.7 million keys at 24,000
 * schools), and SQLite sorts in one run, on one thread, whatever fits its page cache; a cache of
 * 32 MB makes it sort several runs at once and merge them (measured: 3.0 s against 3.8-4.8 s for
 * that index). The pages the load left in the cache are written out either way.
 */
async function buildIndexesInParallel(manager: EntityManager, indexes: { sql: string }[]): Promise<void> {
  const [{ threads }] = await manager.query(`PRAGMA threads`);
  await manager.query(`PRAGMA threads = ${SORT_THREADS}`);
  await manager.query(`PRAGMA cache_size = -32768`);
  try {
    for (const index of indexes) await manager.query(index.sql);
  } finally {
    await manager.query(`PRAGMA threads = ${Number(threads)}`);
  }
}
