import { GraphqlClient, responseError, runInterleaved, runLoad } from "../../bench/load";
import { startTestServer, TestServer } from "../support/server";

describe("the bench's load generator, against a real server", () => {
  let server: TestServer;
  let client: GraphqlClient;
  beforeAll(async () => {
    server = await startTestServer();
    client = new GraphqlClient(server.url, 2);
  });
  afterAll(async () => {
    client.close();
    await server.close();
  });

  const body = (query: string) => () => JSON.stringify({ query });

  it("counts answers without errors as good and measures their bytes", async () => {
    const result = await runLoad(client, { concurrency: 2, maxRequests: 6, maxMs: 10000, warmup: 1, body: body(`{ organisation(id: "dfe") { id name } }`) });
    expect(result).toMatchObject({ requests: 6, errors: 0, firstError: null });
    const one = await client.post(JSON.stringify({ query: `{ organisation(id: "dfe") { id name } }` }));
    expect(result.bytes).toBe(one.bytes);
    expect(one.bytes).toBe(Buffer.byteLength(one.text()));
  });

  it("counts GraphQL errors, with or without partial data, without parsing good answers", async () => {
    const notFound = await runLoad(client, { concurrency: 2, maxRequests: 4, maxMs: 10000, warmup: 0, body: body(`{ recipients(from: "no-such-school") { hops } }`) });
    expect(notFound).toMatchObject({ requests: 4, errors: 4 });
    expect(notFound.firstError).toMatch(/no-such-school/);

    const partial = await client.post(JSON.stringify({ query: `{ dfe: organisation(id: "dfe") { id } missing: organisation(id: "no-such-body") { id } }` }));
    const parsed = JSON.parse(partial.text()) as { data: unknown; errors?: unknown[] };
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.data).toMatchObject({ dfe: { id: "dfe" } });
    expect(responseError(partial)).toMatch(/no-such-body/);
  });

  it("alternates questions in slices, never asking the same request number twice", async () => {
    const asked: [string, number][] = [];
    const question = (name: string) => ({
      concurrency: 1,
      maxRequests: 6,
      maxMs: 10000,
      warmup: 1,
      body: (i: number) => {
        asked.push([name, i]);
        return JSON.stringify({ query: `{ organisation(id: "dfe") { id } }` });
      },
    });
    const [a, b] = await runInterleaved(client, [question("a"), question("b")], 3);
    expect(a).toMatchObject({ requests: 6, errors: 0 });
    expect(b).toMatchObject({ requests: 6, errors: 0 });
    expect(a.latencies).toHaveLength(6);
    // a, then b, in turn: a's warm-up and 2 requests, b's warm-up and 2, a's next 2...
    expect(asked.map(([name]) => name).join("")).toBe("aaabbbaabbaabb");
    for (const name of ["a", "b"]) {
      const numbers = asked.filter(([n]) => n === name).map(([, i]) => i);
      expect(new Set(numbers).size).toBe(numbers.length);
    }
  });

  it("reports HTTP errors with the start of the body", async () => {
    const res = await client.post("not json");
    expect(responseError(res)).toMatch(/^HTTP 400: .*not valid JSON/);
  });
});
