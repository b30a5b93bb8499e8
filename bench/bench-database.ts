import { rmSync } from "node:fs";
import { join, relative } from "node:path";
import { PROJECT_ROOT } from "./reference-files";
import { openSqlRecipients } from "./sql-recipients";
import { describeLocation, openDatabase } from "../server/db/data-source";
import { createRegisterDatabase } from "../server/db/postgres-database";
import { importRegisterFiles } from "../server/register/import";
import { RegisterValidationError, describeProblem } from "../server/register/problems";

const fmt = (n: number) => n.toLocaleString("en-GB", { maximumFractionDigits: 0 });
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Where the benchmark's register lives, and how to let it go afterwards. */
export interface BenchDatabase {
  location: string;
  /** whether a previous run's database can be measured again (--reuse-db: SQLite files only) */
  reusable: boolean;
  close(): Promise<void>;
}

/**
 * SQLite: a file in bench/out. PostgreSQL: a new database `onward_bench` on a throwaway cluster
 * (durable: fsync on, as a real server), or on the server of --database-url (which must not
 * already hold that database).
 */
export async function benchDatabase(dialect: "sqlite" | "postgres", schools: number, seed: number, url: string | null): Promise<BenchDatabase> {
  if (dialect === "sqlite") {
    const location = join(PROJECT_ROOT, "bench", "out", `bench-${schools}${seed === 1 ? "" : `-seed${seed}`}.sqlite`);
    return { location, reusable: true, close: async () => {} };
  }
  let cluster: { url: string; stop(): void } | null = null;
  if (!url) {
    const { startPostgresCluster } = await import(join(PROJECT_ROOT, "test", "support", "postgres-cluster.mjs"));
    cluster = await startPostgresCluster({ durable: true, log: (m: string) => console.log(m) });
    url = cluster!.url;
  }
  const name = `onward_bench_${schools}_${seed}`;
  const location = await createRegisterDatabase(url, name);
  return { location, reusable: false, close: async () => cluster?.stop() };
}

/** Imports the register into a fresh database as `npm run import` does, timing parse + validate and write. */
export async function importFresh(dir: string, location: string): Promise<{ importMs: number; validateMs: number; writeMs: number }> {
  if (!location.startsWith("postgres")) for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(location + suffix, { force: true });
  const shown = location.startsWith("postgres") ? describeLocation(location) : relative(process.cwd(), location);
  console.log(`Importing into ${shown} (parse and validate every file, then write in one transaction)...`);
  const dataSource = await openDatabase(location);
  const started = performance.now();
  let writeStarted = 0;
  try {
    await importRegisterFiles(dataSource, [dir], {
      displayRoot: PROJECT_ROOT,
      onProgress: (table, done, total) => {
        if (!writeStarted) {
          writeStarted = performance.now();
          console.log(`  parsed and validated in ${seconds(writeStarted - started)}`);
        }
        if (done === total) console.log(`  ${table}: ${fmt(total)} rows (${seconds(performance.now() - started)})`);
      },
    });
  } catch (error) {
    if (error instanceof RegisterValidationError) {
      error.problems.slice(0, 20).forEach((p) => console.error(describeProblem(p)));
      throw new Error(`${error.problems.length} problem(s): the generated register does not validate.`);
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
  const importMs = performance.now() - started;
  return { importMs, validateMs: writeStarted - started, writeMs: performance.now() - writeStarted };
}

/** Rows in each register table, read without TypeORM. */
export async function tableCounts(location: string): Promise<Record<string, number>> {
  const db = await openSqlRecipients(location);
  try {
    const counts: Record<string, number> = {};
    for (const table of ["organisation", "pupil_field", "notice", "opt_out", "flow", "flow_field", "citation"]) {
      const [{ n }] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM "${table}"`);
      counts[table] = Number(n);
    }
    return counts;
  } finally {
    await db.close();
  }
}
