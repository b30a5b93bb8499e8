import { join } from "node:path";
import { Pool } from "pg";
import { PROJECT_ROOT } from "../server/config";

/**
 * Issue 13's PostgreSQL baseline: what a team would build instead of Onward, as the issue
 * measured it (5.5 ms p50 at 24,000 schools, 337 requests/s at 8 clients): one table of flows,
 * each with its fields as an array, an index on the sender, and one recursive query. The fields
 * a flow must carry (the field asked about, its narrower fields and its umbrellas, as Onward reads
 * "carries" with no other filter) are worked out once per question and passed as an array, and
 * `&&` tests each flow against them.
 *
 * The table is loaded from the bench's register into a throwaway cluster of its own, so a SQLite
 * run measures PostgreSQL too whenever it is installed (`bench/bench.ts` compares the answers
 * with Onward's before it measures).
 */
export const REFERENCE_SQL = `
WITH RECURSIVE reach(organisation, hops) AS (
  SELECT $1::text, 0
  UNION
  SELECT f.to_id, r.hops + 1
    FROM reach r JOIN reference_flow f ON f.from_id = r.organisation
   WHERE r.hops < $3 AND f.fields && $2::text[]
)
SELECT organisation AS id, MIN(hops) AS hops FROM reach WHERE organisation <> $1 GROUP BY organisation`;

/** What the baseline needs from the bench's register: its flows with their fields, and the fields' tree. */
export interface ReferenceSource {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** The fields a flow must list to carry `field`: it, every field under it, and every umbrella above it. */
export function carriedFields(field: string, narrowerOf: ReadonlyMap<string, readonly string[]>): string[] {
  const broaderOf = new Map<string, string[]>();
  for (const [parent, children] of narrowerOf) for (const child of children) broaderOf.set(child, [...(broaderOf.get(child) ?? []), parent]);
  const carried = new Set<string>([field]);
  const walk = (from: string, next: ReadonlyMap<string, readonly string[]>) => {
    const stack = [from];
    const seen = new Set<string>([from]);
    while (stack.length > 0) {
      for (const id of next.get(stack.pop()!) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        carried.add(id);
        stack.push(id);
      }
    }
  };
  walk(field, narrowerOf);
  walk(field, broaderOf);
  return [...carried].sort();
}

const BATCH = 20_000;

export class PgReference {
  private constructor(
    private readonly pool: Pool,
    private readonly narrowerOf: ReadonlyMap<string, readonly string[]>,
    private readonly stop: () => void,
    /** rows loaded and how long loading took, ms */
    readonly loaded: { flows: number; ms: number },
  ) {}

  /**
   * Starts a throwaway cluster and loads the register's flows into it; null when PostgreSQL is
   * not installed here (the reason is logged).
   */
  static async start(source: ReferenceSource, dialect: "sqlite" | "postgres", log: (message: string) => void): Promise<PgReference | null> {
    const { findPostgresBin, startPostgresCluster } = await import(join(PROJECT_ROOT, "test", "support", "postgres-cluster.mjs"));
    if (!findPostgresBin()) {
      log("  PostgreSQL is not installed here: the baseline is not measured.");
      return null;
    }
    const started = performance.now();
    const cluster: { url: string; stop(): void } = await startPostgresCluster({ durable: false });
    // JIT off, as for the other recursive query (bench/sql-recipients.ts): the planner cannot
    // estimate a recursive CTE's rows and compiled every query with LLVM first.
    const pool = new Pool({ connectionString: cluster.url, max: 8, options: "-c jit=off" });
    try {
      const fieldRows = await source.query<{ id: string; narrowerIds: string }>(`SELECT id, "narrowerIds" FROM pupil_field`);
      const narrowerOf = new Map(fieldRows.map((f) => [f.id, JSON.parse(f.narrowerIds) as string[]]));
      const listFields = dialect === "postgres" ? `string_agg(ff."fieldId", ',')` : `group_concat(ff."fieldId", ',')`;
      const flows = await source.query<{ fromId: string; toId: string; fields: string }>(
        `SELECT f."fromId" AS "fromId", f."toId" AS "toId", ${listFields} AS fields FROM flow f JOIN flow_field ff ON ff."flowId" = f.id GROUP BY f.id, f."fromId", f."toId"`,
      );
      await pool.query(`CREATE TABLE reference_flow (from_id text NOT NULL, to_id text NOT NULL, fields text[] NOT NULL)`);
      for (let i = 0; i < flows.length; i += BATCH) {
        const batch = flows.slice(i, i + BATCH);
        await pool.query(`INSERT INTO reference_flow SELECT f, t, string_to_array(x, ',') FROM unnest($1::text[], $2::text[], $3::text[]) AS u(f, t, x)`, [
          batch.map((r) => r.fromId),
          batch.map((r) => r.toId),
          batch.map((r) => r.fields),
        ]);
      }
      await pool.query(`CREATE INDEX reference_flow_from ON reference_flow (from_id)`);
      await pool.query(`ANALYZE reference_flow`);
      return new PgReference(pool, narrowerOf, cluster.stop, { flows: flows.length, ms: performance.now() - started });
    } catch (error) {
      await pool.end();
      cluster.stop();
      throw error;
    }
  }

  async recipients(from: string, field: string, maxHops: number): Promise<{ hops: Map<string, number>; ms: number }> {
    const started = performance.now();
    const { rows } = await this.pool.query<{ id: string; hops: number }>(REFERENCE_SQL, [from, carriedFields(field, this.narrowerOf), maxHops]);
    return { hops: new Map(rows.map((r) => [r.id, Number(r.hops)])), ms: performance.now() - started };
  }

  async close(): Promise<void> {
    await this.pool.end();
    this.stop();
  }
}
