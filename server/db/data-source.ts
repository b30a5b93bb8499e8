import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import sqlite3 from "sqlite3";
import { DataSource, DataSourceOptions } from "typeorm";
import { entities } from "../entities";
import { dialectOfLocation } from "./dialect";
import { createRegisterDatabaseSql } from "./postgres-database";
import { migrations } from "./migrations";

/**
 * How long a connection waits for another one (another process: `npm run import`, a second
 * server) to finish writing before it gives up: SQLITE_BUSY on SQLite, a lock timeout on
 * PostgreSQL. An import of a national register holds the write lock for about half a minute; a
 * mutation waits this long, then says the register is busy (REGISTER_BUSY) rather than hanging.
 */
export const BUSY_TIMEOUT_MS = 10_000;

/** Key of the PostgreSQL advisory lock held while migrations run, so two processes starting at once do not both migrate. */
const MIGRATION_LOCK = 0x0a0e_0001;

/** A database location for messages: a PostgreSQL URL without its password. */
export function describeLocation(location: string): string {
  return dialectOfLocation(location) === "postgres" ? location.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@") : location;
}

/**
 * The sqlite3 module as TypeORM is given it, except that its `verbose()` (which TypeORM always
 * calls) does not turn on sqlite3's long stack traces. Those wrap every call on every connection
 * to build an Error and `util.inspect` each argument (the SQL, its parameters), whether or not the
 * call fails: profiled, that was a third of the CPU a `recipients` request spent outside the
 * search, for the one `PRAGMA data_version` it reads. Errors keep their own message and code.
 */
const sqlite3WithoutTracing: typeof sqlite3 = Object.assign(Object.create(sqlite3) as typeof sqlite3, { verbose: () => sqlite3WithoutTracing });

function options(location: string, readOnly: boolean): DataSourceOptions {
  const common = { entities, migrations, synchronize: false, logging: false, migrationsTransactionMode: "all" } as const;
  if (dialectOfLocation(location) === "sqlite") return { ...common, type: "sqlite", database: location, busyTimeout: BUSY_TIMEOUT_MS, driver: sqlite3WithoutTracing };
  // A reader's sessions refuse writes, as SQLite's query_only connection does.
  return { ...common, type: "postgres", url: location, extra: { max: 10, ...(readOnly ? { options: "-c default_transaction_read_only=on" } : {}) } };
}

/**
 * Opens the register's database read-write: a SQLite file (`:memory:` for tests) or, for a
 * postgres:// URL, a PostgreSQL database. Brings its schema up to date with the migrations in
 * `server/db/migrations` (a register made before migrations keeps its tables and data).
 *
 * SQLite durability: WAL with `synchronous = FULL`, so a transaction whose COMMIT returned is on
 * disk (it survives kill -9 and a power cut); readers on other connections go on while one writes.
 * (A bulk import that is alone on the database writes through a rollback journal instead, equally
 * durable; a connection opened meanwhile waits for it: see `withRollbackJournal`.)
 * PostgreSQL is durable by its own defaults; its database must sort text by code point, as SQLite
 * does (see `requireCodePointOrder`).
 */
export async function openDatabase(location: string): Promise<DataSource> {
  const dialect = dialectOfLocation(location);
  if (dialect === "sqlite" && location !== ":memory:") mkdirSync(dirname(location), { recursive: true });
  const dataSource = new DataSource(options(location, false));
  await dataSource.initialize();
  try {
    if (dialect === "sqlite") {
      await dataSource.query("PRAGMA journal_mode = WAL");
      await dataSource.query("PRAGMA synchronous = FULL");
      await dataSource.runMigrations();
    } else {
      await requireCodePointOrder(dataSource);
      await migrateUnderLock(dataSource);
    }
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/**
 * A second connection that can only read (SQLite `PRAGMA query_only`, PostgreSQL
 * `default_transaction_read_only`): the server answers questions on it while its writer commits
 * changes one at a time. Nothing can write through it by mistake, and it never sees a change
 * before that change is committed.
 */
export async function openReader(location: string): Promise<DataSource> {
  const dataSource = new DataSource(options(location, true));
  await dataSource.initialize();
  if (dialectOfLocation(location) === "sqlite") await dataSource.query("PRAGMA query_only = 1");
  return dataSource;
}

/** Migrations the database has not had yet, run by one process at a time. */
async function migrateUnderLock(dataSource: DataSource): Promise<void> {
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    await dataSource.runMigrations();
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => undefined);
    await lock.release();
  }
}

/**
 * Answers list things "ordered by id" or "by name", and pages continue "after" an id: on SQLite
 * that is code-point order. A PostgreSQL database made with a language's collation (en_GB.UTF-8)
 * would order differently ("a-b" before "ab" or not), so every answer would differ between the
 * two. Refuses such a database with the command that makes a right one.
 */
async function requireCodePointOrder(dataSource: DataSource): Promise<void> {
  const [{ collation }] = await dataSource.query(`SELECT datcollate AS collation FROM pg_database WHERE datname = current_database()`);
  if (!/^(C|POSIX|ucs_basic)(\.|$)/i.test(String(collation))) {
    throw new Error(
      `The PostgreSQL database sorts text by the collation "${collation}"; the register needs code-point order, as on SQLite. ` +
        `Create its database with: ${createRegisterDatabaseSql("onward")};`,
    );
  }
}
