import "reflect-metadata";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataSource } from "typeorm";
import { writeNationalRegister } from "../../bench/generate";
import { importRegisterFiles } from "../../server/register/import";
import { describeProblem, RegisterValidationError } from "../../server/register/problems";
import { testDatabase } from "../support/database";

// A generated register of 40 schools imported several times, some on worker threads.
jest.setTimeout(180_000);

/** The three ways an import checks its files: here, on one worker, and split between two. */
const CHECKERS = [
  { label: "this thread", worker: false },
  { label: "one worker", worker: true, helper: false },
  { label: "two workers", worker: true, helper: true },
];

/** The problems an import of `dir` reports, or "applied". */
type Outcome = { problems: string[]; omitted: number } | "applied";

async function outcome(dir: string, options: { worker: boolean; helper?: boolean }): Promise<Outcome> {
  const dataSource = await testDatabase();
  try {
    await importRegisterFiles(dataSource, [dir], { displayRoot: dir, ...options });
    return "applied";
  } catch (error) {
    if (!(error instanceof RegisterValidationError)) throw error;
    return { problems: error.problems.map(describeProblem), omitted: error.omitted };
  } finally {
    await dataSource.destroy();
  }
}

/** Every register row, in a fixed order (citations without their row number, which follows the order they were written in). */
async function everyRow(dataSource: DataSource): Promise<Record<string, string[]>> {
  const rows: Record<string, string[]> = {};
  for (const table of ["organisation", "pupil_field", "notice", "opt_out", "flow", "flow_field", "citation", "holding"]) {
    const found: Record<string, unknown>[] = await dataSource.query(`SELECT * FROM "${table}"`);
    rows[table] = found.map(({ rowId: _, ...row }) => JSON.stringify(row)).sort();
  }
  return rows;
}

/** `count` flows from a generated school to organisations nobody defines: one problem each. */
function flowsToNobody(prefix: string, count: number): string {
  const flows = Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}`, from: "dfe", to: `nobody-${i}`, fields: ["upn"], level: "INDIVIDUAL", basis: "STATED", citations: [{ quote: "Q." }] }));
  return JSON.stringify({ notice: { id: `${prefix}-notice`, title: prefix, publisher: "dfe" }, flows }, null, 1);
}

describe("an import's checks split between two workers", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "onward-workers-"));
    writeNationalRegister({ schools: 40, seed: 11 }, dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes exactly the rows that checking on one thread writes", async () => {
    const written: Record<string, string[]>[] = [];
    for (const { worker, helper } of CHECKERS) {
      const dataSource = await testDatabase();
      try {
        await importRegisterFiles(dataSource, [dir], { displayRoot: dir, worker, helper });
        written.push(await everyRow(dataSource));
      } finally {
        await dataSource.destroy();
      }
    }
    expect(written[0].flow.length).toBeGreaterThan(1_000);
    expect(written[1]).toEqual(written[0]);
    expect(written[2]).toEqual(written[0]);
  });

  it("reports the same problems in the same order, the first 1,000 kept, from files on both sides of the split and from the first pass", async () => {
    // Sorted first and last of the register's files, and a file that does not parse in between.
    writeFileSync(join(dir, "00-early.json"), flowsToNobody("early", 600));
    writeFileSync(join(dir, "las", "zz-broken.json"), '{ "flows": [ { "id": "broken" ');
    writeFileSync(join(dir, "zz-late.json"), flowsToNobody("late", 600));
    // And one more that does not parse, among the last files (read by the other worker when the first pass is split too).
    writeFileSync(join(dir, "zz-broken.json"), '{ "flows": [ { "id": "broken" ');
    const outcomes: Outcome[] = [];
    for (const checker of CHECKERS) outcomes.push(await outcome(dir, checker));
    const [here] = outcomes;
    expect(here).not.toBe("applied");
    if (here === "applied") return;
    expect(here.problems).toHaveLength(1_000);
    // The files that do not parse are found by the first pass, so listed first, in file order.
    const broken = here.problems.filter((p) => /^(las\/)?zz-broken\.json:/.test(p));
    expect(broken.filter((p) => p.startsWith("las/")).length).toBeGreaterThan(0);
    expect(broken.filter((p) => p.startsWith("zz-")).length).toBeGreaterThan(0);
    expect(here.problems.slice(0, broken.length)).toEqual(broken);
    expect(broken[0]).toMatch(/^las\//);
    expect(here.problems[999]).toMatch(new RegExp(`^zz-late\\.json:\\d+:\\d+ flows\\[${399 - broken.length}\\]\\.to: unknown organisation`));
    expect(here.omitted).toBe(1_200 + broken.length - 1_000);
    expect(outcomes[1]).toEqual(here);
    expect(outcomes[2]).toEqual(here);
  });

  it("reports an id defined twice with the place of its first definition, wherever the two are", async () => {
    writeFileSync(join(dir, "zz-again.json"), JSON.stringify({ organisations: [{ id: "dfe", name: "The DfE again", kind: "GOVERNMENT_DEPARTMENT" }] }, null, 1));
    const outcomes: Outcome[] = [];
    for (const checker of CHECKERS) outcomes.push(await outcome(dir, checker));
    expect(outcomes[0]).toEqual({ problems: [expect.stringMatching(/^zz-again\.json:\d+:\d+ organisations\[0\]\.id: organisation `dfe` is defined twice \(first at 00-vocabulary\.json organisations\.\d+\)/)], omitted: 0 });
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[2]).toEqual(outcomes[0]);
  });

  it("accepts a flow that names a flow of another file as a conflict, and refuses one naming no flow", async () => {
    // Sorted last, naming a flow of the first school's file; with no such reference, flow ids are let go after the first pass.
    const conflicting = (flow: string) =>
      JSON.stringify({ notice: { id: "zz-notice", title: "Z", publisher: "dfe" }, flows: [{ id: "zz-flow", from: "dfe", to: "npd", fields: ["upn"], level: "INDIVIDUAL", basis: "STATED", conflictsWith: [{ flow, note: "Says otherwise." }], citations: [{ quote: "Q." }] }] }, null, 1);
    const [firstFlow] = JSON.parse(readFileSync(join(dir, "schools", readdirSync(join(dir, "schools"))[0], readdirSync(join(dir, "schools", readdirSync(join(dir, "schools"))[0]))[0]), "utf8")).flows;
    writeFileSync(join(dir, "zz-conflict.json"), conflicting(firstFlow.id));
    for (const checker of CHECKERS) expect(await outcome(dir, checker)).toBe("applied");
    writeFileSync(join(dir, "zz-conflict.json"), conflicting("no-such-flow"));
    for (const checker of CHECKERS) {
      expect(await outcome(dir, checker)).toEqual({ problems: [expect.stringMatching(/^zz-conflict\.json:\d+:\d+ flows\[0\]\.conflictsWith\[0\]\.flow: unknown flow `no-such-flow`/)], omitted: 0 });
    }
  });
});
