/**
 * `recipientsReport` and `sourcesReport` a page at a time (issue 13): `sources(to: "npd")` names
 * every school in England (2 MB), so a client can take it in pages instead. The plain lists and
 * the reports without `first`/`after` still answer whole.
 */
import { parse } from "graphql";
import { buildRegisterSchema } from "../../server/schema";
import { estimateCost } from "../../server/limits/cost";
import { data, execute } from "../support/graphql";
import { startTestServer, TestServer } from "../support/server";

const TOKEN = "paging-test-token";
const ADMIN = `Bearer ${TOKEN}`;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ adminToken: TOKEN, listen: false });
});
afterAll(() => t.close());

interface Item {
  organisation: { id: string };
  hops: number;
  level: string;
  certainty: string;
  chain: { organisations: { id: string }[]; hops: { id: string }[] };
}
interface Page {
  totalCount: number;
  truncated: boolean;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  organisations: Item[];
}

const ITEM = `organisation { id } hops level certainty chain { organisations { id } hops { id } }`;
const ARGS = `field: $field, maxHops: $maxHops, optOuts: $optOuts, first: $first, after: $after`;
const VARIABLES = `$field: ID, $maxHops: Int, $optOuts: [ID!], $first: Int, $after: String`;
const REPORT = `totalCount truncated pageInfo { hasNextPage hasPreviousPage startCursor endCursor } organisations { ${ITEM} }`;
const RECIPIENTS_PAGE = `query($at: ID!, ${VARIABLES}) { recipientsReport(from: $at, ${ARGS}) { ${REPORT} } }`;
const SOURCES_PAGE = `query($at: ID!, ${VARIABLES}) { sourcesReport(to: $at, ${ARGS}) { ${REPORT} } }`;
const RECIPIENTS_WHOLE = `query($at: ID!, $field: ID, $maxHops: Int, $optOuts: [ID!]) { recipients(from: $at, field: $field, maxHops: $maxHops, optOuts: $optOuts) { ${ITEM} } }`;
const SOURCES_WHOLE = `query($at: ID!, $field: ID, $maxHops: Int, $optOuts: [ID!]) { sources(to: $at, field: $field, maxHops: $maxHops, optOuts: $optOuts) { ${ITEM} } }`;

type Direction = "recipients" | "sources";
const pageQuery = (direction: Direction) => (direction === "recipients" ? RECIPIENTS_PAGE : SOURCES_PAGE);
const reportOf = (answer: Record<string, Page>, direction: Direction) => answer[`${direction}Report`];

async function page(direction: Direction, variables: Record<string, unknown>): Promise<Page> {
  return reportOf(await data<Record<string, Page>>(t, pageQuery(direction), variables), direction);
}

async function whole(direction: Direction, variables: Record<string, unknown>): Promise<Item[]> {
  const answer = await data<Record<string, Item[]>>(t, direction === "recipients" ? RECIPIENTS_WHOLE : SOURCES_WHOLE, variables);
  return answer[direction];
}

/** Every page of a question, following `endCursor`, checking each page's `pageInfo` on the way. */
async function allPages(direction: Direction, variables: Record<string, unknown>, first: number): Promise<Page[]> {
  const pages: Page[] = [];
  let after: string | null = null;
  for (;;) {
    const next: Page = await page(direction, { ...variables, first, after });
    pages.push(next);
    expect(next.pageInfo.hasPreviousPage).toBe(after !== null);
    if (!next.pageInfo.hasNextPage) return pages;
    expect(next.organisations).toHaveLength(first);
    after = next.pageInfo.endCursor;
    expect(pages.length).toBeLessThan(200);
  }
}

async function refusal(query: string, variables: Record<string, unknown>, authorization?: string) {
  const result = await execute(t, query, variables, authorization);
  expect(result.errors).toHaveLength(1);
  return { code: result.errors![0].extensions?.code, field: result.errors![0].extensions?.field, message: result.errors![0].message };
}

const QUESTIONS: [Direction, Record<string, unknown>][] = [
  ["recipients", { at: "stokes-wood-primary-school" }],
  ["recipients", { at: "stokes-wood-primary-school", field: "ethnicity", maxHops: 3 }],
  ["sources", { at: "npd" }],
  ["sources", { at: "npd", field: "ethnicity" }],
  ["sources", { at: "connexions", field: "date-of-birth", optOuts: ["000-connexions-name-and-address"] }],
];

describe("recipientsReport and sourcesReport a page at a time", () => {
  it.each(QUESTIONS)("pages through %s %j to exactly the unpaged answer, in order", async (direction, variables) => {
    const expected = await whole(direction, variables);
    expect(expected.length).toBeGreaterThan(2);
    for (const first of [1, 2, 7, expected.length, 500]) {
      const pages = await allPages(direction, variables, first);
      expect(pages.flatMap((p) => p.organisations)).toEqual(expected);
      expect(pages).toHaveLength(Math.max(1, Math.ceil(expected.length / first)));
      for (const p of pages) expect(p.totalCount).toBe(expected.length);
    }
  });

  it("answers whole without `first` and `after`, as before, with the whole count and no next page", async () => {
    const expected = await whole("sources", { at: "npd" });
    const report = await page("sources", { at: "npd" });
    expect(report.organisations).toEqual(expected);
    expect(report.totalCount).toBe(expected.length);
    expect(report.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    const more = await page("sources", { at: "npd", after: report.pageInfo.endCursor });
    expect(more.organisations).toEqual([]);
    expect(more.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
  });

  it("gives pages of 50 when `after` comes without `first`", async () => {
    const first = await page("recipients", { at: "stokes-wood-primary-school", first: 3 });
    const rest = await page("recipients", { at: "stokes-wood-primary-school", after: first.pageInfo.endCursor });
    const expected = await whole("recipients", { at: "stokes-wood-primary-school" });
    expect(rest.organisations).toEqual(expected.slice(3, 53));
  });

  it("gives the same cursors for the same page asked twice", async () => {
    const a = await page("sources", { at: "npd", first: 5 });
    const b = await page("sources", { at: "npd", first: 5 });
    expect(b.pageInfo).toEqual(a.pageInfo);
    const next = await page("sources", { at: "npd", first: 5, after: a.pageInfo.endCursor });
    expect(next.pageInfo.startCursor).not.toBe(a.pageInfo.endCursor);
  });

  it("counts an empty answer as one empty page", async () => {
    // No flow in the seed register goes to the ICO.
    const report = await page("sources", { at: "information-commissioners-office", first: 10 });
    expect(report).toMatchObject({ totalCount: 0, organisations: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } });
  });
});

describe("refusals", () => {
  it.each([0, -1, 501])("refuses first: %d with BAD_USER_INPUT naming `first`", async (first) => {
    for (const direction of ["recipients", "sources"] as const) {
      const r = await refusal(pageQuery(direction), { at: "npd", first });
      expect(r).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
      expect(r.message).toMatch(/between 1 and 500/);
    }
  });

  it.each([
    ["gibberish", "not-a-cursor"],
    ["an empty string", ""],
    ["a flowsConnection cursor", Buffer.from("id:000-s-cool-to-educational-organisations").toString("base64url")],
    ["a cursor with its position cut off", Buffer.from("id:reach.abc").toString("base64url")],
  ])("refuses %s as `after` with BAD_USER_INPUT saying what to pass instead", async (_, after) => {
    const r = await refusal(SOURCES_PAGE, { at: "npd", first: 5, after });
    expect(r).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    expect(r.message).toMatch(/endCursor/);
  });

  it("refuses a cursor whose position was altered", async () => {
    const { pageInfo } = await page("sources", { at: "npd", first: 5 });
    const decoded = Buffer.from(pageInfo.endCursor!, "base64url").toString("utf8");
    const forged = Buffer.from(decoded.replace(/\d+$/, "9999"), "utf8").toString("base64url");
    const r = await refusal(SOURCES_PAGE, { at: "npd", first: 5, after: forged });
    expect(r).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("refuses a cursor from another question, saying so and what to do", async () => {
    const { pageInfo } = await page("sources", { at: "npd", first: 5 });
    for (const [direction, variables] of [
      ["sources", { at: "npd", field: "ethnicity" }],
      ["sources", { at: "npd", maxHops: 3 }],
      ["recipients", { at: "npd" }],
      ["sources", { at: "dfe" }],
    ] as const) {
      const r = await refusal(pageQuery(direction), { ...variables, first: 5, after: pageInfo.endCursor });
      expect(r).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
      expect(r.message).toMatch(/different question/);
      expect(r.message).toMatch(/leave `after` out/);
    }
  });

  it("takes a cursor back whatever the order the opt-outs were listed in, and with maxHops 6 spelt out", async () => {
    const { pageInfo } = await page("sources", { at: "npd", first: 2 });
    const next = await page("sources", { at: "npd", maxHops: 6, first: 2, after: pageInfo.endCursor });
    expect(next.pageInfo.hasPreviousPage).toBe(true);
  });
});

describe("when the register changes between pages", () => {
  const CREATE_FLOW = `mutation($input: FlowInput!) { createFlow(input: $input) { id } }`;
  const DELETE_FLOW = `mutation($id: ID!) { deleteFlow(id: $id) }`;
  const RENAME = `mutation($id: ID!, $name: String!) { updateOrganisation(id: $id, input: { name: $name }) { name } }`;
  const newSource = {
    id: "test-s-cool-to-npd",
    from: "s-cool",
    to: "npd",
    fields: [{ field: "ethnicity" }],
    level: "INDIVIDUAL",
    basis: "INFERRED",
    inferenceNote: "A test flow",
    citations: [{ notice: "la-dcsf-era", quote: "S-cool Limited also requests the ethnicity and gender of learners" }],
  };

  it("goes on from the cursor when the change leaves this answer as it was", async () => {
    const expected = await whole("sources", { at: "npd" });
    const first = await page("sources", { at: "npd", first: 5 });
    const outside = "information-commissioners-office";
    expect(expected.map((r) => r.organisation.id)).not.toContain(outside);
    expect((await execute(t, RENAME, { id: outside, name: "The ICO, renamed" }, ADMIN)).errors).toBeUndefined();
    const second = await page("sources", { at: "npd", first: 5, after: first.pageInfo.endCursor });
    expect([...first.organisations, ...second.organisations]).toEqual(expected.slice(0, 10));
  });

  it("refuses the next page with BAD_USER_INPUT when the change altered this answer, then pages through the new one", async () => {
    const before = await whole("sources", { at: "npd" });
    expect(before.map((r) => r.organisation.id)).not.toContain("s-cool");
    const first = await page("sources", { at: "npd", first: 5 });
    expect((await execute(t, CREATE_FLOW, { input: newSource }, ADMIN)).errors).toBeUndefined();
    try {
      const r = await refusal(SOURCES_PAGE, { at: "npd", first: 5, after: first.pageInfo.endCursor });
      expect(r).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
      expect(r.message).toMatch(/register has changed/);
      expect(r.message).toMatch(/leave `after` out/);
      const after = await whole("sources", { at: "npd" });
      expect(after.map((r) => r.organisation.id)).toContain("s-cool");
      expect((await allPages("sources", { at: "npd" }, 4)).flatMap((p) => p.organisations)).toEqual(after);
    } finally {
      expect((await execute(t, DELETE_FLOW, { id: newSource.id }, ADMIN)).errors).toBeUndefined();
    }
  });
});

describe("what a page costs", () => {
  const costOf = async (query: string) => estimateCost(await buildRegisterSchema(), parse(query), {}, null);
  const report = (args: string) => `{ sourcesReport(to: "npd"${args}) { totalCount pageInfo { endCursor } organisations { organisation { id name } chain { hops { id } } } } }`;

  it("costs less for a page of fewer than 100 than for the whole answer, and never more for any page", async () => {
    const wholeCost = await costOf(report(""));
    expect(await costOf(report(", first: 10"))).toBeLessThan(wholeCost);
    expect(await costOf(report(", first: 99"))).toBeLessThan(wholeCost);
    expect(await costOf(report(", first: 500"))).toBeLessThanOrEqual(wholeCost);
    expect(await costOf(report(", first: 10"))).toBeLessThan(await costOf(report(", first: 50")));
  });

  it("costs the whole answer what it cost before paging existed", async () => {
    // 100 (a chain question) + 1 (the result) + 100 recipients x (1 + organisation 1 + chain 1 + 12 hops) + pageInfo 1
    expect(await costOf(report(""))).toBe(100 + 1 + 100 * 15 + 1);
  });
});
