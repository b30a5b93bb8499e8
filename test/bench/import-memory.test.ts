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

/** Peak RSS growth of a child process importing `dir` into a new SQLite file. */
function importPeak(dir: string, database: string): { growth: number; flows: number } {
  const out = execFileSync(process.execPath, ["--import", "tsx", join(ROOT, "test", "support", "import-child.ts"), dir, database], { cwd: ROOT, encoding: "utf8", env: { ...process.env, DATABASE_URL: "" } });
  const { before, after, flows } = JSON.parse(out.trim().split("\n").pop()!);
  return { growth: after - before, flows };
}

// The importer's memory, not the database's: measured once, on SQLite.
(TEST_POSTGRES_URL ? describe.skip : describe)("the import's memory", () => {
  it("does not grow with the register: five times the schools, about the same peak", () => {
    const dir = mkdtempSync(join(tmpdir(), "onward-memory-"));
    try {
      writeNationalRegister({ schools: 400, seed: 7 }, join(dir, "small"));
      writeNationalRegister({ schools: 2_000, seed: 7 }, join(dir, "large"));
      const small = importPeak(join(dir, "small"), join(dir, "small.sqlite"));
      const large = importPeak(join(dir, "large"), join(dir, "large.sqlite"));
      expect(large.flows).toBeGreaterThan(small.flows * 3);
      // Holding every record (as the import did before it streamed) cost about 5 KB per flow:
      // 40,000 more flows would add some 200 MB. Ids and notice texts are all that may grow.
      const extraFlows = large.flows - small.flows;
      console.log(`peak RSS growth: ${(small.growth / MB).toFixed(0)} MB for ${small.flows} flows, ${(large.growth / MB).toFixed(0)} MB for ${large.flows} flows`);
      expect((large.growth - small.growth) / extraFlows).toBeLessThan(1_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
