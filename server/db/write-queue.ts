import { DataSource, EntityManager } from "typeorm";
import { RegisterBusyError } from "../errors";

/**
 * Runs `work` in one SQLite transaction on `dataSource`, committed when it resolves and rolled
 * back when it throws. `BEGIN IMMEDIATE` takes the database's write lock at once, so everything
 * `work` reads (the ids it validates against, the row it patches) is what it writes over: another
 * process cannot commit in between, and SQLite never has to abort a read transaction that later
 * tries to write.
 *
 * Not for concurrent use on one connection: TypeORM's sqlite driver shares one connection and its
 * transaction state between all callers (typeorm/typeorm#1884). The server goes through
 * `WriteQueue`, the command-line tools are alone on their connection.
 */
export async function inWriteTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query("BEGIN IMMEDIATE");
  } catch (error) {
    throw asBusy(error);
  }
  try {
    const result = await work(runner.manager);
    await runner.query("COMMIT");
    return result;
  } catch (error) {
    await runner.query("ROLLBACK").catch(() => undefined);
    throw asBusy(error);
  }
}

/** SQLITE_BUSY after the busy timeout: another process holds the write lock (an import, say). */
function asBusy(error: unknown): unknown {
  const code = (error as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (error as { code?: string })?.code;
  return code === "SQLITE_BUSY" ? new RegisterBusyError() : error;
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
