import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeNationalRegister } from "../../bench/generate";
import { ImportCheck } from "../../server/register/import-check";
import { describeProblem } from "../../server/register/problems";
import { noKnownIds } from "../../server/register/validate";

// A generated register of 40 schools, checked on this thread.
jest.setTimeout(60_000);

describe("an import's two passes over its files", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "onward-check-"));
    writeNationalRegister({ schools: 40, seed: 5 }, dir);
    mkdirSync(join(dir, "zz"));
    writeFileSync(
      join(dir, "zz", "late.json"),
      JSON.stringify({ notice: { id: "late-notice", title: "Late", publisher: "dfe" }, flows: [{ id: "late-flow", from: "dfe", to: "nobody", fields: ["upn", "upn"], level: "INDIVIDUAL", basis: "STATED", citations: [{ quote: "Q." }] }] }, null, 1),
    );
    writeFileSync(join(dir, "zz", "later.yaml"), "organisations:\n  - { id: dfe, name: Again, kind: SPACESHIP }\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The problems of a second pass, after a first pass and then `between`. */
  function problemsOfTwoPasses(between: () => void = () => {}): string[] {
    const check = new ImportCheck({ paths: [dir], displayRoot: dir });
    check.firstPass();
    between();
    for (const _ of check.secondPass(noKnownIds));
    return check.problems.kept.map(describeProblem);
  }

  it("places the second pass's problems by line, in JSON and in YAML files", () => {
    expect(problemsOfTwoPasses()).toEqual([
      "zz/late.json:11:10 flows[0].to: unknown organisation `nobody`: add it under `organisations:` or check the id",
      "zz/late.json:14:5 flows[0].fields[1]: field `upn` is listed twice",
      expect.stringMatching(/^zz\/later\.yaml:2:35 organisations\[0\]\.kind: must be one of SCHOOL, /),
    ]);
  });

  it("reports a file changed between the passes as changed, and checks the others", () => {
    const problems = problemsOfTwoPasses(() => writeFileSync(join(dir, "zz", "late.json"), JSON.stringify({ flows: [] })));
    expect(problems).toEqual(["zz/late.json : changed while it was being imported: run the import again", expect.stringMatching(/^zz\/later\.yaml:2:35 /)]);
  });
});
