import { testDatabase } from "../support/database";
import { importRegisterFiles } from "../../server/register/import";
import { parseRegisterText } from "../../server/register/parse-files";
import { RegisterValidationError, describeProblem } from "../../server/register/problems";
import { validateRegister } from "../../server/register/validate";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const base = `
notice:
  id: test-notice
  title: A test notice
  publisher: a-school
  source: test.txt
  validFrom: 2010-01-01
  validTo: 2011-12-31
organisations:
  - { id: a-school, name: A school, kind: SCHOOL }
  - { id: an-la, name: An LA, kind: LOCAL_AUTHORITY }
fields:
  - { id: pupil-name, label: Name, category: IDENTIFIERS }
flows:
  - id: school-to-la
    from: a-school
    to: an-la
    fields: [pupil-name]
    level: INDIVIDUAL
    basis: STATED
    citations:
      - quote: "The school sends names to the LA."
`;

function check(text: string, file = "seeds/test.yaml") {
  const { parsed, problems } = parseRegisterText(file, text);
  if (!parsed) return { content: null, problems };
  return validateRegister([parsed]);
}

describe("validating register files", () => {
  it("checks roles, instances, scopes, lifetimes and reference definitions", () => {
    const text = `${base}
  - id: la-to-school
    from: an-la
    to: a-school
    fields: [pupil-name]
    level: INDIVIDUAL
    basis: STATED
    scope: counterpart
    optOuts: [{ optOut: no-such-opt-out, receivedFrom: [nobody] }]
    citations:
      - quote: "The LA sends names back."
`
      .replace("  - { id: an-la, name: An LA, kind: LOCAL_AUTHORITY }", "  - { id: an-la, name: An LA, kind: LOCAL_AUTHORITY, instanceOf: a-school, existedTo: 2012-01-01 }")
      .replace("  - { id: pupil-name, label: Name, category: IDENTIFIERS }", "  - { id: pupil-name, label: Name, category: IDENTIFIERS, definition: { source: A dataset, items: { upn: [UPN] } } }");
    const messages = check(text).problems.map(describeProblem);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/instanceOf: `a-school` is not a role/),
        expect.stringMatching(/lifetime: a lifetime needs its basis/),
        expect.stringMatching(/definition\.items\.upn: `upn` is itemised but not listed under `narrower`/),
        expect.stringMatching(/scope: `counterpart` is for a flow to or from a role/),
        expect.stringMatching(/optOuts\[0\]\.receivedFrom\[0\]: unknown organisation `nobody`/),
      ]),
    );
    const fine = check(
      text
        .replace("kind: SCHOOL }", "kind: SCHOOL, role: true }")
        .replace("instanceOf: a-school, existedTo: 2012-01-01", "instanceOf: a-school, existedTo: 2012-01-01, lifetime: { basis: OUTSIDE_KNOWLEDGE, note: Closed. }")
        .replace("items: { upn: [UPN] }", "items: {}")
        .replace("optOuts: [{ optOut: no-such-opt-out, receivedFrom: [nobody] }]", "optOuts: []"),
    );
    expect(fine.problems.map(describeProblem)).toEqual([]);
    expect(fine.content!.flows.find((f) => f.id === "la-to-school")!.scope).toBe("COUNTERPART");
    // The notice's own unnamed area is the default for its other flows to or from a role only when the notice says so.
    expect(fine.content!.flows.find((f) => f.id === "school-to-la")!.scope).toBe("NATIONAL");
  });

  it("accepts a well-formed file and fills in defaults from its notice", () => {
    const { content, problems } = check(base);
    expect(problems).toEqual([]);
    expect(content!.flows).toEqual([
      expect.objectContaining({
        id: "school-to-la",
        fields: [{ field: "pupil-name", inclusion: "INCLUDED" }],
        purposes: [],
        onRequest: false,
        optOuts: [],
        validFrom: "2010-01-01",
        validTo: "2011-12-31",
        // No notice text in this file: the quote cannot be checked, so it is a paraphrase.
        citations: [{ notice: "test-notice", quote: "The school sends names to the LA.", verbatim: false }],
      }),
    ]);
  });

  it("reports an unknown organisation with the file, line and path", () => {
    const { problems } = check(base.replace("to: an-la", "to: the-dcsf"));
    expect(problems.map(describeProblem)).toEqual([
      "seeds/test.yaml:17:9 flows[0].to: unknown organisation `the-dcsf`: add it under `organisations:` or check the id",
    ]);
  });

  it("reports every problem at once, not just the first", () => {
    const broken = base
      .replace("level: INDIVIDUAL", "level: PERSONAL")
      .replace("basis: STATED", "basis: INFERRED")
      .replace("fields: [pupil-name]", "fields: [pupil-name, shoe-size]")
      .replace("kind: LOCAL_AUTHORITY", "kind: COUNCIL");
    const { problems } = check(broken);
    expect(problems.map((p) => `${p.path}: ${p.message}`).sort()).toEqual(
      [
        "organisations[1].kind: must be one of SCHOOL, LOCAL_AUTHORITY, GOVERNMENT_DEPARTMENT, NATIONAL_DATABASE, REGULATOR, HEALTH, POLICE, CAREERS_SERVICE, EDUCATION_PROVIDER, RESEARCH, COMMERCIAL, FAMILY, OTHER",
        "flows[0].level: must be one of INDIVIDUAL, PSEUDONYMISED, AGGREGATE, ANONYMISED, NOT_STATED",
      ].sort(),
    );
    // Records that fail their own shape are not cross-checked; fix and re-run shows the rest.
    const second = check(base.replace("basis: STATED", "basis: INFERRED").replace("fields: [pupil-name]", "fields: [pupil-name, shoe-size]"));
    expect(second.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      "flows[0].fields[1]: unknown field `shoe-size`",
      "flows[0].inferenceNote: an INFERRED flow needs an inferenceNote saying what it is inferred from",
    ]);
  });

  it("refuses duplicate ids, a flow without citations, a flow to itself and dates out of order", () => {
    const text = `${base}
  - id: school-to-la
    from: a-school
    to: a-school
    fields: [pupil-name]
    level: AGGREGATE
    basis: STATED
    validFrom: 2012-01-01
    validTo: 2011-01-01
    citations: []
`;
    const { problems } = check(text);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual(["flows[1].citations: must have at least one citation: every flow cites the notice that says so"]);
    const fixed = check(text.replace("citations: []", 'citations: [{ quote: "Names." }]'));
    expect(fixed.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      "flows[1].id: flow `school-to-la` is defined twice (first at seeds/test.yaml flows.0); ids must be unique",
      "flows[1].to: a flow must go to a different organisation from the one it comes from",
      "flows[1].validTo: ends (2011-01-01) before it starts (2012-01-01)",
    ]);
  });

  it("refuses unknown keys, bad slugs, impossible dates and quotes longer than a sentence", () => {
    const { problems } = check(
      base
        .replace("id: an-la", "id: An LA")
        .replace("validFrom: 2010-01-01", "validFrom: 2010-02-30")
        .replace("basis: STATED", "basis: STATED\n    lawfulbasis: Education Act")
        .replace("The school sends names to the LA.", "The school sends names. The LA keeps them."),
    );
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      "notice.validFrom: is not a real calendar date",
      "organisations[1].id: must be a lower-case slug of letters, digits and single hyphens (e.g. `stokes-wood-primary-school`)",
      "flows[0].citations[0].quote: must be one sentence or less",
      "flows[0]: unknown key `lawfulbasis`: check the spelling against seeds/README.md",
    ]);
  });

  it("finds a cycle among umbrella fields", () => {
    const { problems } = check(
      base.replace("  - { id: pupil-name, label: Name, category: IDENTIFIERS }", "  - { id: pupil-name, label: Name, category: IDENTIFIERS, narrower: [names] }\n  - { id: names, label: Names, category: IDENTIFIERS, narrower: [pupil-name] }"),
    );
    expect(problems.map((p) => p.message)).toEqual(["umbrella fields form a cycle: pupil-name > names > pupil-name"]);
  });

  it("reports YAML syntax errors with their line", () => {
    const { problems } = check("flows:\n  - id: x\n   from: [unclosed\n");
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ file: "seeds/test.yaml", line: expect.any(Number) });
    expect(problems[0].message).toMatch(/^not valid YAML/);
  });
});

describe("importing register files", () => {
  it("applies nothing when any file has a problem", async () => {
    const dir = mkdtempSync(join(tmpdir(), "onward-import-"));
    writeFileSync(join(dir, "a.yaml"), base);
    writeFileSync(join(dir, "b.yaml"), "organisations:\n  - { id: another, name: Another, kind: SPACESHIP }\n");
    const dataSource = await testDatabase();
    try {
      await expect(importRegisterFiles(dataSource, [dir], { displayRoot: dir })).rejects.toThrow(RegisterValidationError);
      const [{ n }] = await dataSource.query("SELECT COUNT(*) AS n FROM organisation");
      expect(Number(n)).toBe(0);
      // With the bad file fixed, the same import lands whole.
      writeFileSync(join(dir, "b.yaml"), "organisations:\n  - { id: another, name: Another, kind: OTHER }\n");
      await expect(importRegisterFiles(dataSource, [dir], { displayRoot: dir })).resolves.toEqual({ organisations: 3, fields: 1, notices: 1, optOuts: 0, flows: 1, holdings: 0 });
      // A second import of the same ids is refused: ids already exist, nothing changes.
      await expect(importRegisterFiles(dataSource, [dir], { displayRoot: dir })).rejects.toThrow(/already exists in the register/);
      const [{ flows }] = await dataSource.query("SELECT COUNT(*) AS flows FROM flow");
      expect(Number(flows)).toBe(1);
    } finally {
      await dataSource.destroy();
    }
  });
});
