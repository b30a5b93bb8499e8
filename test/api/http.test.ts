import { startTestServer, TestServer } from "../support/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ adminToken: "http-token" });
});
afterAll(() => t.close());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(t.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("the API over real HTTP", () => {
  it("answers a query with JSON", async () => {
    const response = await post({ query: `{ organisation(id: "dfe") { name aliases } }` });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { organisation: { name: "Department for Education", aliases: expect.arrayContaining(["DCSF", "DfES"]) } },
    });
  });

  it("accepts the admin token as a bearer header, and refuses other tokens", async () => {
    const mutation = { query: `mutation { updateOrganisation(id: "alkemygold", input: { website: "https://example.invalid" }) { website } }` };
    const refused = await (await post(mutation, { authorization: "Bearer wrong" })).json();
    expect(refused.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const accepted = await (await post(mutation, { authorization: "Bearer http-token" })).json();
    expect(accepted).toEqual({ data: { updateOrganisation: { website: "https://example.invalid" } } });
  });

  it("survives malformed requests and keeps serving", async () => {
    const broken = await post("{ this is not json");
    expect(broken.status).toBe(400);
    const brokenBody = await broken.json();
    expect(brokenBody.errors[0].extensions.code).toBe("BAD_REQUEST");
    expect(brokenBody.errors[0].message).toMatch(/not valid JSON/);
    const invalid = await (await post({ query: "{ organisations { nope } }" })).json();
    expect(invalid.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const badEnum = await (await post({ query: `{ flows(level: SECRET) { id } }` })).json();
    expect(badEnum.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const ok = await (await post({ query: "{ __typename }" })).json();
    expect(ok).toEqual({ data: { __typename: "Query" } });
  });

  it("serves the query IDE to a browser that GETs /graphql", async () => {
    const response = await fetch(t.url, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toMatch(/<div id="ide">/);
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
  });
});
