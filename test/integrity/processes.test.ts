import { request } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freshDatabaseLocation, testDialect } from "../support/database";
import { GraphQLAnswer, post, ServerProcess, startServerProcess } from "../support/server-process";

/**
 * Several server processes on one database (README, "Several processes"): a change made through
 * any of them is in the answer to the very next request to any other, on SQLite (data_version)
 * and on PostgreSQL (register_version; LISTEN/NOTIFY reloads early).
 */
const TOKEN = "processes-test-token";
const CREATE_ORGANISATION = `mutation($input: OrganisationInput!) { createOrganisation(input: $input) { id } }`;
const CREATE_FLOW = `mutation($input: FlowInput!) { createFlow(input: $input) { id } }`;
const READ_BACK = `query($id: ID!) { organisation(id: $id) { name } recipients(from: "s-cool", field: "ethnicity") { organisation { id } hops } }`;

jest.setTimeout(240_000);

/** Adds `id` and a flow from S-cool to it carrying ethnicity, through the server at `url`. */
async function addRecipient(url: string, id: string, send: typeof post = post): Promise<void> {
  const created = await send(url, CREATE_ORGANISATION, { input: { id, name: `Recipient ${id}`, kind: "OTHER" } }, TOKEN);
  expect(created.errors).toBeUndefined();
  const flow = await send(
    url,
    CREATE_FLOW,
    {
      input: {
        id: `s-cool-to-${id}`,
        from: "s-cool",
        to: id,
        fields: [{ field: "ethnicity" }],
        level: "INDIVIDUAL",
        basis: "STATED",
        citations: [{ notice: "la-dcsf-era", quote: "S-cool Limited also requests the ethnicity and gender of learners" }],
      },
    },
    TOKEN,
  );
  expect(flow.errors).toBeUndefined();
}

/** One POST on a connection of its own (no keep-alive), so a cluster hands each to a worker anew. */
function postOnNewConnection(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLAnswer> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", agent: false, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ...JSON.parse(text) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe(`several server processes on one ${testDialect} database`, () => {
  let dir: string;
  const started: ServerProcess[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "onward-processes-"));
  });
  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers a change made through one process in the next request to another, both ways, every round", async () => {
    const database = await freshDatabaseLocation(join(dir, "shared.sqlite"));
    // One after the other: the first seeds the empty database.
    const a = await startServerProcess(database, { adminToken: TOKEN });
    started.push(a);
    const b = await startServerProcess(database, { adminToken: TOKEN });
    started.push(b);
    for (let round = 0; round < 8; round++) {
      const [writer, reader] = round % 2 === 0 ? [a, b] : [b, a];
      const id = `recipient-round-${round}`;
      // The reader holds a loaded snapshot without the change...
      const before = await post(reader.url, READ_BACK, { id });
      expect(before.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      await addRecipient(writer.url, id);
      // ...and its very next answer has it, in the database's rows and in the chain graph alike.
      const after = await post(reader.url, READ_BACK, { id });
      expect(after.errors).toBeUndefined();
      expect(after.data!.organisation).toEqual({ name: `Recipient ${id}` });
      expect(after.data!.recipients).toContainEqual({ organisation: { id }, hops: 1 });
    }
  });

  it("serves from WORKERS=2 processes on one port, each answering what was written through the other", async () => {
    const database = await freshDatabaseLocation(join(dir, "workers.sqlite"));
    // Three processes compile the TypeScript on start: on a busy 2-core machine that took over 30 s.
    const server = await startServerProcess(database, { adminToken: TOKEN, workers: 2, timeoutMs: 120_000 });
    started.push(server);
    // Both workers loaded their own snapshot (each says so with its process id).
    for (let waited = 0; (server.output().match(/Worker \d+: ready/g) ?? []).length < 2 && waited < 60_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    const workers = new Set([...server.output().matchAll(/Worker (\d+): ready/g)].map((m) => m[1]));
    expect(workers.size).toBe(2);
    // Node's cluster hands new connections to its workers in turn (round-robin on Linux): with
    // every request on a new connection, each read goes to the other worker than the flow's write.
    for (let round = 0; round < 6; round++) {
      const id = `worker-round-${round}`;
      await addRecipient(server.url, id, postOnNewConnection);
      const after = await postOnNewConnection(server.url, READ_BACK, { id });
      expect(after.errors).toBeUndefined();
      expect(after.data!.recipients).toContainEqual({ organisation: { id }, hops: 1 });
    }
  });
});
