import { nestedOutgoing } from "../../bench/attacks";
import { post, postRaw } from "../support/server-process";
import { startTestServer, TestServer } from "../support/server";

/**
 * Hostile queries, each refused before it runs, fast, with its own code. Before these limits,
 * the nested query below ran the heap out of memory, 1,000 aliased chain questions took 21 s and
 * 2 GB, and 40,000 `__typename`s blocked the server for 21 s.
 */
const TOKEN = "limits-test-token";
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ adminToken: TOKEN });
});
afterAll(() => t.close());

const nested = nestedOutgoing;

async function refused(query: string, variables: Record<string, unknown> = {}) {
  const started = performance.now();
  const answer = await post(t.url, query, variables);
  const ms = performance.now() - started;
  expect(answer.data ?? null).toBeNull();
  expect(answer.errors).toHaveLength(1);
  return { status: answer.status, code: answer.errors![0].extensions?.code, message: answer.errors![0].message, extensions: answer.errors![0].extensions, ms };
}

describe("query limits", () => {
  it("refuses outgoing { to { outgoing ... } } nested 8 levels as too deep, in well under a second", async () => {
    const r = await refused(nested(8));
    expect(r).toMatchObject({ status: 400, code: "QUERY_TOO_DEEP" });
    expect(r.message).toMatch(/depth limit: 18 against at most 12\. .*recipients/);
    expect(r.ms).toBeLessThan(1000);
  });

  it("refuses nesting within the depth limit that would multiply lists past the cost limit", async () => {
    const r = await refused(nested(4));
    expect(r).toMatchObject({ status: 400, code: "QUERY_TOO_COSTLY" });
    expect(r.extensions).toMatchObject({ limit: { name: "cost", max: 1_000_000 } });
    expect(r.ms).toBeLessThan(1000);
  });

  it("refuses 1,000 aliased chain questions", async () => {
    const query = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: onwardChains(from: "school") { truncated }`).join(" ")} }`;
    const r = await refused(query);
    // 1,000 aliases are also more tokens than allowed: the parser stops first.
    expect(["QUERY_TOO_LONG", "TOO_MANY_ALIASES"]).toContain(r.code);
    expect(r.ms).toBeLessThan(1000);
    const fewer = await refused(`{ ${Array.from({ length: 31 }, (_, i) => `a${i}: organisation(id: "dfe") { id }`).join(" ")} }`);
    expect(fewer).toMatchObject({ status: 400, code: "TOO_MANY_ALIASES" });
    expect(fewer.message).toMatch(/aliases limit: 31 against at most 30/);
  });

  it("refuses 40,000 __typename fields at parsing, without validating them", async () => {
    const r = await refused(`{ ${Array(40000).fill("__typename").join(" ")} }`);
    expect(r).toMatchObject({ status: 400, code: "QUERY_TOO_LONG" });
    expect(r.message).toMatch(/tokens limit/);
    expect(r.ms).toBeLessThan(1000);
    // Just under the token limit, the quadratic field-merging check still answers quickly.
    const started = performance.now();
    const under = await post(t.url, `{ ${Array(995).fill("__typename").join(" ")} }`);
    expect(under.errors).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("refuses many directives", async () => {
    const r = await refused(`{ ${Array(31).fill("... on Query @include(if: true) { __typename }").join(" ")} }`);
    expect(r).toMatchObject({ status: 400, code: "TOO_MANY_DIRECTIVES" });
  });

  it("applies the cost limit to each request's variables, also once the query runs compiled", async () => {
    const query = `query($first: Int) { onwardChains(from: "school", first: $first) { chains { organisations { incoming { id } } } } }`;
    // Three cheap runs: the second and third run compiled (graphql-jit).
    for (let i = 0; i < 3; i++) expect((await post(t.url, query, { first: 5 })).errors).toBeUndefined();
    expect(t.server.compiledExecution!.runs.compiled).toBeGreaterThan(0);
    const r = await refused(query, { first: 1000 });
    expect(r).toMatchObject({ status: 400, code: "QUERY_TOO_COSTLY" });
  });

  it("answers DEADLINE_EXCEEDED when chain questions run past the request's time budget", async () => {
    const tight = await startTestServer({ chainBudgetMs: 0 });
    try {
      const answer = await post(tight.url, `{ recipients(from: "school") { hops } }`);
      expect(answer.errors?.[0]?.extensions?.code).toBe("DEADLINE_EXCEEDED");
      expect(answer.errors?.[0]?.message).toMatch(/time budget of 0 s .*fewer chain questions/);
    } finally {
      await tight.close();
    }
  });

  it("still answers what the map and the README's examples ask", async () => {
    const answer = await post(
      t.url,
      `{ recipients(from: "stokes-wood-primary-school", field: "ethnicity", asOf: "2019-06-01") { organisation { name } hops level certainty chain { hops { from { name } to { name } approval citations { quote notice { title } } } } } }`,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.recipients.length).toBeGreaterThan(3);
  });
});

describe("requests a client gets wrong", () => {
  const codeOf = async (body: unknown, token?: string) => {
    const answer = await postRaw(t.url, body, { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) });
    return { status: answer.status, code: answer.errors?.[0]?.extensions?.code, message: answer.errors?.[0]?.message ?? "", length: answer.text.length };
  };

  it("says which operation to run when operationName names none of the document's, or is missing among several", async () => {
    expect(await codeOf({ query: "query A { __typename }", operationName: "Z" })).toMatchObject({ status: 400, code: "OPERATION_RESOLUTION_FAILURE", message: expect.stringMatching(/no operation with the `operationName` given/) });
    expect(await codeOf({ query: "query A { __typename } query B { __typename }" })).toMatchObject({ status: 400, code: "OPERATION_RESOLUTION_FAILURE", message: expect.stringMatching(/several operations/) });
  });

  it("refuses a subscription and a persisted query with a client error", async () => {
    expect(await codeOf({ query: "subscription { __typename }" })).toMatchObject({ status: 400, code: "BAD_REQUEST" });
    expect(await codeOf({ query: "{ __typename }", extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } })).toMatchObject({ code: "PERSISTED_QUERY_NOT_SUPPORTED" });
  });

  it("refuses a 50,000-character search as BAD_USER_INPUT, not an internal error", async () => {
    const r = await codeOf({ query: `query($s: String) { organisations(search: $s) { id } }`, variables: { s: "a".repeat(50000) } });
    expect(r).toMatchObject({ status: 400, code: "BAD_USER_INPUT", message: expect.stringMatching(/at most 200/) });
  });

  it("never echoes a huge id back: a 1.9 MB id gets a short answer", async () => {
    const r = await codeOf({ query: `query($id: ID!) { organisation(id: $id) { id } }`, variables: { id: "x".repeat(1_900_000) } });
    expect(r).toMatchObject({ status: 400, code: "BAD_USER_INPUT" });
    expect(r.length).toBeLessThan(1000);
    const notFound = await codeOf({ query: `query($id: ID!) { organisation(id: $id) { id } }`, variables: { id: "y".repeat(199) } });
    expect(notFound.code).toBe("NOT_FOUND");
    expect(notFound.length).toBeLessThan(1000);
  });

  it("refuses control characters and unpaired surrogates in arguments and in records", async () => {
    expect(await codeOf({ query: `query($s: String) { organisations(search: $s) { id } }`, variables: { s: "ab\u0000c" } })).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(await codeOf({ query: `query($s: String) { organisations(search: $s) { id } }`, variables: { s: "\ud800x" } })).toMatchObject({ code: "BAD_USER_INPUT" });
    // In the document itself, graphql-js's parser refuses the escape.
    expect(await codeOf({ query: `{ organisations(search: "\\ud800x") { id } }` })).toMatchObject({ status: 400, code: "GRAPHQL_PARSE_FAILED" });
    const create = `mutation($input: OrganisationInput!) { createOrganisation(input: $input) { id } }`;
    const nul = await codeOf({ query: create, variables: { input: { id: "nul-body", name: "Bad\u0000name", kind: "OTHER" } } }, TOKEN);
    expect(nul).toMatchObject({ code: "BAD_USER_INPUT" });
    const long = await codeOf({ query: create, variables: { input: { id: "long-body", name: "n".repeat(301), kind: "OTHER" } } }, TOKEN);
    expect(long).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringMatching(/at most 300 characters/) });
  });

  it("refuses an organisation as its own predecessor, directly or through a cycle", async () => {
    const create = `mutation($input: OrganisationInput!) { createOrganisation(input: $input) { id } }`;
    const self = await codeOf({ query: create, variables: { input: { id: "selfish-body", name: "Selfish", kind: "OTHER", predecessors: [] } } }, TOKEN);
    expect(self.code).toBeUndefined();
    const update = `mutation($id: ID!, $p: [ID!]) { updateOrganisation(id: $id, input: { predecessors: $p }) { id } }`;
    expect(await codeOf({ query: update, variables: { id: "selfish-body", p: ["selfish-body"] } }, TOKEN)).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringMatching(/its own predecessor/) });
    // ESFA replaced the Skills Funding Agency, which replaced the LSC: the LSC cannot have replaced the ESFA.
    const cycle = await codeOf({ query: update, variables: { id: "lsc", p: ["esfa"] } }, TOKEN);
    expect(cycle).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringMatching(/its own predecessor/) });
  });
});
