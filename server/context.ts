import { DataSource } from "typeorm";
import { WriteQueue } from "./db/write-queue";
import { Loaders } from "./loaders";
import { RegisterGraphStore, RegisterSnapshot } from "./graph-store";

/** What every resolver gets: the database, this request's DataLoaders, the graph snapshot, and who is asking. */
export interface Context {
  /** the connection questions are answered on (read-only when the register is a file) */
  dataSource: DataSource;
  /** the one way to change the register: a transaction at a time, acknowledged after its commit */
  writes: WriteQueue;
  loaders: Loaders;
  graph: RegisterGraphStore;
  /**
   * The register snapshot this request reads: the newest committed state when the request first
   * asks, then the same one for the rest of the request (so one answer never mixes two states),
   * unless the request itself changed the register.
   */
  snapshot(): Promise<RegisterSnapshot>;
  /** `performance.now()` after which chain questions in this request are refused (DEADLINE_EXCEEDED) */
  deadline: number;
  /** the budget that deadline came from, ms (for the error message) */
  chainBudgetMs: number;
  /** true when the request carried the server's admin bearer token */
  isAdmin: boolean;
  /** whether the server was started with an admin token at all (else the register is read-only) */
  writable: boolean;
}

/**
 * The per-request snapshot getter described on `Context.snapshot`. The database's version is read
 * when the request first needs the snapshot (most do; `{ __typename }` and SQL-only questions pay
 * nothing), and again if the request itself changed the register.
 */
export function requestSnapshot(store: RegisterGraphStore, writes: WriteQueue): () => Promise<RegisterSnapshot> {
  let pinned: Promise<RegisterSnapshot> | null = null;
  let pinnedAt = -1;
  return () => {
    if (!pinned || pinnedAt !== writes.committed) {
      pinnedAt = writes.committed;
      pinned = store.current();
    }
    return pinned;
  };
}
