/**
 * Chains a DPO can trust (issue 9), checked against the notices through the API: no false routes
 * through general organisations, lifetimes, the census return itemised by the DfE's datasets, and
 * opt-outs that bind only what was received. Each case quotes the sentence it rests on.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRegisterServer } from "../../server/http/app";
import { importRegisterFiles } from "../../server/register/import";
import { data } from "../support/graphql";
import { CLIENT_DIR, seededDatabase, startTestServer, TestServer } from "../support/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ listen: false });
});
afterAll(() => t.close());

interface Reach {
  organisation: { id: string; existedTo: string | null };
  hops: number;
  level: string;
  certainty: string;
  chain: { organisations: { id: string; existedTo: string | null }[]; hops: { id: string; scope: { kind: string } }[]; inheritedHops: { id: string }[]; roleNotes: string[] };
}

const REACH = `query($from: ID!, $field: ID, $maxHops: Int, $optOuts: [ID!], $asOf: LocalDate) {
  recipients(from: $from, field: $field, maxHops: $maxHops, optOuts: $optOuts, asOf: $asOf) {
    organisation { id existedTo } hops level certainty
    chain { organisations { id existedTo } hops { id scope { kind } } inheritedHops { id } roleNotes }
  }
}`;

async function recipients(server: TestServer, variables: Record<string, unknown>): Promise<Map<string, Reach>> {
  const result = await data<{ recipients: Reach[] }>(server, REACH, variables);
  return new Map(result.recipients.map((r) => [r.organisation.id, r]));
}

async function sources(server: TestServer, variables: Record<string, unknown>): Promise<Map<string, Reach>> {
  const result = await data<{ sources: Reach[] }>(server, REACH.replace("recipients(from: $from", "sources(to: $from"), variables);
  return new Map(result.sources.map((r) => [r.organisation.id, r]));
}

const EVERY_ERA = [null, "2008-06-01", "2009-06-01", "2010-06-01", "2011-06-01", "2016-01-01", "2019-06-01", "2024-01-01"];

describe("no false routes through general organisations", () => {
  // 004: "Wigan CYPS ... share pupil data with External Agencies"; 000: S-cool's data come from the unnamed
  // LA's "high schools"; ContactPoint's from 000's and DESC's "school" and "LA" and from Wigan. None of these
  // notices speaks for Stokes Wood (Leicester).
  it("no chain from Stokes Wood reaches Wigan Council, S-cool Limited or ContactPoint at any date", async () => {
    for (const asOf of EVERY_ERA) {
      for (const field of [null, "ethnicity", "pupil-name"]) {
        const reach = await recipients(t, { from: "stokes-wood-primary-school", field, maxHops: 12, asOf });
        for (const id of ["wigan-council", "s-cool", "contactpoint", "lancashire-county-council"]) expect([asOf, field, id, reach.has(id)]).toEqual([asOf, field, id, false]);
      }
    }
  });

  // 001: "We will share pupil information with ... schools that the pupil's attend after leaving us": "a
  // school" is the pupil's next school, a legitimate recipient, but it speaks for no other school.
  it("the pupil's next school stays a recipient, and what it does next follows only flows stated for every school", async () => {
    const reach = await recipients(t, { from: "stokes-wood-primary-school", maxHops: 12 });
    const next = reach.get("school")!;
    expect(next).toMatchObject({ hops: 1 });
    expect(next.chain.hops.map((h) => h.scope.kind)).toEqual(["COUNTERPART"]);
    expect(next.chain.roleNotes[0]).toMatch(/only flows stated for every school/);
    for (const r of reach.values()) {
      const at = r.chain.organisations.findIndex((o) => o.id === "school");
      if (at === -1) continue;
      // Past the next school, every hop is stated for every school (or every LA), never for one area.
      expect(r.chain.hops.slice(at).map((h) => h.scope.kind).every((k) => k === "NATIONAL")).toBe(true);
    }
  });

  // 001: "This information is securely collected from a range of sources including schools, local authorities
  // and awarding bodies." Leicester is a local authority: it inherits the flow, marked as inherited.
  it("Leicester City Council inherits the NPD's \"local authorities\" source flow, marked as inherited", async () => {
    const from = await sources(t, { from: "npd", asOf: "2019-06-01" });
    expect(from.get("leicester-city-council")).toMatchObject({ hops: 1 });
    expect(from.get("leicester-city-council")!.chain.inheritedHops.map((h) => h.id)).toEqual(["001-la-to-npd"]);
    // Stokes Wood is not a local authority: it reaches the NPD through the DfE, not by inheritance.
    expect(from.get("stokes-wood-primary-school")!.chain.inheritedHops).toEqual([]);
  });

  // 000: "High schools may send information about pupils to a third party organisation called S-cool Limited":
  // the unnamed LA's high schools, so Wigan Council (another named LA) never reaches S-cool through "a school".
  it("a named LA does not pick up flows another LA's notice states for its own schools", async () => {
    const reach = await recipients(t, { from: "wigan-council", maxHops: 12 });
    expect(reach.has("s-cool")).toBe(false);
    expect(reach.has("leicester-city-council")).toBe(false);
  });
});

describe("a second named school, added with one flow to the DfE", () => {
  let folder: string;
  let havant: TestServer;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "onward-havant-"));
    writeFileSync(
      join(folder, "park-community-school.yaml"),
      `notice:
  id: park-community-school-2025
  title: "Privacy notice (Park Community School, Havant)"
  publisher: park-community-school
  date: null
  era: "2025"
  source: null
  validFrom: 2025-01-01
  validTo: null
organisations:
  - { id: park-community-school, name: Park Community School, kind: SCHOOL, instanceOf: school }
flows:
  - id: park-community-school-to-dfe
    from: park-community-school
    to: dfe
    fields: [school-census]
    level: INDIVIDUAL
    basis: STATED
    citations:
      - quote: "We share pupils' data with the Department for Education (DfE) on a statutory basis."
`,
    );
    const dataSource = await seededDatabase();
    await importRegisterFiles(dataSource, [folder]);
    const server = await createRegisterServer({ dataSource, adminToken: null, clientDir: CLIENT_DIR, log: () => {} });
    havant = { server, dataSource, url: "", base: "", close: async () => (await server.close(), await dataSource.destroy()) };
  });
  afterAll(async () => {
    await havant.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("never reaches Stokes Wood, Leicester City Council or Wigan Council", async () => {
    for (const asOf of [null, "2025-06-01"]) {
      for (const field of [null, "ethnicity"]) {
        const reach = await recipients(havant, { from: "park-community-school", field, maxHops: 12, asOf });
        expect(reach.has("dfe")).toBe(true);
        for (const id of ["stokes-wood-primary-school", "leicester-city-council", "wigan-council", "s-cool", "contactpoint"]) expect([asOf, field, id, reach.has(id)]).toEqual([asOf, field, id, false]);
      }
    }
  });

  it("and Stokes Wood's sources do not include it", async () => {
    expect((await sources(havant, { from: "stokes-wood-primary-school", maxHops: 12 })).has("park-community-school")).toBe(false);
    expect((await sources(havant, { from: "npd", maxHops: 12 })).has("park-community-school")).toBe(true);
  });
});

describe("umbrellas that say what they hold", () => {
  // 001: "We are required by law, to provide information about our pupils to the DfE as part of statutory data
  // collections such as the school census"; the DfE's census datasets list Ethnicity (a reference definition).
  // "Some of this information is then stored in the NPD": which items, not said, so the NPD only possibly.
  it("Stokes Wood's ethnicity reaches the DfE DEFINITELY and the NPD possibly, at any date and today", async () => {
    for (const asOf of [null, "2024-01-01"]) {
      const reach = await recipients(t, { from: "stokes-wood-primary-school", field: "ethnicity", asOf });
      expect(reach.get("dfe")).toMatchObject({ hops: 1, certainty: "DEFINITE", level: "INDIVIDUAL" });
      expect(reach.get("npd")).toMatchObject({ hops: 2, certainty: "POSSIBLE", level: "INDIVIDUAL" });
    }
  });

  it("the census return's definition cites the DfE's datasets as a reference, item by item", async () => {
    const { field } = await data(t, `{ field(id: "school-census") { definition { source items { field { id } sourceItems } } broader { id } } }`);
    expect(field.definition.source).toMatch(/npd-fields\.tsv/);
    expect(field.definition.items.find((i: any) => i.field.id === "ethnicity").sourceItems).toContain("CensusSpringOutputRecord.Ethnicity");
    expect(field.broader.map((f: any) => f.id)).toEqual(["pupil-information"]);
  });

  // 001: "Some of this information is then stored in the NPD." and the NPD's "third parties": the census return
  // is part of "pupil information", so a chain asked about the census continues past the NPD (possibly).
  it("a chain asked about the census return continues past the NPD", async () => {
    const reach = await recipients(t, { from: "stokes-wood-primary-school", field: "school-census" });
    // "Some of this information is then stored in the NPD": the census return only possibly.
    expect(reach.get("npd")).toMatchObject({ certainty: "POSSIBLE" });
    expect(reach.get("npd-third-parties")).toMatchObject({ hops: 3, certainty: "POSSIBLE" });
  });
});

describe("today's picture", () => {
  it("at 2024-01-01 no chain from Stokes Wood reaches, or passes through, a body that had closed", async () => {
    const reach = await recipients(t, { from: "stokes-wood-primary-school", maxHops: 12, asOf: "2024-01-01" });
    expect(reach.size).toBeGreaterThan(10);
    for (const r of reach.values()) {
      for (const o of r.chain.organisations) expect([o.id, o.existedTo === null || o.existedTo >= "2024-01-01"]).toEqual([o.id, true]);
    }
    // The same question over every era still shows them, and says it mixes eras.
    const every = await recipients(t, { from: "stokes-wood-primary-school", maxHops: 12 });
    expect(every.has("connexions")).toBe(true);
  });

  // 002 (DESC, c.2006 template, undated): "the school is legally required to pass on certain information to
  // Connexions"; the IS Index paragraph. The notice ends with the national Connexions service it describes as
  // current ("Connexions is the government's support service for all young people aged 13 to 19 in England"),
  // 2012-04-04 (outside knowledge); ContactPoint closed earlier, on 2010-08-12.
  it("DESC's template stops sending to ContactPoint when it closed, and ends with the national Connexions service", async () => {
    const in2009 = await recipients(t, { from: "dacorum-education-support-centre", asOf: "2009-06-01" });
    expect(in2009.has("connexions")).toBe(true);
    expect(in2009.has("contactpoint")).toBe(true);
    const in2011 = await recipients(t, { from: "dacorum-education-support-centre", asOf: "2011-06-01", maxHops: 12 });
    expect(in2011.has("connexions")).toBe(true);
    expect(in2011.has("contactpoint")).toBe(false);
    expect(in2011.has("dfe")).toBe(true);
    const in2024 = await recipients(t, { from: "dacorum-education-support-centre", asOf: "2024-01-01", maxHops: 12 });
    expect(in2024.size).toBe(0);
  });

  it("each answer says which eras it mixes", async () => {
    const query = `query($asOf: LocalDate) { recipientsReport(from: "stokes-wood-primary-school", asOf: $asOf) { asOf mixesEras eras { id validFrom validTo } } }`;
    const every = (await data(t, query, { asOf: null })).recipientsReport;
    expect(every.asOf).toBeNull();
    expect(every.mixesEras).toBe(true);
    expect(every.eras.map((n: any) => n.id)).toEqual(expect.arrayContaining(["stokes-wood-2018", "la-dcsf-era", "dfe-2010"]));
    const today = (await data(t, query, { asOf: "2024-01-01" })).recipientsReport;
    expect(today.mixesEras).toBe(false);
    expect(today.eras.map((n: any) => n.id)).not.toContain("la-dcsf-era");
  });
});

describe("opt-outs that bind what was received", () => {
  const CONNEXIONS = ["000-connexions-name-and-address", "002-connexions-name-and-address", "004-connexions-name-and-address"];

  // 000: "The LA and DCSF may supply to Connexions service providers information which they have about children,
  // but will not pass on any information they have received from the school if parents ... have notified the school"
  it("the LA and the DfE still supply Connexions with their own information after the opt-out", async () => {
    const from = await sources(t, { from: "connexions", field: "connexions-information", optOuts: CONNEXIONS, maxHops: 12 });
    expect(from.has("la")).toBe(true);
    expect(from.has("dfe")).toBe(true);
    // ... but nothing DESC gave them: DESC is not a source of it any more.
    expect(from.has("dacorum-education-support-centre")).toBe(false);
    // 002: "will not pass on any information they have received from the school if parents ... have notified the
    // school": in DESC's policy "the school" is DESC, so the LA's and DfE's flows under 002 bind only what came from
    // DESC; what another school gave them is not covered, so other schools stay sources only through those flows.
    for (const id of ["school", "stokes-wood-primary-school"]) {
      if (from.has(id)) expect([id, /^002-(la|dfe)-to-connexions$/.test(from.get(id)!.chain.hops.at(-1)!.id)]).toEqual([id, true]);
    }
    const without = await sources(t, { from: "connexions", field: "connexions-information", maxHops: 12 });
    expect(without.has("dacorum-education-support-centre")).toBe(true);
  });

  it("chains from the school are narrowed at the LA and the DfE, the LA's own chains are not", async () => {
    const viaSchool = await recipients(t, { from: "dacorum-education-support-centre", field: "ethnicity", optOuts: CONNEXIONS, asOf: "2009-06-01" });
    expect(viaSchool.has("connexions")).toBe(false);
    const ownData = await recipients(t, { from: "la", field: "ethnicity", optOuts: CONNEXIONS, asOf: "2009-06-01" });
    expect(ownData.get("connexions")).toMatchObject({ hops: 1, certainty: "POSSIBLE" });
  });
});
