import { EntityManager } from "typeorm";

/** Rows per INSERT statement: a few MB of JSON each, so progress moves and memory stays flat. */
const ROWS_PER_STATEMENT = 5000;

/**
 * Inserts rows in batches inside the caller's transaction. TypeORM's per-entity save is far too
 * slow for a national register (hundreds of thousands of flows, millions of flow fields).
 *
 * Each batch goes to SQLite as ONE bound parameter, a JSON array of rows, which SQLite unpacks
 * itself (`jsonb_each`): binding one string instead of tens of thousands of separate values is
 * 4-5 times faster with the sqlite3 driver, which converts and binds every value one by one.
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
  const quoted = columns.map((c) => `"${c}"`).join(", ");
  const values = columns.map((_, i) => `row.value ->> ${i}`).join(", ");
  const sql = `INSERT INTO "${table}" (${quoted}) SELECT ${values} FROM jsonb_each(jsonb(?)) AS row`;
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

/** Below this many new rows, keeping indexes up to date row by row is cheaper than rebuilding them. */
const DEFER_INDEXES_FROM_ROWS = 100000;

/**
 * Runs `insert` with the secondary indexes of `tables` dropped, then creates them again from
 * their exact original SQL, all inside the caller's transaction (SQLite's DDL is transactional:
 * a rollback restores them). Building an index once over sorted keys is several times faster than
 * updating it for every row of a large load. Small loads (mutations, the seed register) keep
 * their indexes. Also raises the page cache for the load and restores it afterwards.
 */
export async function withIndexesDeferred<T>(manager: EntityManager, tables: string[], newRows: number, insert: () => Promise<T>): Promise<T> {
  if (newRows < DEFER_INDEXES_FROM_ROWS) return insert();
  const [{ cache_size: cacheSize }] = await manager.query(`PRAGMA cache_size`);
  await manager.query(`PRAGMA cache_size = -262144`);
  try {
    const indexes: { name: string; sql: string }[] = await manager.query(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => "?").join(", ")})`,
      tables,
    );
    for (const index of indexes) await manager.query(`DROP INDEX "${index.name}"`);
    const result = await insert();
    for (const index of indexes) await manager.query(index.sql);
    return result;
  } finally {
    await manager.query(`PRAGMA cache_size = ${Number(cacheSize)}`);
  }
}
