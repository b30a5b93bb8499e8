import { getIntrospectionQuery } from "graphql";
import { createRegisterServer, RegisterServer } from "../../server/http/app";
import { seededDatabase } from "../support/server";
import type { DataSource } from "typeorm";

/**
 * The register runs queries compiled by graphql-jit (server/http/compiled-execution.ts) from the
 * second time it sees them. Every answer, error and HTTP status must be what graphql-js itself
 * gives: the same requests go over real HTTP to a compiled and an interpreted server on one
 * seeded database, twice to the compiled one (interpreted, then compiled), and must match.
 */
const TOKEN = "compiled-execution-test-token";
describe("compiled execution answers exactly as graphql-js does", () => {
  let dataSource: DataSource;
  let compiled: RegisterServer;
  let interpreted: RegisterServer;
  let compiledUrl: string;
  let interpretedUrl: string;

  beforeAll(async () => {
    dataSource = await seededDatabase();
    // These servers test Apollo's execution: plain chain questions must reach it, not the lean answers (test/api/lean-reach.test.ts).
    compiled = await createRegisterServer({ dataSource, adminToken: TOKEN, log: () => {}, leanAnswers: false });
    interpreted = await createRegisterServer({ dataSource, adminToken: TOKEN, log: () => {}, execution: "interpreted", leanAnswers: false });
    compiledUrl = await compiled.listen(0, "127.0.0.1");
    interpretedUrl = await interpreted.listen(0, "127.0.0.1");
  });
  afterAll(async () => {
    await compiled.close();
    await interpreted.close();
    await dataSource.destroy();
  });

  const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } };
  };

  const CHAIN = `level certainty length
    hops { id from { id } to { id } level basis fields { field { id } optional } citations { quote notice { id } } optOuts { id } }
    organisations { id kind } fields { id umbrella: narrower { id } } inferredHops { id }`;

  const cases: [string, { query: string; variables?: Record<string, unknown>; operationName?: string }][] = [
    [
      "recipients with evidence chains, variables and enums",
      {
        query: `query R($from: ID!, $field: ID, $asOf: LocalDate) { recipients(from: $from, field: $field, asOf: $asOf, basis: STATED_OR_INFERRED) { __typename organisation { id name kind aliases } hops level certainty chain { ${CHAIN} } } }`,
        variables: { from: "stokes-wood-primary-school", field: "ethnicity", asOf: "2019-06-01" },
      },
    ],
    ["recipientsReport from the LA for every field", { query: `{ recipientsReport(from: "la", maxHops: 2) { truncated organisations { organisation { id } hops level certainty } } }` }],
    ["sources with an opt-out and an age", { query: `{ sources(to: "connexions", field: "date-of-birth", pupilAge: 14, optOuts: ["000-connexions-name-and-address"]) { organisation { id } hops certainty chain { length } } }` }],
    ["a page of sources, with its count and cursors", { query: `{ sourcesReport(to: "npd", field: "ethnicity", first: 3) { totalCount truncated pageInfo { hasNextPage hasPreviousPage startCursor endCursor } organisations { organisation { id } hops level certainty } } }` }],
    ["a page of sources after a cursor this API never gave: BAD_USER_INPUT", { query: `{ sourcesReport(to: "npd", first: 3, after: "bm90LWEtY3Vyc29y") { totalCount } }` }],
    ["onwardChains capped by first", { query: `{ onwardChains(from: "stokes-wood-primary-school", field: "ethnicity", first: 3) { truncated chains { ${CHAIN} } } }` }],
    ["a page of flows and of organisations", { query: `{ flowsConnection(first: 2, from: "dfe") { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id to { id name } purposes lawfulBasis validFrom validTo minimumAge onRequest } } } organisationsConnection(first: 3, kind: LOCAL_AUTHORITY) { totalCount edges { node { id } } } }` }],
    ["notices, opt-outs and fields", { query: `{ notices { id title era validFrom publisher { id } } optOuts { id } fields { id category narrower { id } } }` }],
    ["a choice of operation by name", { query: `query A { fields { id } } query B { organisation(id: "dfe") { id name predecessors { id } incoming { id } } }`, operationName: "B" }],
    ["an unknown organisation: NOT_FOUND with null data", { query: `{ recipients(from: "no-such-school") { hops } }` }],
    ["partial data: one alias found, one not", { query: `{ dfe: organisation(id: "dfe") { id } nope: organisation(id: "no-such-body") { id } }` }],
    ["maxHops out of range: BAD_USER_INPUT", { query: `{ recipients(from: "dfe", maxHops: 99) { hops } }` }],
    ["a date that is not a date", { query: `query Q($d: LocalDate) { recipients(from: "dfe", asOf: $d) { hops } }`, variables: { d: "2012-13-45" } }],
    ["a variable of the wrong type", { query: `query Q($n: Int) { recipients(from: "dfe", maxHops: $n) { hops } }`, variables: { n: "three" } }],
    ["a missing required variable", { query: `query Q($from: ID!) { recipients(from: $from) { hops } }`, variables: {} }],
    ["a mutation without the admin token", { query: `mutation { deleteFlow(id: "x") }` }],
    ["introspection (what GraphiQL asks)", { query: getIntrospectionQuery() }],
  ];

  /** Runs on the compiled server over two identical requests, where they are not one of each. */
  const EXPECTED_RUNS: Record<string, { compiled: number; interpreted: number }> = {
    "a date that is not a date": { compiled: 0, interpreted: 2 },
    "a variable of the wrong type": { compiled: 0, interpreted: 2 },
    "a missing required variable": { compiled: 0, interpreted: 2 },
    "a mutation without the admin token": { compiled: 0, interpreted: 2 },
  };

  it.each(cases)("%s", async (_label, request) => {
    const fromInterpreted = await post(interpretedUrl, request);
    const runs = { ...compiled.compiledExecution!.runs };
    const firstTime = await post(compiledUrl, request);
    const secondTime = await post(compiledUrl, request);
    expect(firstTime).toEqual(fromInterpreted);
    expect(secondTime).toEqual(fromInterpreted);
    expect(fromInterpreted.body.data !== undefined || fromInterpreted.body.errors !== undefined).toBe(true);
    // Queries with good variables ran compiled the second time; the rest never reach execution
    // (validation) or run through graphql-js (bad variables, mutations).
    const ran = { compiled: compiled.compiledExecution!.runs.compiled - runs.compiled, interpreted: compiled.compiledExecution!.runs.interpreted - runs.interpreted };
    expect(ran).toEqual(EXPECTED_RUNS[_label] ?? { compiled: 1, interpreted: 1 });
  });

  it("writes a compiled answer with the serialiser compiled for its shape, byte for byte what JSON.stringify writes", async () => {
    const text = async (url: string, body: unknown) => (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).text();
    const requests = [
      { query: `query R($from: ID!) { recipients(from: $from, field: "ethnicity") { organisation { id name kind } hops level certainty } }`, variables: { from: "stokes-wood-primary-school" } },
      { query: `{ organisation(id: "dfe") { id name aliases aliasSources { basis note citations { quote verbatim notice { id } } } existedFrom } }` },
      { query: `{ sourcesReport(to: "npd") { truncated asOf mixesEras organisations { organisation { id } hops chain { length level certainty hops { id level purposes } } } } }` },
    ];
    for (const request of requests) {
      const expected = await text(interpretedUrl, request);
      await text(compiledUrl, request);
      const before = compiled.compiledExecution!.runs.serialised;
      // Names with quotes, accents and line breaks would show any difference in escaping.
      expect(await text(compiledUrl, request)).toBe(expected);
      expect(compiled.compiledExecution!.runs.serialised).toBe(before + 1);
    }
  });

  it("logs and masks an internal error in a nested field as graphql-js does, with its path", async () => {
    const logs: { compiled: string[]; interpreted: string[] } = { compiled: [], interpreted: [] };
    const broken = await seededDatabase();
    const [{ id }] = (await broken.query(`SELECT id FROM flow ORDER BY id LIMIT 1`)) as { id: string }[];
    const servers = {
      compiled: await createRegisterServer({ dataSource: broken, log: (m) => logs.compiled.push(m) }),
      interpreted: await createRegisterServer({ dataSource: broken, log: (m) => logs.interpreted.push(m), execution: "interpreted" }),
    };
    try {
      const urls = { compiled: await servers.compiled.listen(0, "127.0.0.1"), interpreted: await servers.interpreted.listen(0, "127.0.0.1") };
      // A table gone from under the register: reading citations throws a plain database error.
      await broken.query(`DROP TABLE citation`);
      const request = { query: `query Q($id: ID!) { flow(id: $id) { id citations { quote } } }`, variables: { id } };
      const expected = await post(urls.interpreted, request);
      expect(expected.body.errors).toEqual([
        expect.objectContaining({ path: ["flow", "citations"], locations: [{ line: 1, column: 40 }], extensions: { code: "INTERNAL_SERVER_ERROR" } }),
      ]);
      expect(expected.body.errors![0].message).toMatch(/internal error/);
      expect(await post(urls.compiled, request)).toEqual(expected);
      expect(await post(urls.compiled, request)).toEqual(expected);
      expect(servers.compiled.compiledExecution!.runs).toEqual({ compiled: 1, interpreted: 1, serialised: 0 });
      expect(logs.interpreted).toHaveLength(1);
      expect(logs.compiled).toHaveLength(2);
      for (const line of [...logs.interpreted, ...logs.compiled]) expect(line).toMatch(/no such table: citation|relation "citation" does not exist/);
    } finally {
      await servers.compiled.close();
      await servers.interpreted.close();
      await broken.destroy();
    }
  });

  it("stops a mutation at its first failing field, as graphql-js does (the second field changes nothing)", async () => {
    const [{ id }] = (await dataSource.query(`SELECT id FROM flow ORDER BY id LIMIT 1`)) as { id: string }[];
    const request = { query: `mutation { a: deleteFlow(id: "no-such-flow") b: deleteFlow(id: "${id}") }` };
    const admin = { authorization: `Bearer ${TOKEN}` };
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await post(compiledUrl, request, admin);
      expect(answer.body.data).toBeNull();
      expect(answer.body.errors).toEqual([expect.objectContaining({ path: ["a"], extensions: expect.objectContaining({ code: "NOT_FOUND" }) })]);
      const still = await post(compiledUrl, { query: `query Q($id: ID!) { flow(id: $id) { id } }`, variables: { id } });
      expect(still.body).toEqual({ data: { flow: { id } } });
    }
  });

  it("covers answers and errors alike (the cases are not all one kind)", async () => {
    const bodies = await Promise.all(cases.map(([, request]) => post(compiledUrl, request)));
    const codes = bodies.flatMap((b) => b.body.errors?.map((e) => e.extensions?.code) ?? []);
    expect(new Set(codes)).toEqual(new Set(["NOT_FOUND", "BAD_USER_INPUT", "UNAUTHENTICATED"]));
    expect(bodies.filter((b) => b.status === 200 && !b.body.errors).length).toBeGreaterThanOrEqual(7);
    const recipients = bodies[0].body.data as { recipients: unknown[] };
    expect(recipients.recipients.length).toBeGreaterThan(5);
  });
});
