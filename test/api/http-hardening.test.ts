import express from "express";
import { readdirSync, readFileSync } from "node:fs";
import { Agent, createServer, request, type IncomingHttpHeaders } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import {
  compressClientFiles,
  CONTENT_SECURITY_POLICY_DIRECTIVES,
  HEADERS_TIMEOUT_MS,
  IDE_CONTENT_SECURITY_POLICY_DIRECTIVES,
  limitConnections,
  MAX_CONNECTIONS,
  policyText,
  REQUEST_TIMEOUT_MS,
} from "../../server/http/hardening";
import { CLIENT_DIR, startTestServer, type TestServer } from "../support/server";

// HTTP hygiene (issue 8, server/http/hardening.ts), over real HTTP on loopback: security headers,
// compression of the client's files but not of API answers, slow clients cut off, and a cap on
// connections that refuses the excess while other clients keep being answered.
// The headers and compression come from the app wiring (applyHttpHardening in app.ts); the
// timeout and connection tests shorten the limits on their own server so they take seconds.

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** No keep-alive unless a test asks for it: no connection outlives its request to skew counts. */
const ONE_SHOT = new Agent({ keepAlive: false });

/** One request with node:http, body bytes as sent (no automatic decompression, unlike fetch). */
function ask(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; agent?: Agent } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: options.method ?? "GET", headers: options.headers, agent: options.agent ?? ONE_SHOT }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

const RECIPIENTS = JSON.stringify({
  query: '{ recipients(from: "stokes-wood-primary-school", maxHops: 6) { hops level certainty organisation { id name kind } } }',
});

/** Opens a raw TCP connection to the server. */
function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => resolve(socket));
    socket.on("error", reject);
  });
}

/** Resolves with what the server sent before closing the socket, and when; or null if still open after `ms`. */
function closedWithin(socket: Socket, ms: number): Promise<{ data: string; after: number } | null> {
  const started = Date.now();
  return new Promise((resolve) => {
    let data = "";
    socket.on("data", (chunk: Buffer) => (data += chunk.toString("latin1")));
    socket.on("error", () => {});
    const timer = setTimeout(() => resolve(null), ms);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ data, after: Date.now() - started });
    });
  });
}

function expectSecurityHeaders(headers: IncomingHttpHeaders): void {
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-powered-by"]).toBeUndefined();
  const csp = String(headers["content-security-policy"]);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toMatch(/(^|;)\s*script-src 'self'\s*(;|$)/);
  expect(csp).not.toMatch(/https?:|\*|unsafe-eval/);
}

describe("HTTP hardening of the register's server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("sends security headers and a strict Content-Security-Policy with the map", async () => {
    const page = await ask(server.base, "/", { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expectSecurityHeaders(page.headers);
    expect(page.headers["content-security-policy"]).toBe(policyText(CONTENT_SECURITY_POLICY_DIRECTIVES));
    expect(page.headers["content-security-policy"]).not.toContain("unsafe-inline");
    // Plain HTTP: no HSTS (see hardening.ts).
    expect(page.headers["strict-transport-security"]).toBeUndefined();
  });

  it("sends them with the query IDE on GET /graphql, whose policy allows inline styles only", async () => {
    const page = await ask(server.base, "/graphql", { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain("<title>Onward query IDE</title>");
    expectSecurityHeaders(page.headers);
    expect(page.headers["content-security-policy"]).toBe(policyText(IDE_CONTENT_SECURITY_POLICY_DIRECTIVES));
    expect(page.headers["content-security-policy"]).toMatch(/(^|;)style-src 'self' 'unsafe-inline'(;|$)/);
    expect(String(page.headers.vary)).toMatch(/accept/i);
    expect(page.headers["cache-control"]).toBe("no-cache");
  });

  it("sends nosniff with API answers too", async () => {
    const answer = await ask(server.base, "/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: RECIPIENTS });
    expect(answer.status).toBe(200);
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("gzips the map's JavaScript for a client that accepts gzip, and sends it plain to one that does not", async () => {
    const html = readFileSync(join(CLIENT_DIR, "index.html"), "utf8");
    const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const onDisk = readFileSync(join(CLIENT_DIR, script!));

    const gzipped = await ask(server.base, script!, { headers: { "accept-encoding": "gzip" } });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(String(gzipped.headers.vary)).toMatch(/accept-encoding/i);
    expect(gzipped.body.length).toBeLessThan(onDisk.length / 2);
    expect(gunzipSync(gzipped.body).equals(onDisk)).toBe(true);
    expectSecurityHeaders(gzipped.headers);

    const plain = await ask(server.base, script!, { headers: { "accept-encoding": "identity" } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(onDisk)).toBe(true);
    expect(String(plain.headers.vary)).toMatch(/accept-encoding/i);
    // Hashed names change with every build: browsers may keep them.
    for (const answer of [gzipped, plain]) expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("sends the gzip the build wrote beside a large bundle rather than gzipping it per request", async () => {
    const assets = readdirSync(join(CLIENT_DIR, "assets"));
    const monaco = assets.find((name) => /^monaco-editor-.*\.js$/.test(name));
    expect(monaco).toBeDefined();
    expect(assets).toContain(`${monaco}.gz`);
    const answer = await ask(server.base, `/assets/${monaco}`, { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("gzip");
    expect(answer.headers["content-type"]).toMatch(/javascript/);
    expect(answer.body.equals(readFileSync(join(CLIENT_DIR, "assets", `${monaco}.gz`)))).toBe(true);
    expectSecurityHeaders(answer.headers);
  });

  it("sends the map's small index.html as it is (below compression's 1 KB threshold)", async () => {
    const page = await ask(server.base, "/", { headers: { accept: "text/html", "accept-encoding": "gzip" } });
    expect(page.headers["content-encoding"]).toBeUndefined();
    expect(page.body.toString()).toContain('<div id="root">');
  });

  it("does not compress API answers, even large ones to a client that accepts gzip", async () => {
    const answer = await ask(server.base, "/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", "accept-encoding": "gzip, deflate, br" },
      body: RECIPIENTS,
    });
    expect(answer.status).toBe(200);
    // Large enough that compression would have applied (its threshold is 1 KB).
    expect(answer.body.length).toBeGreaterThan(2048);
    expect(answer.headers["content-encoding"]).toBeUndefined();
    const body = JSON.parse(answer.body.toString("utf8")) as { data: { recipients: unknown[] } };
    expect(body.data.recipients.length).toBeGreaterThan(5);
  });
});

describe("compressClientFiles, on its own", () => {
  // The build gzips its files ahead (served by client-assets.ts); this middleware gzips whatever
  // else goes out, on the fly, but never on /graphql.
  it("gzips a large text answer on the fly, but not one on /graphql", async () => {
    const app = express();
    app.use(compressClientFiles());
    const text = "pupil data flows onward ".repeat(2_000);
    app.get("/file.txt", (_req, res) => res.type("text/plain").send(text));
    app.post("/graphql", (_req, res) => res.type("application/json").send(JSON.stringify({ data: { text } })));
    const httpServer = createServer(app);
    await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
    try {
      const base = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
      const file = await ask(base, "/file.txt", { headers: { "accept-encoding": "gzip" } });
      expect(file.headers["content-encoding"]).toBe("gzip");
      expect(gunzipSync(file.body).toString()).toBe(text);
      const api = await ask(base, "/graphql", { method: "POST", headers: { "accept-encoding": "gzip" } });
      expect(api.headers["content-encoding"]).toBeUndefined();
      expect(api.headers.vary).toBeUndefined();
      expect(JSON.parse(api.body.toString()).data.text).toBe(text);
    } finally {
      await new Promise((resolve) => httpServer.close(resolve));
    }
  });
});

describe("the register's server under slow and numerous clients", () => {
  it("has sound defaults: far below 300 s for a body, far below 20,000 descriptors for connections", () => {
    expect(REQUEST_TIMEOUT_MS).toBeGreaterThanOrEqual(15_000);
    expect(REQUEST_TIMEOUT_MS).toBeLessThanOrEqual(30_000);
    expect(HEADERS_TIMEOUT_MS).toBeLessThanOrEqual(REQUEST_TIMEOUT_MS);
    expect(MAX_CONNECTIONS).toBeLessThanOrEqual(20_000 / 2);
    expect(MAX_CONNECTIONS).toBeGreaterThanOrEqual(256);
  });

  const REQUEST_TIMEOUT = 1_500;
  const HEADERS_TIMEOUT = 1_000;
  const CHECK_EVERY = 100;
  const LIMIT = 12;
  let server: TestServer;
  let base: string;
  let port: number;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startTestServer({ listen: false });
    // The app already has its defaults (app.ts); shorter ones here so the test takes seconds.
    limitConnections(server.server.httpServer, {
      requestTimeoutMs: REQUEST_TIMEOUT,
      headersTimeoutMs: HEADERS_TIMEOUT,
      connectionsCheckingIntervalMs: CHECK_EVERY,
      maxConnections: LIMIT,
    });
    const url = await server.server.listen(0, "127.0.0.1");
    base = url.replace(/\/graphql$/, "");
    port = Number(new URL(url).port);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.destroy();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("cuts off a client that trickles its body, within the request timeout, and answers others meanwhile", async () => {
    const socket = await open(port);
    sockets.push(socket);
    const closed = closedWithin(socket, REQUEST_TIMEOUT * 4);
    socket.write(`POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"query":"`);
    // One byte every 100 ms: alive, but the 100 KB would take nearly three hours.
    const trickle = setInterval(() => !socket.destroyed && socket.write(" "), 100);
    try {
      // Meanwhile another client is answered at once.
      const other = await ask(base, "/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: RECIPIENTS });
      expect(other.status).toBe(200);
      const result = await closed;
      expect(result).not.toBeNull();
      expect(result!.after).toBeGreaterThanOrEqual(REQUEST_TIMEOUT - 200);
      expect(result!.after).toBeLessThan(REQUEST_TIMEOUT + CHECK_EVERY + 1_000);
      expect(result!.data).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(trickle);
    }
  });

  it("cuts off a client that trickles its headers, within the headers timeout", async () => {
    const socket = await open(port);
    sockets.push(socket);
    const closed = closedWithin(socket, HEADERS_TIMEOUT * 4);
    socket.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    const trickle = setInterval(() => !socket.destroyed && socket.write("X-Slow: a\r\n"), 100);
    try {
      const result = await closed;
      expect(result).not.toBeNull();
      expect(result!.after).toBeLessThan(HEADERS_TIMEOUT + CHECK_EVERY + 1_000);
      expect(result!.data).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(trickle);
    }
  });

  it("refuses connections beyond the cap while a connected client keeps getting answers, and admits newcomers once slow ones are cut", async () => {
    // A well-behaved client with one keep-alive connection, answered before the flood.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const before = await ask(base, "/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: RECIPIENTS, agent });
      expect(before.status).toBe(200);

      let dropped = 0;
      const onDrop = () => dropped++;
      server.server.httpServer.on("drop", onDrop);
      // Connections already open: the well-behaved client's (earlier requests did not keep theirs).
      const alreadyOpen = await new Promise<number>((resolve, reject) =>
        server.server.httpServer.getConnections((error, count) => (error ? reject(error) : resolve(count))),
      );
      expect(alreadyOpen).toBe(1);
      const room = LIMIT - alreadyOpen;
      // A flood: three times the cap of connections that start a request and never finish it.
      const FLOOD = LIMIT * 3;
      const flood = await Promise.all(Array.from({ length: FLOOD }, () => open(port)));
      sockets.push(...flood);
      const outcomes = flood.map((socket) => closedWithin(socket, HEADERS_TIMEOUT * 5));
      for (const socket of flood) if (!socket.destroyed) socket.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");

      // While the slots are full, the connected client is still answered.
      const during = await ask(base, "/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: RECIPIENTS, agent });
      expect(during.status).toBe(200);
      expect(JSON.parse(during.body.toString()).data.recipients.length).toBeGreaterThan(5);

      // Every flood connection ends: those beyond the cap refused at once with nothing sent (no
      // descriptor held for them), those admitted cut with a 408 at the headers timeout.
      const settled = await Promise.all(outcomes);
      expect(settled.every((outcome) => outcome !== null)).toBe(true);
      const refused = settled.filter((outcome) => outcome!.data === "");
      const cut = settled.filter((outcome) => /^HTTP\/1\.1 408 /.test(outcome!.data));
      expect(refused.length).toBe(FLOOD - room);
      expect(cut.length).toBe(room);
      expect(dropped).toBe(FLOOD - room);
      for (const outcome of refused) expect(outcome!.after).toBeLessThan(HEADERS_TIMEOUT);
      for (const outcome of cut) expect(outcome!.after).toBeGreaterThanOrEqual(HEADERS_TIMEOUT - 200);

      // Their slots freed, a newcomer gets in.
      const newcomer = await ask(base, "/healthz");
      expect(newcomer.status).toBe(200);
      server.server.httpServer.off("drop", onDrop);
    } finally {
      agent.destroy();
    }
  });
});
