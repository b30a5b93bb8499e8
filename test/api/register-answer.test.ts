import { print } from "graphql";
import { createApolloClient } from "../../client/src/api/apollo";
import { REGISTER } from "../../client/src/api/map-questions";
import { REGISTER_QUERY } from "../../client/src/api/queries";
import { askRegister } from "../../client/src/api/transport";
import { runSql } from "../../server/db/dialect";
import { startTestServer, type TestServer } from "../support/server";

// The map's whole-register answer is sent again while the register is unchanged, and never
// once anything in it has changed, through the API or behind its back.

const TOKEN = "test-admin-token";
const MAP_REGISTER = print(REGISTER_QUERY);

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer({ adminToken: TOKEN });
});
afterEach(() => t.close());

async function post(query: string, variables: object = {}, authorization?: string): Promise<{ status: number; body: string }> {
  const response = await fetch(t.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.text() };
}

const names = (body: string): string[] => (JSON.parse(body).data.organisations as { name: string }[]).map((o) => o.name);

describe("the map's register answer", () => {
  it("is computed once and then sent again, byte for byte, however the question is spaced", async () => {
    const first = await post(MAP_REGISTER);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body).errors).toBeUndefined();
    expect(t.server.registerAnswers).toMatchObject({ misses: 1, hits: 0 });
    const again = await post(MAP_REGISTER);
    const respaced = await post(MAP_REGISTER.replace(/\n\s*/g, " ") + "\n# a comment\n");
    expect(t.server.registerAnswers).toMatchObject({ misses: 1, hits: 2 });
    expect(again).toEqual(first);
    expect(respaced).toEqual(first);
  });

  it("is sent to the map's own Apollo client, which adds __typename and its clientLibrary extension", async () => {
    // The browser's body is not MAP_REGISTER: Apollo Client adds __typename to every selection
    // and sends extensions.clientLibrary. Both must still count as the map's question.
    const ask = () => createApolloClient(t.url).query({ query: REGISTER_QUERY, fetchPolicy: "no-cache" });
    const first = await ask();
    expect(first.data?.organisations.length).toBeGreaterThan(10);
    expect(t.server.registerAnswers).toMatchObject({ misses: 1, hits: 0 });
    const again = await ask();
    expect(t.server.registerAnswers).toMatchObject({ misses: 1, hits: 1 });
    expect(again.data).toEqual(first.data);
  });

  it("is sent to the map's own transport, which asks with fetch and the query's text as written", async () => {
    const ask = () => askRegister(REGISTER, {}, t.url);
    const first = await ask();
    expect(first.organisations.length).toBeGreaterThan(10);
    expect(t.server.registerAnswers).toMatchObject({ misses: 1, hits: 0 });
    expect(await ask()).toEqual(first);
    expect(t.server.registerAnswers).toMatchObject({ misses: 1, hits: 1 });
  });

  it("leaves a request with any extension but the client library's to Apollo", async () => {
    const withExtension = (extensions: object) =>
      fetch(t.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: MAP_REGISTER, extensions }) });
    expect((await withExtension({ clientLibrary: { name: "@apollo/client", version: "4" } })).status).toBe(200);
    expect(t.server.registerAnswers).toMatchObject({ misses: 1, hits: 0 });
    const persisted = await withExtension({ persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } });
    // Apollo's own answer (this server does not take persisted queries), not the kept one.
    expect(JSON.parse(await persisted.text()).errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_SUPPORTED");
    expect(await withExtension({ clientLibrary: { name: "x" }, other: true })).toMatchObject({ status: 200 });
    expect(t.server.registerAnswers).toMatchObject({ misses: 1, hits: 0 });
  });

  it("is computed once for requests that arrive together while it is being computed", async () => {
    // Eight map loads at once after a start or a change: one computation, eight identical answers.
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(MAP_REGISTER)));
    expect(t.server.registerAnswers).toMatchObject({ misses: 1, hits: 7 });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0].status).toBe(200);
    await runSql(t.dataSource, `UPDATE organisation SET name = ? WHERE id = ?`, ["Renamed Together", "dfe"]);
    const after = await Promise.all(Array.from({ length: 4 }, () => post(MAP_REGISTER)));
    expect(t.server.registerAnswers).toMatchObject({ misses: 2, hits: 10 });
    for (const answer of after) expect(names(answer.body)).toContain("Renamed Together");
  });

  it("is never the old one after a change through the API", async () => {
    const before = await post(MAP_REGISTER);
    expect(names(before.body)).not.toContain("Acme Analytics");
    const created = await post(`mutation { createOrganisation(input: { id: "acme-analytics", name: "Acme Analytics", kind: COMMERCIAL }) { id } }`, {}, `Bearer ${TOKEN}`);
    expect(JSON.parse(created.body).errors).toBeUndefined();
    const after = await post(MAP_REGISTER);
    expect(names(after.body)).toContain("Acme Analytics");
    expect(t.server.registerAnswers).toMatchObject({ misses: 2, hits: 0 });
  });

  it("is never the old one after a change made in SQL behind the API's back", async () => {
    await post(MAP_REGISTER);
    await runSql(t.dataSource, `UPDATE organisation SET name = ? WHERE id = ?`, ["Renamed By SQL", "dfe"]);
    const after = await post(MAP_REGISTER);
    expect(names(after.body)).toContain("Renamed By SQL");
    expect(t.server.registerAnswers.hits).toBe(0);
  });

  it("leaves every other question, and the register question with variables, to Apollo", async () => {
    await post(`{ organisations { id name kind aliases } }`);
    await post(`query Register { organisations { id } }`);
    const withVariables = await post(MAP_REGISTER, { unused: 1 });
    expect(withVariables.status).toBe(200);
    expect(t.server.registerAnswers).toMatchObject({ misses: 0, hits: 0 });
  });

  it("answers as Apollo would to another operation name, and never parses a long document itself", async () => {
    await post(MAP_REGISTER);
    const named = await fetch(t.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: MAP_REGISTER, operationName: "Nope" }) });
    expect(named.status).toBe(400);
    // Far over Apollo's token limit: refused by Apollo with its code, not parsed by the cache first.
    const long = await post(`# Register\n{ ${"__typename ".repeat(5000)}}`);
    expect(JSON.parse(long.body).errors[0].extensions.code).toBe("QUERY_TOO_LONG");
    expect(t.server.registerAnswers).toMatchObject({ misses: 1, hits: 0 });
  });

  it("keeps the answer for the media type it was negotiated for", async () => {
    const asJson = await post(MAP_REGISTER);
    const response = await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
      body: JSON.stringify({ query: MAP_REGISTER }),
    });
    expect(response.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
    expect(await response.text()).toBe(asJson.body);
    expect(t.server.registerAnswers).toMatchObject({ misses: 2, hits: 0 });
  });
});
