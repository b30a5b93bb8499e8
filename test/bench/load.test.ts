import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
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

describe("the bench's client on a kept-alive connection the server has just closed", () => {
  // A server may close an idle kept-alive connection (its keepAliveTimeout) just as the client
  // sends on it: the client sees ECONNRESET on a reused socket, and the request never ran. A
  // WORKERS=2 bench run stopped there once (23:35, 2026-12-01). Here the server resets each
  // connection's second request, the race made certain.
  let server: Server;
  let url: string;
  let answered = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const socket = req.socket as typeof req.socket & { served?: number };
      socket.served = (socket.served ?? 0) + 1;
      req.resume();
      if (socket.served === 2) {
        socket.resetAndDestroy();
        return;
      }
      req.on("end", () => {
        answered++;
        res.end('{"data":{"ok":true}}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends the request again once on a new connection, and answers", async () => {
    const client = new GraphqlClient(url, 1);
    try {
      const first = await client.post("{}");
      const second = await client.post("{}");
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.text()).toBe('{"data":{"ok":true}}');
      expect(answered).toBe(2);
    } finally {
      client.close();
    }
  });
});
