import { startTestServer, TestServer } from "../support/server";
import { countQueries, data, execute } from "../support/graphql";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ listen: false });
});
afterAll(() => t.close());

describe("reading the register", () => {
  it("lists organisations by kind", async () => {
    const { organisations } = await data(t, `{ organisations(kind: LOCAL_AUTHORITY) { id kind } }`);
    expect(organisations.map((o: { id: string }) => o.id).sort()).toEqual(["la", "lancashire-county-council", "leicester-city-council", "wigan-council"]);
  });

  it("finds an organisation by any of its names", async () => {
    for (const [search, id] of [["DCSF", "dfe"], ["qca", "qcda"], ["IS Index", "contactpoint"], ["Health and Social Care Information Centre", "nhs-digital"]]) {
      const { organisations } = await data(t, `query($s: String) { organisations(search: $s) { id } }`, { s: search });
      expect(organisations.map((o: { id: string }) => o.id)).toContain(id);
    }
  });

  it("shows predecessors where one body replaced another", async () => {
    const { organisation } = await data(t, `{ organisation(id: "esfa") { predecessors { id predecessors { id } } } }`);
    expect(organisation.predecessors).toEqual([{ id: "skills-funding-agency", predecessors: [{ id: "lsc" }] }]);
  });

  it("returns NOT_FOUND for an unknown organisation", async () => {
    const result = await execute(t, `{ organisation(id: "hogwarts") { id } }`);
    expect(result.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect(result.errors?.[0].message).toBe("No organisation has the id `hogwarts`. Search with `organisations(search: ...)` to find its id.");
    expect(result.data).toEqual({ organisation: null });
  });

  it("answers what S-cool receives, which of it is optional, and from whom, with the notice's quotes", async () => {
    const { organisation } = await data(
      t,
      `{ organisation(id: "s-cool") { incoming { id basis from { id } fields { field { id } inclusion optional } citations { quote notice { id } } conflicts { flow { id } } } } }`,
    );
    // The entry says high schools send; the list heading implies the LA: both readings are kept, linked.
    // Flows come in id order: the LA's heading flow, then the school's.
    expect(organisation.incoming.map((f: any) => [f.from.id, f.basis])).toEqual([
      ["la", "INFERRED"],
      ["school", "STATED"],
    ]);
    const [heading, flow] = organisation.incoming;
    expect(heading.conflicts).toEqual([{ flow: { id: flow.id } }]);
    expect(flow.conflicts).toEqual([{ flow: { id: heading.id } }]);
    // "This data is not essential": OPTIONAL (and the deprecated `optional` agrees); "information about pupils": the umbrella too.
    expect(flow.fields.sort((a: any, b: any) => a.field.id.localeCompare(b.field.id))).toEqual([
      { field: { id: "date-of-birth" }, inclusion: "INCLUDED", optional: false },
      { field: { id: "ethnicity" }, inclusion: "OPTIONAL", optional: true },
      { field: { id: "gender" }, inclusion: "OPTIONAL", optional: true },
      { field: { id: "pupil-information" }, inclusion: "INCLUDED", optional: false },
      { field: { id: "pupil-name" }, inclusion: "INCLUDED", optional: false },
    ]);
    expect(flow.citations.map((c: any) => c.quote)).toContain("S-cool Limited also requests the ethnicity and gender of learners");
    expect(flow.citations.every((c: any) => c.notice.id === "la-dcsf-era")).toBe(true);
  });

  it("answers what remains for Connexions after the opt-out", async () => {
    const { optOut } = await data(
      t,
      `{ optOut(id: "002-connexions-name-and-address") { exercisedBy remainingFields { id } flows { id } citations { quote } } }`,
    );
    expect(optOut.remainingFields.map((f: any) => f.id).sort()).toEqual(["parent-address", "parent-name", "pupil-address", "pupil-name"]);
    expect(optOut.flows.map((f: any) => f.id).sort()).toEqual(["002-desc-to-connexions", "002-dfe-to-connexions", "002-la-to-connexions"]);
    expect(optOut.exercisedBy).toMatch(/16 or over/);
  });

  it("filters flows by sender, receiver, field (including narrower fields), level and basis", async () => {
    const byTo = await data(t, `{ flows(to: "department-of-health") { id level } }`);
    expect(byTo.flows.map((f: any) => f.id)).toEqual(["000-la-to-department-of-health", "000-pct-to-dh", "003-dfe-to-department-of-health"]);
    expect(byTo.flows.map((f: any) => f.level)).toEqual(["AGGREGATE", "AGGREGATE", "ANONYMISED"]);
    const byField = await data(t, `{ flows(field: "ethnicity") { id } }`);
    expect(byField.flows.map((f: any) => f.id)).toEqual(expect.arrayContaining(["000-school-to-s-cool", "002-desc-to-la"]));
    // Flows carrying ethnicity only inside an umbrella (the school census) do not name it, so they are not
    // listed here; chains count the census as DEFINITE, since a reference source itemises it.
    expect(byField.flows.map((f: any) => f.id)).not.toContain("001-stokes-wood-to-leicester-census");
    const umbrella = await data(t, `{ flows(field: "assessment-information", from: "stokes-wood-primary-school", level: AGGREGATE, basis: INFERRED) { id } }`);
    // 001: "Key stage and other performance data results are shared at an aggregated level": each
    // partnership's aggregate flow, apart from its flow of "relevant information" at a level not stated;
    // INFERRED, since the sentence is passive and names no sender.
    expect(umbrella.flows.map((f: any) => f.id)).toEqual([
      "001-stokes-wood-to-education-improvement-partnership-performance-aggregate",
      "001-stokes-wood-to-leicester-primary-partnership-performance-aggregate",
      "001-stokes-wood-to-lesp-performance-aggregate",
    ]);
    const unknown = await execute(t, `{ flows(field: "shoe-size") { id } }`);
    expect(unknown.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });

  it("pages through flows with cursors, as GitHub's API does", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { flowsConnection }: any = await data(t, `query($after: String) { flowsConnection(first: 40, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, { after });
      seen.push(...flowsConnection.edges.map((e: any) => e.node.id));
      pages++;
      if (!flowsConnection.pageInfo.hasNextPage) {
        expect(flowsConnection.totalCount).toBe(seen.length);
        break;
      }
      after = flowsConnection.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(seen.length / 40));
    expect(new Set(seen).size).toBe(seen.length);
    const { flows } = await data(t, `{ flows { id } }`);
    expect(seen).toEqual(flows.map((f: any) => f.id));
  });

  it("refuses a bad page size or cursor with BAD_USER_INPUT naming the argument", async () => {
    const tooBig = await execute(t, `{ organisationsConnection(first: 5000) { totalCount } }`);
    expect(tooBig.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    const badCursor = await execute(t, `{ organisationsConnection(after: "nonsense") { totalCount } }`);
    expect(badCursor.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("lists notices with their publisher and flows, and fields with their umbrellas", async () => {
    const { notice } = await data(t, `{ notice(id: "wigan-2009") { publisher { id } era validFrom validTo flows { id } } }`);
    expect(notice.publisher.id).toBe("wigan-council");
    expect([notice.validFrom, notice.validTo]).toEqual(["2009-01-26", "2010-08-12"]);
    expect(notice.flows.map((f: any) => f.id)).toContain("004-wigan-council-to-alkemygold");
    const { field } = await data(t, `{ field(id: "ethnicity") { specialCategory category broader { id } } }`);
    // By id, on both databases (it followed SQLite's insertion order before PostgreSQL).
    expect(field).toEqual({ specialCategory: true, category: "CHARACTERISTICS", broader: [{ id: "characteristics" }, { id: "school-census" }] });
  });

  it("loads relations in batches, not a query per row", async () => {
    const query = `{ organisations { id incoming { id from { name } fields { field { label } optional } citations { quote notice { title } } optOuts { id } } outgoing { id } } }`;
    const queries = await countQueries(t, () => data(t, query));
    // organisations, incoming, outgoing, organisation, flow_field, pupil_field, citation, notice, opt_out: one each
    expect(queries).toBeLessThanOrEqual(10);
  });
});
