import { randomBytes } from "node:crypto";
import { DataSource } from "typeorm";
import { openDatabase } from "../../server/db/data-source";
import { createRegisterDatabase } from "../../server/db/postgres-database";
import { Dialect } from "../../server/db/dialect";

/**
 * The PostgreSQL server the suite runs against, or null for SQLite. `npm test` runs the suite once
 * on SQLite, then again with this set to a throwaway cluster's URL (test/run.mjs).
 */
export const TEST_POSTGRES_URL = process.env.ONWARD_TEST_POSTGRES_URL || null;

export const testDialect: Dialect = TEST_POSTGRES_URL ? "postgres" : "sqlite";

let created = 0;

/**
 * Where a test's own empty register goes: `sqliteLocation` (by default an in-memory database) on
 * the SQLite run, a new database on the test server on the PostgreSQL run. The throwaway cluster
 * is deleted after the run, so these are never dropped.
 */
export async function freshDatabaseLocation(sqliteLocation = ":memory:"): Promise<string> {
  if (!TEST_POSTGRES_URL) return sqliteLocation;
  const name = `onward_${process.pid}_${++created}_${randomBytes(3).toString("hex")}`;
  // Code-point order whatever the server's default (the register refuses other collations).
  return createRegisterDatabase(TEST_POSTGRES_URL, name);
}

/** A fresh, empty, migrated register (in memory on SQLite). */
export async function testDatabase(): Promise<DataSource> {
  return openDatabase(await freshDatabaseLocation());
}
