import { Pool } from "pg";
import { summarise, type LoadResult } from "./load";
import sqlite3 from "sqlite3";
import { dialectOfLocation } from "../server/db/dialect";

/**
 * The `recipients` question asked of the database directly, as one recursive SQL query: the
 * organisations a pupil field can reach from `from` within `maxHops` along flows that carry it,
 * with the fewest hops. "Carry" means as Onward reads it with no other filter: the flow lists the
 * field, a field narrower than it, or an umbrella field above it.
 *
 * The recursion keeps (organisation, hops) pairs, so an organisation reached at several depths is
 * expanded once per depth: plain SQL has no shared "visited" set.
 */
export const RECIPIENTS_SQL = `
WITH RECURSIVE
  narrower(id) AS (
    SELECT ?1
    UNION
    SELECT j.value FROM narrower n JOIN pupil_field pf ON pf.id = n.id, json_each(pf.narrowerIds) AS j
  ),
  broader(id) AS (
    SELECT ?1
    UNION
    SELECT pf.id FROM broader b, pupil_field pf, json_each(pf.narrowerIds) AS j WHERE j.value = b.id
  ),
  carried(id) AS (SELECT id FROM narrower UNION SELECT id FROM broader),
  reach(organisation, hops) AS (
    SELECT ?2, 0
    UNION
    SELECT f.toId, r.hops + 1
      FROM reach r JOIN flow f ON f.fromId = r.organisation
     WHERE r.hops < ?3
       AND EXISTS (SELECT 1 FROM flow_field ff WHERE ff.flowId = f.id AND ff.fieldId IN (SELECT id FROM carried))
  )
SELECT organisation AS id, MIN(hops) AS hops FROM reach WHERE organisation <> ?2 GROUP BY organisation`;

/**
 * The same question in PostgreSQL's SQL: the same recursion, over the same indexes (flow."fromId",
 * and flow_field's primary key ("flowId", "fieldId") for the EXISTS). The carried fields are one
 * array, computed once: written as `IN (SELECT id FROM carried)` like SQLite's, the prepared plan
 * rebuilt a hash of them for every flow it tried (280 ms a school instead of 20-50 ms).
 */
export const RECIPIENTS_SQL_POSTGRES = `
WITH RECURSIVE
  narrower(id) AS (
    SELECT $1::text
    UNION
    SELECT j.value FROM narrower n JOIN pupil_field pf ON pf.id = n.id, json_array_elements_text(pf."narrowerIds"::json) AS j(value)
  ),
  broader(id) AS (
    SELECT $1::text
    UNION
    SELECT pf.id FROM broader b, pupil_field pf, json_array_elements_text(pf."narrowerIds"::json) AS j(value) WHERE j.value = b.id
  ),
  carried(ids) AS (SELECT array_agg(id) FROM (SELECT id FROM narrower UNION SELECT id FROM broader) AS c),
  reach(organisation, hops) AS (
    SELECT $2::text, 0
    UNION
    SELECT f."toId", r.hops + 1
      FROM reach r JOIN flow f ON f."fromId" = r.organisation
     WHERE r.hops < $3
       AND EXISTS (SELECT 1 FROM flow_field ff WHERE ff."flowId" = f.id AND ff."fieldId" = ANY ((SELECT ids FROM carried)::text[]))
  )
SELECT organisation AS id, MIN(hops) AS hops FROM reach WHERE organisation <> $2 GROUP BY organisation`;

/** The recursive-SQL baseline on the register at `location`: a SQLite file or a postgres:// URL. */
export function openSqlRecipients(location: string): Promise<SqlRecipients | PgRecipients> {
  return dialectOfLocation(location) === "postgres" ? Promise.resolve(new PgRecipients(location)) : SqlRecipients.open(location);
}

/** `SqlRecipients` on PostgreSQL, read-only, on a pool of its own (one connection per concurrent question). */
export class PgRecipients {
  private readonly pool: Pool;

  constructor(url: string) {
    // JIT off: the planner cannot estimate a recursive CTE and guesses millions of rows, so
    // PostgreSQL compiled every query with LLVM first: about 1.1 s of a 16-40 ms query.
    this.pool = new Pool({ connectionString: url, max: 8, options: "-c default_transaction_read_only=on -c jit=off" });
  }

  async recipients(from: string, field: string, maxHops: number): Promise<{ hops: Map<string, number>; ms: number }> {
    const started = performance.now();
    const { rows } = await this.pool.query<{ id: string; hops: number }>(RECIPIENTS_SQL_POSTGRES, [field, from, maxHops]);
    return { hops: new Map(rows.map((r) => [r.id, Number(r.hops)])), ms: performance.now() - started };
  }

  /** SQL with `?` placeholders, as for SQLite. */
  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    let n = 0;
    return (await this.pool.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/**
 * A recursive query's throughput with `concurrency` clients at once, each asking about the next
 * school until `maxRequests` are answered or `maxMs` has passed: PostgreSQL's side of issue 13's
 * throughput comparison (one connection per client, as the pools allow 8).
 */
export async function sqlThroughput(
  sql: { recipients(from: string, field: string, maxHops: number): Promise<{ ms: number }> },
  school: (i: number) => string,
  field: string,
  maxHops: number,
  options: { concurrency: number; maxRequests: number; maxMs: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const client = async () => {
    while (next < options.maxRequests && performance.now() - started < options.maxMs) {
      const i = next++;
      try {
        latencies.push((await sql.recipients(school(i), field, maxHops)).ms);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  return summarise(latencies, 0, errors, firstError, performance.now() - started);
}

export class SqlRecipients {
  private constructor(private readonly db: sqlite3.Database) {}

  static open(path: string): Promise<SqlRecipients> {
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(new SqlRecipients(db))));
    });
  }

  /** Recipient organisation id -> fewest hops, and the query's time in ms. */
  recipients(from: string, field: string, maxHops: number): Promise<{ hops: Map<string, number>; ms: number }> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      this.db.all(RECIPIENTS_SQL, [field, from, maxHops], (err, rows: { id: string; hops: number }[]) => {
        if (err) reject(err);
        else resolve({ hops: new Map(rows.map((r) => [r.id, r.hops])), ms: performance.now() - started });
      });
    });
  }

  query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) => this.db.all(sql, params, (err, rows: T[]) => (err ? reject(err) : resolve(rows))));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.db.close(() => resolve()));
  }
}

/** Whether two answers name the same organisations, and the same hops for each. */
export function compareReach(onward: ReadonlyMap<string, number>, sql: ReadonlyMap<string, number>): { sameSet: boolean; sameHops: boolean; onlyOnward: string[]; onlySql: string[] } {
  const onlyOnward = [...onward.keys()].filter((id) => !sql.has(id));
  const onlySql = [...sql.keys()].filter((id) => !onward.has(id));
  const sameSet = onlyOnward.length === 0 && onlySql.length === 0;
  const sameHops = sameSet && [...onward].every(([id, hops]) => sql.get(id) === hops);
  return { sameSet, sameHops, onlyOnward, onlySql };
}
