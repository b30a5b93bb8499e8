import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeNationalRegister } from "../../bench/generate";
import { TEST_POSTGRES_URL } from "../support/database";

// Two generated registers imported in child processes: 10-40 s on a quiet machine.
jest.setTimeout(300_000);

const ROOT = join(__dirname, "..", "..");
const MB = 1024 * 1024;

/** The live heap's largest growth (and the peak RSS) of a child process importing `dir` into a new SQLite file. */
function importPeak(dir: string, database: string): { liveGrowth: number; peakRss: number; flows: number; reports: number } {
  const out = execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", join(ROOT, "test", "support", "import-child.ts"), dir, database], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "" },
  });
  return JSON.parse(out.trim().split("\n").pop()!);
}

// The importer's memory, not the database's: measured once, on SQLite.
(TEST_POSTGRES_URL ? describe.skip : describe)("the import's memory", () => {
  it("holds about the same live heap for five times the schools", () => {
    const dir = mkdtempSync(join(tmpdir(), "onward-memory-"));
    try {
      writeNationalRegister({ schools: 400, seed: 7 }, join(dir, "small"));
      writeNationalRegister({ schools: 2_000, seed: 7 }, join(dir, "large"));
      const small = importPeak(join(dir, "small"), join(dir, "small.sqlite"));
      const large = importPeak(join(dir, "large"), join(dir, "large.sqlite"));
      expect(large.flows).toBeGreaterThan(small.flows * 3);
      // (the heap was measured while rows were being written, often enough to see it)
      expect(small.reports).toBeGreaterThan(10);
      // Holding every record (as the import did before it streamed) kept 3-6 KB per flow live:
      // 40,000 more flows would add well over 100 MB. Ids and notice texts are all that may grow.
      const extraFlows = large.flows - small.flows;
      console.log(
        `live heap growth ${(small.liveGrowth / MB).toFixed(0)} MB for ${small.flows} flows, ${(large.liveGrowth / MB).toFixed(0)} MB for ${large.flows} flows; ` +
          `peak RSS ${(small.peakRss / MB).toFixed(0)} and ${(large.peakRss / MB).toFixed(0)} MB`,
      );
      expect((large.liveGrowth - small.liveGrowth) / extraFlows).toBeLessThan(500);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
