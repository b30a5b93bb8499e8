import { DataSource } from "typeorm";
import { BUSY_TIMEOUT_MS } from "./data-source";
import { dialectOf } from "./dialect";

/**
 * Runs a bulk load (`work`: one write transaction) on SQLite with a rollback journal instead of
 * the write-ahead log, when this connection is the only one on the database; WAL again afterwards.
 *
 * Why: in WAL mode every page of a national import (about 570 MB at 24,000 schools) is written
 * twice, once to the log and again by the checkpoint that follows the commit, each with its
 * fsync. With a rollback journal, pages added past the end of the file (nearly all of a load)
 * need no journal: they are written once. Both are all-or-nothing and durable with
 * `synchronous = FULL`: a kill -9 before the commit leaves a hot journal (or nothing) that the
 * next connection rolls back, and once COMMIT returns, the pages and the file are on disk.
 *
 * Leaving WAL needs every other connection closed, so a served register (whose readers stay
 * open) keeps WAL and loads as before. While the load runs in journal mode, another process that
 * opens the database waits for it (up to its busy timeout) rather than reading the old register.
 */
export async function withRollbackJournal<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dialectOf(dataSource) !== "sqlite" || !(await leaveWal(dataSource))) return work();
  try {
    return await work();
  } finally {
    // Back to WAL for the readers to come; should another connection block it, the next
    // `openDatabase` sets WAL again (the load itself is committed or rolled back either way).
    await dataSource.query("PRAGMA journal_mode = WAL").catch(() => undefined);
  }
}

/** Switches from WAL to a rollback journal if no other connection has the database open (without waiting for one). */
async function leaveWal(dataSource: DataSource): Promise<boolean> {
  const [{ journal_mode: mode }] = await dataSource.query("PRAGMA journal_mode");
  if (mode !== "wal") return false;
  await dataSource.query("PRAGMA busy_timeout = 0");
  try {
    const [{ journal_mode: now }] = await dataSource.query("PRAGMA journal_mode = DELETE");
    return now === "delete";
  } catch {
    return false; // SQLITE_BUSY: another connection is open
  } finally {
    await dataSource.query(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}
