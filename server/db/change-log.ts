import { EntityManager } from "typeorm";
import { dialectOf, runSql } from "./dialect";

/**
 * The register's change log (migration RegisterChanges1764547200004): which rows of the graph's
 * tables each commit touched, so a server re-reads only those after an edit.
 */

/** Entries kept after pruning: far more than a server falls behind between two questions. */
export const CHANGES_KEPT = 20_000;

/** The row meaning "everything may have changed" (a bulk load, which turns the row triggers off). */
export const EVERYTHING = "*";

/** Records that a bulk load changed the register without logging its rows: readers then read it all. */
export async function logBulkChange(manager: EntityManager): Promise<void> {
  await manager.query(`INSERT INTO "register_change" ("tableName", "rowId") VALUES ('${EVERYTHING}', '${EVERYTHING}')`);
}

/**
 * Keeps the log short, inside the caller's write transaction: once it holds more than twice
 * CHANGES_KEPT entries, the oldest go, and `prunedThrough` says up to where (a server whose
 * snapshot is older then reads the whole register).
 */
export async function pruneChangeLog(manager: EntityManager): Promise<void> {
  const [row]: { first: number | string | null; last: number | string | null }[] = await manager.query(`SELECT min("seq") AS first, max("seq") AS last FROM "register_change"`);
  if (row?.first == null || row.last == null) return;
  const [first, last] = [Number(row.first), Number(row.last)];
  if (last - first < 2 * CHANGES_KEPT) return;
  const through = last - CHANGES_KEPT;
  await runSql(manager, `DELETE FROM "register_change" WHERE "seq" <= ?`, [through]);
  await runSql(manager, `UPDATE "register_version" SET "prunedThrough" = ? WHERE "id" = 1`, [through]);
}

/** PostgreSQL: the change-logging row trigger of each table that has one, among `tables`. */
export async function changeTriggersOn(manager: EntityManager, tables: string[]): Promise<string[]> {
  if (dialectOf(manager) !== "postgres") return [];
  const rows: { table: string }[] = await manager.query(
    `SELECT c.relname AS "table" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = 'register_change_row' AND c.relname = ANY($1) ORDER BY c.relname`,
    [tables],
  );
  return rows.map((r) => r.table);
}
