import "reflect-metadata";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataSource } from "typeorm";
import { writeNationalRegister } from "../../bench/generate";
import { dialectOf } from "../../server/db/dialect";
import { importRegisterFiles } from "../../server/register/import";
import { describeProblem, RegisterValidationError } from "../../server/register/problems";
import { testDatabase } from "../support/database";

// A generated register of a few hundred schools: several seconds to import, more on a busy machine.
jest.setTimeout(180_000);

const REGISTER_TABLES = ["organisation", "pupil_field", "notice", "opt_out", "flow", "flow_field", "citation", "holding"];

async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of REGISTER_TABLES) counts[table] = Number((await dataSource.query(`SELECT COUNT(*) AS n FROM "${table}"`))[0].n);
  return counts;
}

function indexDefinitions(dataSource: DataSource): Promise<{ name: string; sql: string }[]> {
  return dialectOf(dataSource) === "postgres"
    ? dataSource.query(`SELECT indexname AS name, indexdef AS sql FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname`)
    : dataSource.query(`SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name`);
}

async function rejection(promise: Promise<unknown>): Promise<RegisterValidationError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RegisterValidationError) return error;
    throw error;
  }
  throw new Error("the import was applied; a RegisterValidationError was expected");
}

const NOTICE_TEXT = "The school shares pupils' names with the council. The council keeps them for five years.";

/** Small files that refer to each other across files: a.yaml's flow names organisations only b.yaml and c.yaml define, and cites z.yaml's notice. */
function writeCrossFileRegister(dir: string, flowTo = "org-c", quote = "The school shares pupils' names with the council.") {
  writeFileSync(
    join(dir, "a.yaml"),
    `flows:
  - id: b-to-c
    from: org-b
    to: ${flowTo}
    fields: [pupil-name]
    level: INDIVIDUAL
    basis: STATED
    citations:
      - { notice: the-notice, quote: "${quote}" }
`,
  );
  writeFileSync(join(dir, "b.yaml"), "organisations:\n  - { id: org-b, name: Org B, kind: SCHOOL }\nfields:\n  - { id: pupil-name, label: Name, category: IDENTIFIERS }\n");
  writeFileSync(join(dir, "c.yaml"), "organisations:\n  - { id: org-c, name: Org C, kind: LOCAL_AUTHORITY }\n");
  writeFileSync(join(dir, "z.yaml"), `notice:\n  id: the-notice\n  title: The notice\n  publisher: org-b\n  text: "${NOTICE_TEXT}"\n`);
}

describe("the streaming import", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "onward-stream-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("accepts references to organisations and notices defined in later files, and checks quotes against a notice's text in another file", async () => {
    writeCrossFileRegister(dir);
    const dataSource = await testDatabase();
    try {
      await expect(importRegisterFiles(dataSource, [dir], { displayRoot: dir })).resolves.toEqual({ organisations: 2, fields: 1, notices: 1, optOuts: 0, flows: 1, holdings: 0 });
      const citations = await dataSource.query(`SELECT "noticeId", quote, verbatim FROM citation`);
      expect(citations).toEqual([{ noticeId: "the-notice", quote: "The school shares pupils' names with the council.", verbatim: dialectOf(dataSource) === "postgres" ? true : 1 }]);
    } finally {
      await dataSource.destroy();
    }
  });

  it("reports every problem across files with its file, line and path, and applies nothing", async () => {
    writeCrossFileRegister(dir, "nobody", "The school sells pupils' names.");
    // c.yaml now has its own problem, after a.yaml's.
    writeFileSync(join(dir, "c.yaml"), "organisations:\n  - { id: org-c, name: Org C, kind: SPACESHIP }\n");
    const dataSource = await testDatabase();
    try {
      const error = await rejection(importRegisterFiles(dataSource, [dir], { displayRoot: dir }));
      expect(error.problems.map(describeProblem)).toEqual([
        "a.yaml:4:9 flows[0].to: unknown organisation `nobody`: add it under `organisations:` or check the id",
        "a.yaml:9:38 flows[0].citations[0].quote: is not in the text of notice `the-notice`: quote its words exactly (line breaks, runs of spaces and markdown ** may differ), or cite a shorter passage",
        expect.stringMatching(/^c\.yaml:2:37 organisations\[0\]\.kind: must be one of SCHOOL, /),
      ]);
      expect(error.omitted).toBe(0);
      expect(await rowCounts(dataSource)).toEqual(Object.fromEntries(REGISTER_TABLES.map((t) => [t, 0])));
    } finally {
      await dataSource.destroy();
    }
  });

  it("refuses ids defined twice in different files and ids already in the register", async () => {
    writeCrossFileRegister(dir);
    writeFileSync(join(dir, "d.yaml"), "organisations:\n  - { id: org-b, name: Org B again, kind: SCHOOL }\n");
    const dataSource = await testDatabase();
    try {
      const error = await rejection(importRegisterFiles(dataSource, [dir], { displayRoot: dir }));
      expect(error.problems.map(describeProblem)).toEqual(["d.yaml:2:11 organisations[0].id: organisation `org-b` is defined twice (first at b.yaml organisations.0); ids must be unique"]);
      rmSync(join(dir, "d.yaml"));
      await importRegisterFiles(dataSource, [dir], { displayRoot: dir });
      const again = await rejection(importRegisterFiles(dataSource, [join(dir, "c.yaml")], { displayRoot: dir }));
      expect(again.problems.map(describeProblem)).toEqual(["c.yaml:2:11 organisations[0].id: organisation `org-c` already exists in the register; choose another id or update the existing one"]);
    } finally {
      await dataSource.destroy();
    }
  });

  it("keeps the first 1,000 problems and says how many more there were", async () => {
    const flows = Array.from({ length: 1_250 }, (_, i) => ({ id: `f-${i}`, from: "org-b", to: `nobody-${i}`, fields: ["pupil-name"], level: "INDIVIDUAL", basis: "STATED", citations: [{ quote: "Q." }] }));
    writeFileSync(join(dir, "b.yaml"), "notice: { id: n, title: N, publisher: org-b }\norganisations:\n  - { id: org-b, name: Org B, kind: SCHOOL }\nfields:\n  - { id: pupil-name, label: Name, category: IDENTIFIERS }\n");
    writeFileSync(join(dir, "flows.json"), JSON.stringify({ notice: { id: "m", title: "M", publisher: "org-b" }, flows }, null, 1));
    const dataSource = await testDatabase();
    try {
      // (checked on a worker thread, as a large import is: the problems come back the same)
      const error = await rejection(importRegisterFiles(dataSource, [dir], { displayRoot: dir, worker: true }));
      expect(error.problems).toHaveLength(1_000);
      expect(error.omitted).toBe(250);
      expect(error.problems[999]).toMatchObject({ file: "flows.json", path: "flows[999].to", message: expect.stringMatching(/^unknown organisation `nobody-999`/) });
      expect(error.message).toMatch(/^1,250 problems found; nothing was applied \(the first 1,000 are listed\)/);
    } finally {
      await dataSource.destroy();
    }
  });

  it.each([
    ["on this thread", false],
    ["on a worker thread", true],
  ])("applies nothing when a late file has a problem, after many good files were already written (checked %s)", async (_, worker) => {
    const register = join(dir, "register");
    writeNationalRegister({ schools: 400, seed: 3 }, register);
    // Sorted after every generated file: a flow from a generated school to nobody.
    mkdirSync(join(register, "zz"));
    writeFileSync(
      join(register, "zz", "late.json"),
      JSON.stringify({ notice: { id: "late-notice", title: "Late", publisher: "dfe" }, flows: [{ id: "late-flow", from: "dfe", to: "nobody", fields: ["upn"], level: "INDIVIDUAL", basis: "STATED", citations: [{ quote: "Q." }] }] }, null, 1),
    );
    const dataSource = await testDatabase();
    try {
      const indexes = await indexDefinitions(dataSource);
      let written = 0;
      const error = await rejection(
        importRegisterFiles(dataSource, [register], { displayRoot: register, worker, onProgress: (table, done) => (table === "rows" ? (written = Math.max(written, done)) : undefined) }),
      );
      expect(error.problems.map(describeProblem)).toEqual(["zz/late.json:11:10 flows[0].to: unknown organisation `nobody`: add it under `organisations:` or check the id"]);
      // The good files had been written in the same transaction before the late file was read.
      expect(written).toBeGreaterThan(50_000);
      expect(await rowCounts(dataSource)).toEqual(Object.fromEntries(REGISTER_TABLES.map((t) => [t, 0])));
      expect(await indexDefinitions(dataSource)).toEqual(indexes);
      // Without the late file the same register lands whole.
      rmSync(join(register, "zz"), { recursive: true });
      const summary = await importRegisterFiles(dataSource, [register], { worker });
      expect((await rowCounts(dataSource)).flow).toBe(summary.flows);
      expect(summary.flows).toBeGreaterThan(9_000);
    } finally {
      await dataSource.destroy();
    }
  });
});
