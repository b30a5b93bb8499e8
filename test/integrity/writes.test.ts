import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freshDatabaseLocation } from "../support/database";
import { post, ServerProcess, startServerProcess } from "../support/server-process";

/**
 * Writes against a real server process on a real SQLite file: concurrent writers, kill -9 in the
 * middle of a burst, a graceful stop. `npm run test:stress` runs the same with more rounds.
 */
const STRESS = process.env.ONWARD_STRESS === "1";
const TOKEN = "integrity-test-token";

const CREATE = `mutation($input: OrganisationInput!) { createOrganisation(input: $input) { id } }`;
const UPDATE_ORG = `mutation($id: ID!, $input: OrganisationPatch!) { updateOrganisation(id: $id, input: $input) { id name website } }`;
const UPDATE_FLOW = `mutation($id: ID!, $input: FlowPatch!) { updateFlow(id: $id, input: $input) { id } }`;
const IDS_LIKE = `query($search: String!) { organisations(search: $search) { id } }`;

jest.setTimeout(STRESS ? 600_000 : 90_000);

let dir: string;
let server: ServerProcess;
let location: string;
const database = () => location;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "onward-writes-"));
  location = await freshDatabaseLocation(join(dir, "register.sqlite"));
  server = await startServerProcess(database(), { adminToken: TOKEN });
});

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const organisation = (id: string) => ({ id, name: `Test body ${id}`, kind: "OTHER" });

/** Creates organisations `${prefix}-${writer}-${n}` from `writers` clients until `until()` says stop; returns the ids acknowledged. */
async function burst(url: string, prefix: string, writers: number, until: () => boolean, maxPerWriter = 2000): Promise<string[]> {
  const acknowledged: string[] = [];
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let n = 0; n < maxPerWriter && !until(); n++) {
        const id = `${prefix}-${w}-${n}`;
        const answer = await post(url, CREATE, { input: organisation(id) }, TOKEN);
        if (answer.status === 200 && answer.data?.createOrganisation?.id === id && !answer.errors) acknowledged.push(id);
        if (answer.status === 0) return; // the server is gone
      }
    }),
  );
  return acknowledged;
}

async function idsLike(url: string, search: string): Promise<Set<string>> {
  const answer = await post(url, IDS_LIKE, { search });
  expect(answer.errors).toBeUndefined();
  return new Set(answer.data!.organisations.map((o: { id: string }) => o.id));
}

describe("writes to the register", () => {
  it("keeps every acknowledged write when the server is killed with SIGKILL in the middle of a burst", async () => {
    const rounds = STRESS ? 10 : 2;
    let total = 0;
    for (let round = 0; round < rounds; round++) {
      let killed = false;
      const started = Date.now();
      const writing = burst(server.url, `kill${round}`, 4, () => killed);
      // Kill once writes are flowing (or after 3 s at most), while the writers go on.
      while (Date.now() - started < 3000) {
        await new Promise((r) => setTimeout(r, 50));
        if ((await idsLike(server.url, `kill${round}-`)).size >= 30) break;
      }
      const killedUrl = server.url;
      await server.kill9();
      killed = true;
      // The process that answered is gone (not a wrapper around it).
      expect((await post(killedUrl, "{ __typename }")).status).toBe(0);
      const acknowledged = await writing;
      server = await startServerProcess(database(), { adminToken: TOKEN });
      const present = await idsLike(server.url, `kill${round}-`);
      const lost = acknowledged.filter((id) => !present.has(id));
      expect(lost).toEqual([]);
      expect(acknowledged.length).toBeGreaterThanOrEqual(10);
      total += acknowledged.length;
    }
    console.log(`kill -9: ${rounds} round(s), ${total} acknowledged writes, 0 lost`);
  });

  it("keeps every acknowledged write through a graceful stop right after a burst", async () => {
    let stop = false;
    const writing = burst(server.url, "graceful", 4, () => stop, 40);
    const acknowledged = await writing;
    stop = true;
    await server.stop();
    server = await startServerProcess(database(), { adminToken: TOKEN });
    const present = await idsLike(server.url, "graceful-");
    expect(acknowledged.filter((id) => !present.has(id))).toEqual([]);
    expect(acknowledged).toHaveLength(160);
  });

  it("lands both of two concurrent patches of different fields of one organisation, every round", async () => {
    const id = "patched-body";
    expect((await post(server.url, CREATE, { input: organisation(id) }, TOKEN)).errors).toBeUndefined();
    const rounds = STRESS ? 200 : 40;
    for (let round = 0; round < rounds; round++) {
      const name = `Patched body, round ${round}`;
      const website = `https://example.org/round-${round}`;
      const answers = await Promise.all([
        post(server.url, UPDATE_ORG, { id, input: { name } }, TOKEN),
        post(server.url, UPDATE_ORG, { id, input: { website } }, TOKEN),
      ]);
      for (const answer of answers) expect(answer.errors).toBeUndefined();
      const after = await post(server.url, `query($id: ID!) { organisation(id: $id) { name website } }`, { id });
      expect(after.data!.organisation).toEqual({ name, website });
    }
  });

  it("never duplicates a flow's fields or citations under concurrent updates of that flow", async () => {
    const flowQuery = `{ flow(id: "000-school-to-connexions") { purposes fields { field { id } } citations { quote } } }`;
    const before = (await post(server.url, flowQuery)).data!.flow;
    const writers = STRESS ? 32 : 12;
    const answers = await Promise.all(
      Array.from({ length: writers }, (_, i) => post(server.url, UPDATE_FLOW, { id: "000-school-to-connexions", input: { purposes: [`Purpose written by writer ${i}`] } }, TOKEN)),
    );
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const after = (await post(server.url, flowQuery)).data!.flow;
    expect(after.fields).toEqual(before.fields);
    expect(after.citations).toEqual(before.citations);
    expect(after.purposes).toHaveLength(1);
    expect(after.purposes[0]).toMatch(/^Purpose written by writer \d+$/);
  });

  it("creates an organisation once when several clients create the same id at once; the others are told it exists", async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(server.url, CREATE, { input: organisation("raced-body") }, TOKEN)));
    const created = answers.filter((a) => a.data?.createOrganisation?.id === "raced-body");
    const refused = answers.filter((a) => a.errors?.[0]?.extensions?.code === "BAD_USER_INPUT");
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(7);
    expect(refused[0].errors![0].message).toMatch(/already exists/);
    expect(await idsLike(server.url, "raced-body")).toEqual(new Set(["raced-body"]));
  });
});
