import { DataSource, EntityManager } from "typeorm";
import { RegisterBusyError } from "../errors";
import { BUSY_TIMEOUT_MS } from "./data-source";
import { pruneChangeLog } from "./change-log";
import { dialectOf } from "./dialect";

/** Key of the PostgreSQL advisory lock every write transaction holds: the register's one write lock. */
const WRITE_LOCK = 0x0a0e_0002;

/**
 * Runs `work` in one transaction on `dataSource`, committed when it resolves and rolled back when
 * it throws, holding the register's write lock from the start, so everything `work` reads (the ids
 * it validates against, the row it patches) is what it writes over: another process cannot commit
 * in between.
 * - SQLite: `BEGIN IMMEDIATE` takes the database's write lock at once (so SQLite never has to
 *   abort a read transaction that later tries to write).
 * - PostgreSQL: a transaction-scoped advisory lock that every writer takes first; READ COMMITTED
 *   then reads the newest committed state at each statement, which no other writer can change.
 * Either waits BUSY_TIMEOUT_MS for another writer, then throws RegisterBusyError.
 *
 * Not for concurrent use on one SQLite connection: TypeORM's sqlite driver shares one connection
 * and its transaction state between all callers (typeorm/typeorm#1884). The server goes through
 * `WriteQueue`, the command-line tools are alone on their connection.
 */
export async function inWriteTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    try {
      if (dialectOf(dataSource) === "postgres") {
        await runner.query("BEGIN");
        await runner.query(`SET LOCAL lock_timeout = ${BUSY_TIMEOUT_MS}`);
        await runner.query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
      } else {
        await runner.query("BEGIN IMMEDIATE");
      }
    } catch (error) {
      if (dialectOf(dataSource) === "postgres") await runner.query("ROLLBACK").catch(() => undefined);
      throw asBusy(error);
    }
    try {
      const result = await work(runner.manager);
      await pruneChangeLog(runner.manager);
      await runner.query("COMMIT");
      return result;
    } catch (error) {
      await runner.query("ROLLBACK").catch(() => undefined);
      throw asBusy(error);
    }
  } finally {
    await runner.release();
  }
}

/** Another process held the write lock past the timeout (an import, say): SQLITE_BUSY, or PostgreSQL's lock_not_available. */
function asBusy(error: unknown): unknown {
  const code = (error as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (error as { code?: string })?.code;
  return code === "SQLITE_BUSY" || code === "55P03" ? new RegisterBusyError() : error;
}

/**
 * The server's only way to change the register: one write transaction at a time, in arrival
 * order, on the writer connection. A mutation is acknowledged only after its COMMIT returned.
 *
 * Before this, overlapping mutations ran inside each other's transactions on TypeORM's shared
 * sqlite connection; acknowledged writes were lost and concurrent edits duplicated rows.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private commits = 0;

  constructor(readonly dataSource: DataSource) {}

  /** How many transactions this queue has committed: the graph store compares it to reload. */
  get committed(): number {
    return this.commits;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = this.tail.then(async () => {
      const value = await inWriteTransaction(this.dataSource, work);
      this.commits++;
      return value;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every write queued so far has finished (for a graceful stop). */
  async drain(): Promise<void> {
    await this.tail;
  }
}
