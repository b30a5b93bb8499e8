import "reflect-metadata";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataSource } from "typeorm";
import { writeNationalRegister } from "../../bench/generate";
import { BULK_LOAD } from "../../server/db/bulk-insert";
import { openDatabase, openReader } from "../../server/db/data-source";
import { importRegisterFiles } from "../../server/register/import";
import { TEST_POSTGRES_URL } from "../support/database";

// Registers of 1,000 schools imported, some in child processes: tens of seconds on a busy machine.
jest.setTimeout(300_000);

const ROOT = join(__dirname, "..", "..");
const TABLES = ["organisation", "pupil_field", "notice", "opt_out", "flow", "flow_field", "citation", "holding"];

/** Each register table's rows, and every flow's id (what a half-applied import would change). */
async function contents(dataSource: DataSource): Promise<{ counts: Record<string, number>; flowIds: string }> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = Number((await dataSource.query(`SELECT COUNT(*) AS n FROM "${table}"`))[0].n);
  const [{ ids }] = await dataSource.query(`SELECT group_concat(id, ',') AS ids FROM (SELECT id FROM flow ORDER BY id)`);
  return { counts, flowIds: ids ?? "" };
}

/** Runs test/support/bulk-import-child.ts and sends it SIGKILL once it prints `line`. */
function importKilledAt(line: "halfway" | "done", dir: string, database: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "test", "support", "bulk-import-child.ts"), dir, database], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.split("\n").includes(line)) child.kill("SIGKILL");
    });
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (_, signal) => (signal === "SIGKILL" ? resolve() : reject(new Error(`the import ended without being killed:\n${output}`))));
  });
}

// The rollback journal is SQLite's; PostgreSQL's bulk load is unchanged.
(TEST_POSTGRES_URL ? describe.skip : describe)("a bulk import on SQLite (through a rollback journal when it is alone)", () => {
  let dir: string;
  let database: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "onward-bulk-"));
    // A register of 1,000 schools is a bulk load (its indexes built afterwards); 30 schools is not.
    writeNationalRegister({ schools: 1_000, seed: 6 }, join(dir, "large"));
    writeNationalRegister({ schools: 30, seed: 5 }, join(dir, "small"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    database = join(dir, `register-${Date.now()}.sqlite`);
    const dataSource = await openDatabase(database);
    await importRegisterFiles(dataSource, [join(dir, "small")]);
    await dataSource.destroy();
  });

  it("leaves the register as it was when killed with SIGKILL halfway, its pages already in the file", async () => {
    const before = await openDatabase(database).then(async (d) => [await contents(d), await d.destroy()][0]);
    await importKilledAt("halfway", join(dir, "large"), database);
    // The load was going through a rollback journal: the next connection rolls it back.
    expect(existsSync(`${database}-journal`)).toBe(true);
    const dataSource = await openDatabase(database);
    try {
      expect(await contents(dataSource)).toEqual(before);
      expect(await dataSource.query("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
      expect(await dataSource.query("PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
    } finally {
      await dataSource.destroy();
    }
  });

  it("keeps the whole import once it has returned, when killed with SIGKILL before closing", async () => {
    await importKilledAt("done", join(dir, "large"), database);
    const dataSource = await openDatabase(database);
    try {
      const after = await contents(dataSource);
      expect(after.counts.flow).toBeGreaterThan(25_000);
      expect(after.flowIds.split(",")).toHaveLength(after.counts.flow);
      expect(await dataSource.query("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    } finally {
      await dataSource.destroy();
    }
  });

  it("stays in WAL when another connection is open, so that connection reads the old register all through the import", async () => {
    const reader = await openReader(database);
    const dataSource = await openDatabase(database);
    const cacheKib = BULK_LOAD.cacheKib;
    BULK_LOAD.cacheKib = 512; // pages spill to the database long before the commit
    try {
      const before = await contents(reader);
      let reads = 0;
      let reading: Promise<void> = Promise.resolve();
      const summary = await importRegisterFiles(dataSource, [join(dir, "large")], {
        replace: true,
        worker: false,
        onProgress: (stage, done, total) => {
          // A few reads while the rows are being written, each of the register as it was.
          if (stage !== "rows" || done < (total * (reads + 1)) / 4) return;
          reads++;
          reading = reading.then(async () => expect(await contents(reader)).toEqual(before));
        },
      });
      await reading;
      expect(reads).toBeGreaterThanOrEqual(3);
      expect((await contents(reader)).counts.flow).toBe(summary.flows);
      expect(await dataSource.query("PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
    } finally {
      BULK_LOAD.cacheKib = cacheKib;
      await dataSource.destroy();
      await reader.destroy();
    }
  });
});
