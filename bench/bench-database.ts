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

/**
 * Imports the register into a fresh database as `npm run import` does, timing its stages: the
 * first pass (every file parsed for its ids), then checking and writing together (the import
 * streams: each file is checked and its rows written while the next is checked), then the
 * indexes built after the load. `validateMs` is the first pass, `writeMs` the rest.
 */
export async function importFresh(
  dir: string,
  location: string,
): Promise<{ importMs: number; validateMs: number; writeMs: number; indexMs: number; peakRssBytes: number }> {
  if (!location.startsWith("postgres")) for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(location + suffix, { force: true });
  const shown = location.startsWith("postgres") ? describeLocation(location) : relative(process.cwd(), location);
  console.log(`Importing into ${shown} (a first pass for ids, then each file checked and written, in one transaction)...`);
  const dataSource = await openDatabase(location);
  const started = performance.now();
  let firstPassDone = 0;
  let rowsDone = 0;
  let lastTenth = -1;
  try {
    await importRegisterFiles(dataSource, [dir], {
      displayRoot: PROJECT_ROOT,
      onProgress: (stage, done, total) => {
        const now = performance.now();
        if (stage === "files" && done === total) {
          firstPassDone = now;
          console.log(`  first pass: ${fmt(total)} files read for their ids in ${seconds(now - started)}`);
        }
        if (stage !== "rows") return;
        const tenth = Math.floor((done / total) * 10);
        if (tenth !== lastTenth) {
          lastTenth = tenth;
          console.log(`  checked and written: ${fmt(done)} / ${fmt(total)} rows (${seconds(now - started)}, RSS ${fmt(process.memoryUsage().rss / 1e6)} MB)`);
        }
        if (done === total) rowsDone = now;
      },
    });
  } catch (error) {
    if (error instanceof RegisterValidationError) {
      error.problems.slice(0, 20).forEach((p) => console.error(describeProblem(p)));
      throw new Error(`${error.problems.length + error.omitted} problem(s): the generated register does not validate.`);
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
  const ended = performance.now();
  if (rowsDone) console.log(`  indexes built in ${seconds(ended - rowsDone)}`);
  return {
    importMs: ended - started,
    validateMs: firstPassDone - started,
    writeMs: ended - firstPassDone,
    indexMs: rowsDone ? ended - rowsDone : 0,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
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
