/**
 * What the register can say about its own sources (issue 10), through the import format and the
 * API: notices stored with their text and every quote checked against it; who holds what; where
 * each name comes from; processors and whom they act for; fields a notice marks optional apart
 * from fields it only possibly includes; flows that read one passage two ways.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importRegisterFiles } from "../../server/register/import";
import { data, execute } from "../support/graphql";
import { startTestServer, TestServer } from "../support/server";

const TOKEN = "test-admin-token";
const ADMIN = `Bearer ${TOKEN}`;

const NOTICE_TEXT = `Oak Lane Primary School privacy notice.

We use **Acme MIS** to hold pupil records on our behalf.
Acme MIS uses CloudCo to host the records for the school.
We keep pupil files until the pupil is 25, as the county's retention schedule says.
We may pass some of this data to school meal providers.
The following organisations are those with which the LA shares pupil data:
the school sends attendance to the Attendance Service.
Oak Lane (the school) is part of Exampleshire.`;

const FILE = `
notice:
  id: oak-lane-notice
  title: "Oak Lane Primary School privacy notice"
  publisher: oak-lane
  date: null
  source: oak-lane.txt
  textFile: oak-lane.txt
  url: https://oak-lane.example/privacy
organisations:
  - id: oak-lane
    name: Oak Lane Primary School
    kind: SCHOOL
    instanceOf: school
    aliases:
      - { name: Oak Lane, basis: STATED, citations: [{ quote: "Oak Lane (the school) is part of Exampleshire." }] }
      - { name: OLPS, basis: OUTSIDE_KNOWLEDGE, note: "The school's initials on its website." }
  - id: acme-mis
    name: Acme MIS
    kind: COMMERCIAL
  - id: cloudco
    name: CloudCo
    kind: COMMERCIAL
  - id: school-meal-providers
    name: School meal providers
    kind: COMMERCIAL
    unnamed: true
  - id: attendance-service
    name: The Attendance Service
    kind: OTHER
holdings:
  - id: oak-lane-keeps-files
    organisation: oak-lane
    fields: [pupil-information]
    retention: "until the pupil is 25"
    retentionSetBy: "the county's retention schedule"
    citations: [{ quote: "We keep pupil files until the pupil is 25, as the county's retention schedule says." }]
flows:
  - id: oak-lane-to-acme
    from: oak-lane
    to: acme-mis
    fields: [pupil-information, { field: ethnicity, inclusion: OPTIONAL }]
    level: INDIVIDUAL
    basis: STATED
    recipientRole: PROCESSOR
    citations: [{ quote: "We use Acme MIS to hold pupil records on our behalf." }]
  - id: acme-to-cloudco
    from: acme-mis
    to: cloudco
    fields: [pupil-information]
    level: INDIVIDUAL
    basis: STATED
    recipientRole: SUB_PROCESSOR
    actsFor: oak-lane
    citations: [{ quote: "Acme MIS uses CloudCo to host the records for the school." }]
  - id: oak-lane-to-meals
    from: oak-lane
    to: school-meal-providers
    fields: [{ field: pupil-name, inclusion: POSSIBLE }]
    level: NOT_STATED
    basis: STATED
    citations: [{ quote: "We may pass some of this data to school meal providers." }]
  - id: oak-lane-to-attendance
    from: oak-lane
    to: attendance-service
    fields: [attendance]
    level: NOT_STATED
    basis: STATED
    citations: [{ quote: "the school sends attendance to the Attendance Service." }]
  - id: la-to-attendance-heading
    from: la
    to: attendance-service
    fields: [attendance]
    level: NOT_STATED
    basis: INFERRED
    inferenceNote: "Listed under a heading naming the LA as sender; the entry names the school."
    conflictsWith: [{ flow: oak-lane-to-attendance, note: "The heading implies the LA sends; the entry says the school does." }]
    citations: [{ quote: "The following organisations are those with which the LA shares pupil data:" }]
`;

let t: TestServer;
let dir: string;
beforeEach(async () => {
  t = await startTestServer({ adminToken: TOKEN, listen: false });
  dir = mkdtempSync(join(tmpdir(), "onward-fidelity-"));
  writeFileSync(join(dir, "oak-lane.txt"), NOTICE_TEXT);
});
afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const importFile = (yaml: string) => {
  writeFileSync(join(dir, "oak-lane.yaml"), yaml);
  return importRegisterFiles(t.dataSource, [join(dir, "oak-lane.yaml")], { displayRoot: dir });
};

describe("a school's notice with processors, holdings and a heading conflict", () => {
  beforeEach(() => importFile(FILE));

  it("stores the notice's text and marks each quote found in it as verbatim", async () => {
    const { notice } = await data(t, `{ notice(id: "oak-lane-notice") { hasText url text flows { id citations { quote verbatim } } } }`);
    expect(notice.hasText).toBe(true);
    expect(notice.url).toBe("https://oak-lane.example/privacy");
    expect(notice.text).toBe(NOTICE_TEXT);
    const citations = notice.flows.flatMap((f: any) => f.citations);
    expect(citations).toHaveLength(5);
    // "We use Acme MIS" matches the text's "We use **Acme MIS**": markdown bold is ignored.
    expect(citations.every((c: any) => c.verbatim === true)).toBe(true);
  });

  it("says what the school holds, for how long and on whose rule, and finds it by field", async () => {
    const { organisation } = await data(t, `{ organisation(id: "oak-lane") { holds { id fields { id } retention retentionSetBy citations { quote verbatim notice { id } } organisation { id } } } }`);
    expect(organisation.holds).toEqual([
      {
        id: "oak-lane-keeps-files",
        fields: [{ id: "pupil-information" }],
        retention: "until the pupil is 25",
        retentionSetBy: "the county's retention schedule",
        citations: [{ quote: "We keep pupil files until the pupil is 25, as the county's retention schedule says.", verbatim: true, notice: { id: "oak-lane-notice" } }],
        organisation: { id: "oak-lane" },
      },
    ]);
    // Asked about ethnicity: a holding of the umbrella "pupil information" may hold it.
    const byField = await data(t, `{ holdings(field: "ethnicity") { id } }`);
    expect(byField.holdings.map((h: any) => h.id)).toContain("oak-lane-keeps-files");
    const other = await data(t, `{ holdings(organisation: "acme-mis") { id } }`);
    expect(other.holdings).toEqual([]);
  });

  it("gives every name its basis: cited when a notice states it, a note when it is outside knowledge", async () => {
    const { organisation } = await data(t, `{ organisation(id: "oak-lane") { aliases aliasSources { name basis note citations { quote verbatim } } } }`);
    expect(organisation.aliases).toEqual(["Oak Lane", "OLPS"]);
    expect(organisation.aliasSources).toEqual([
      { name: "Oak Lane", basis: "STATED", note: null, citations: [{ quote: "Oak Lane (the school) is part of Exampleshire.", verbatim: true }] },
      { name: "OLPS", basis: "OUTSIDE_KNOWLEDGE", note: "The school's initials on its website.", citations: [] },
    ]);
  });

  it("says a name has no source when none is recorded, even a name Object's methods have (toString, constructor)", async () => {
    // Registers from before names had sources keep an empty record (the migration's default).
    await t.dataSource.query(`UPDATE "organisation" SET "aliases" = '["toString","constructor","OLPS"]', "aliasBasis" = '{}' WHERE "id" = 'oak-lane'`);
    const { organisation } = await data(t, `{ organisation(id: "oak-lane") { aliasSources { name basis note } } }`);
    const none = { basis: "OUTSIDE_KNOWLEDGE", note: "No source recorded." };
    expect(organisation.aliasSources).toEqual([{ name: "toString", ...none }, { name: "constructor", ...none }, { name: "OLPS", ...none }]);
  });

  it("records processors as acting for the school, and chains say when they pass through one", async () => {
    const { flows } = await data(t, `{ flows(from: "oak-lane") { id recipientRole toProcessor actsFor { id } } }`);
    const byId = new Map(flows.map((f: any) => [f.id, f]));
    expect(byId.get("oak-lane-to-acme")).toEqual({ id: "oak-lane-to-acme", recipientRole: "PROCESSOR", toProcessor: true, actsFor: { id: "oak-lane" } });
    expect(byId.get("oak-lane-to-meals")).toMatchObject({ recipientRole: null, toProcessor: false, actsFor: null });
    const { organisation } = await data(t, `{ organisation(id: "cloudco") { actsFor { id } } }`);
    expect(organisation.actsFor).toEqual([{ id: "oak-lane" }]);
    const { onwardChains } = await data(t, `{ onwardChains(from: "oak-lane", asOf: null) { chains { hops { id } processorHops { id } } } }`);
    const chain = onwardChains.chains.find((c: any) => c.hops.map((h: any) => h.id).join() === "oak-lane-to-acme,acme-to-cloudco");
    expect(chain.processorHops.map((h: any) => h.id)).toEqual(["oak-lane-to-acme", "acme-to-cloudco"]);
  });

  it("marks an unnamed class of recipients, and tells optional fields from possibly included ones", async () => {
    const { organisation } = await data(t, `{ organisation(id: "school-meal-providers") { isUnnamed } }`);
    expect(organisation.isUnnamed).toBe(true);
    const { flow } = await data(t, `{ flow(id: "oak-lane-to-acme") { fields { field { id } inclusion optional } } }`);
    expect(flow.fields).toEqual([
      { field: { id: "ethnicity" }, inclusion: "OPTIONAL", optional: true },
      { field: { id: "pupil-information" }, inclusion: "INCLUDED", optional: false },
    ]);
    const meals = await data(t, `{ flow(id: "oak-lane-to-meals") { level fields { inclusion optional } } }`);
    expect(meals.flow).toEqual({ level: "NOT_STATED", fields: [{ inclusion: "POSSIBLE", optional: false }] });
    const reach = await data(t, `{ recipients(from: "oak-lane", field: "pupil-name", maxHops: 1, asOf: null) { organisation { id } certainty level chain { unstatedLevelHops { id } } } }`);
    const meal = reach.recipients.find((r: any) => r.organisation.id === "school-meal-providers");
    expect(meal).toEqual({ organisation: { id: "school-meal-providers" }, certainty: "POSSIBLE", level: "INDIVIDUAL", chain: { unstatedLevelHops: [{ id: "oak-lane-to-meals" }] } });
  });

  it("forgets a deleted flow in the conflicts of the flow that named it, which stays editable", async () => {
    const deleted = await execute(t, `mutation { deleteFlow(id: "oak-lane-to-attendance") }`, {}, ADMIN);
    expect(deleted.errors).toBeUndefined();
    const updated = await execute(t, `mutation { updateFlow(id: "la-to-attendance-heading", input: { purposes: ["x"] }) { conflicts { flow { id } } } }`, {}, ADMIN);
    expect(updated.errors).toBeUndefined();
    expect(updated.data).toEqual({ updateFlow: { conflicts: [] } });
  });

  it("keeps the sources of names a plain alias list keeps, and re-defaults a processor's controller when its sender changes", async () => {
    const renamed = await execute(
      t,
      `mutation { updateOrganisation(id: "oak-lane", input: { aliases: ["Oak Lane", "OLPS", "Oak Lane School"] }) { aliasSources { name basis note citations { verbatim } } } }`,
      {},
      ADMIN,
    );
    expect(renamed.data).toEqual({
      updateOrganisation: {
        aliasSources: [
          { name: "Oak Lane", basis: "STATED", note: null, citations: [{ verbatim: true }] },
          { name: "OLPS", basis: "OUTSIDE_KNOWLEDGE", note: "The school's initials on its website.", citations: [] },
          { name: "Oak Lane School", basis: "OUTSIDE_KNOWLEDGE", note: "Given through the API without a source.", citations: [] },
        ],
      },
    });
    const moved = await execute(t, `mutation { updateFlow(id: "oak-lane-to-acme", input: { from: "school-meal-providers" }) { recipientRole actsFor { id } } }`, {}, ADMIN);
    expect(moved.data).toEqual({ updateFlow: { recipientRole: "PROCESSOR", actsFor: { id: "school-meal-providers" } } });
  });

  it("deletes an organisation's citations with it, so a new one with its id inherits no source", async () => {
    await execute(t, `mutation { deleteFlow(id: "acme-to-cloudco") }`, {}, ADMIN);
    const gone = await execute(t, `mutation { deleteOrganisation(id: "cloudco") }`, {}, ADMIN);
    expect(gone.errors).toBeUndefined();
    const created = await execute(
      t,
      `mutation($q: String!) { createOrganisation(input: { id: "z-body", name: "Z", kind: OTHER, aliasSources: [{ name: "Oak Lane", basis: STATED, citations: [{ notice: "oak-lane-notice", quote: $q }] }] }) { id } }`,
      { q: "Oak Lane (the school) is part of Exampleshire." },
      ADMIN,
    );
    expect(created.errors).toBeUndefined();
    expect((await execute(t, `mutation { deleteOrganisation(id: "z-body") }`, {}, ADMIN)).errors).toBeUndefined();
    const again = await execute(t, `mutation { createOrganisation(input: { id: "z-body", name: "Z", kind: OTHER, aliases: ["Oak Lane"] }) { aliasSources { basis citations { quote } } } }`, {}, ADMIN);
    expect(again.data).toEqual({ createOrganisation: { aliasSources: [{ basis: "OUTSIDE_KNOWLEDGE", citations: [] }] } });
  });

  it("shows a heading conflict on both flows", async () => {
    const school = await data(t, `{ flow(id: "oak-lane-to-attendance") { conflicts { flow { id basis } note } } }`);
    expect(school.flow.conflicts).toEqual([{ flow: { id: "la-to-attendance-heading", basis: "INFERRED" }, note: "The heading implies the LA sends; the entry says the school does." }]);
    const heading = await data(t, `{ flow(id: "la-to-attendance-heading") { conflicts { flow { id } } } }`);
    expect(heading.flow.conflicts).toEqual([{ flow: { id: "oak-lane-to-attendance" } }]);
  });
});

describe("checking quotes and bases at import", () => {
  it("refuses, applying nothing, a quote its notice's text does not contain", async () => {
    const bad = FILE.replace("We keep pupil files until the pupil is 25", "We keep pupil files until the pupil is 30");
    await expect(importFile(bad)).rejects.toThrow(/holdings\[0\]\.citations\[0\]\.quote: is not in the text of notice `oak-lane-notice`/);
    const { organisations } = await data(t, `{ organisations(search: "Oak Lane") { id } }`);
    expect(organisations).toEqual([]);
  });

  it("accepts quotes from a notice with no text as paraphrases, never as the notice's words", async () => {
    await importFile(FILE.replace("  textFile: oak-lane.txt\n", "").replace("We keep pupil files until the pupil is 25", "Files are kept until 25"));
    const { notice } = await data(t, `{ notice(id: "oak-lane-notice") { hasText flows { citations { verbatim } } } }`);
    expect(notice.hasText).toBe(false);
    expect(notice.flows.flatMap((f: any) => f.citations.map((c: any) => c.verbatim))).toEqual([false, false, false, false, false]);
  });

  it("refuses a name with no basis, and a notice text file that is not there, saying what to write", async () => {
    await expect(importFile(FILE.replace("      - { name: OLPS, basis: OUTSIDE_KNOWLEDGE, note: \"The school's initials on its website.\" }", "      - OLPS"))).rejects.toThrow(
      /aliases\[1\]: the name `OLPS` has no basis: say where it comes from/,
    );
    await expect(importFile(FILE.replace("textFile: oak-lane.txt", "textFile: missing.txt"))).rejects.toThrow(/cannot read `missing.txt` beside this file \(ENOENT\)/);
    await expect(importFile(FILE.replace("textFile: oak-lane.txt", "textFile: ../etc/passwd"))).rejects.toThrow(/textFile: must be a file name beside this file/);
  });

  it("refuses a sub-processor that does not say whom it acts for", async () => {
    await expect(importFile(FILE.replace("    actsFor: oak-lane\n", ""))).rejects.toThrow(/flows\[1\]\.actsFor: a SUB_PROCESSOR needs `actsFor`/);
  });
});

describe("checking quotes and bases on every mutation", () => {
  const CREATE = `mutation($input: FlowInput!) { createFlow(input: $input) { id recipientRole actsFor { id } fields { inclusion } citations { verbatim } } }`;
  const input = (quote: string) => ({
    id: "test-dfe-to-ons",
    from: "dfe",
    to: "ons",
    fields: [{ field: "ethnicity", inclusion: "POSSIBLE" }],
    level: "NOT_STATED",
    basis: "STATED",
    recipientRole: "CONTROLLER",
    citations: [{ notice: "dfe-2010", quote }],
  });

  it("refuses a quote the notice's stored text does not contain, naming the input field", async () => {
    const result = await execute(t, CREATE, { input: input("The DfE sends everything to the ONS.") }, ADMIN);
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0].extensions?.field).toBe("input.citations[0].quote");
    expect(result.errors?.[0].message).toMatch(/is not in the text of notice `dfe-2010`: quote its words exactly/);
    expect((await data(t, `{ flows(from: "dfe", to: "ons") { id } }`)).flows.map((f: any) => f.id)).not.toContain("test-dfe-to-ons");
  });

  it("keeps a verbatim quote marked as such, with the role and inclusion given", async () => {
    const { notice } = await data(t, `{ notice(id: "dfe-2010") { text } }`);
    const sentence = (notice.text as string).split(/(?<=\.)\s+/).find((s) => s.includes("Office for National Statistics"))!.replace(/\s+/g, " ").trim();
    const result = await execute(t, CREATE, { input: input(sentence) }, ADMIN);
    expect(result.errors).toBeUndefined();
    expect(result.data!.createFlow).toEqual({ id: "test-dfe-to-ons", recipientRole: "CONTROLLER", actsFor: null, fields: [{ inclusion: "POSSIBLE" }], citations: [{ verbatim: true }] });
    const update = await execute(t, `mutation { updateFlow(id: "test-dfe-to-ons", input: { recipientRole: PROCESSOR }) { recipientRole actsFor { id } } }`, {}, ADMIN);
    expect(update.data).toEqual({ updateFlow: { recipientRole: "PROCESSOR", actsFor: { id: "dfe" } } });
  });

  it("records plain aliases as outside knowledge with no source, and refuses a STATED name without a citation", async () => {
    const created = await execute(
      t,
      `mutation { createOrganisation(input: { id: "test-body", name: "Test Body", kind: OTHER, aliases: ["TB"] }) { aliasSources { name basis note citations { quote } } } }`,
      {},
      ADMIN,
    );
    expect(created.data).toEqual({ createOrganisation: { aliasSources: [{ name: "TB", basis: "OUTSIDE_KNOWLEDGE", note: "Given through the API without a source.", citations: [] }] } });
    const refused = await execute(t, `mutation { updateOrganisation(id: "test-body", input: { aliasSources: [{ name: "TB", basis: STATED }] }) { id } }`, {}, ADMIN);
    expect(refused.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(refused.errors?.[0].message).toMatch(/a STATED basis needs at least one citation/);
    const stated = await execute(
      t,
      `mutation($q: String!) { updateOrganisation(id: "test-body", input: { aliasSources: [{ name: "TB", basis: STATED, citations: [{ notice: "dfe-2010", quote: $q }] }] }) { aliasSources { basis citations { verbatim } } } }`,
      { q: "not in the notice at all" },
      ADMIN,
    );
    expect(stated.errors?.[0].message).toMatch(/is not in the text of notice `dfe-2010`/);
  });
});
