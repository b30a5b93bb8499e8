import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../server/config";
import { openDatabase, openReader } from "../../server/db/data-source";
import { RegisterGraphStore } from "../../server/graph-store";
import { importRegisterFiles } from "../../server/register/import";
import { SEEDS_DIR } from "../support/server";
import { freshDatabaseLocation } from "../support/database";
import { databaseEnv, post, ServerProcess, startServerProcess, TSX } from "../support/server-process";

/** A school added from its own notice, with one flow to the DfE: the file a DPO would import. */
const PARK_SCHOOL = `
notice:
  id: park-community-2025
  title: "Privacy notice for pupils (Park Community School, Havant)"
  publisher: park-community-school
  date: 2025-01-01
  validFrom: 2025-01-01
organisations:
  - id: park-community-school
    name: Park Community School
    kind: SCHOOL
flows:
  - id: park-to-dfe
    from: park-community-school
    to: dfe
    fields: [ethnicity]
    level: INDIVIDUAL
    basis: STATED
    citations:
      - quote: "We are required to share information about our pupils with the Department for Education (DfE)"
`;

jest.setTimeout(90_000);

function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("one truth for every process", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "onward-truth-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("answers the next question with a school that `npm run import` added to a running server's database", async () => {
    const database = await freshDatabaseLocation(join(dir, "running.sqlite"));
    const file = join(dir, "park.yaml");
    writeFileSync(file, PARK_SCHOOL);
    let server: ServerProcess | null = null;
    try {
      server = await startServerProcess(database);
      // The server has answered from its snapshot before the import.
      const before = await post(server.url, `{ organisation(id: "park-community-school") { id } }`);
      expect(before.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      expect((await post(server.url, `{ recipients(from: "school") { hops } }`)).errors).toBeUndefined();

      // Not spawnSync: a blocked event loop misses the server closing the idle keep-alive
      // connection (after 5 s), and the next question would go out on a closed socket.
      const imported = await runCommand(TSX, [join(PROJECT_ROOT, "server", "cli", "import.ts"), file], { ...process.env, ...databaseEnv(database) });
      expect(imported.stderr).not.toMatch(/problem/);
      expect(imported.status).toBe(0);

      const after = await post(server.url, `{ organisation(id: "park-community-school") { name outgoing { to { id } } } }`);
      expect(after.errors).toBeUndefined();
      expect(after.data!.organisation).toEqual({ name: "Park Community School", outgoing: [{ to: { id: "dfe" } }] });
      const reach = await post(server.url, `{ recipients(from: "park-community-school", field: "ethnicity") { organisation { id } hops } }`);
      expect(reach.errors).toBeUndefined();
      expect(reach.data!.recipients).toContainEqual({ organisation: { id: "dfe" }, hops: 1 });
      const search = await post(server.url, `{ organisations(search: "Park Community") { id } }`);
      expect(search.data!.organisations).toEqual([{ id: "park-community-school" }]);
    } finally {
      await server?.stop();
    }
  });

  it("reloads the snapshot when another connection commits, and keeps it while nothing changes", async () => {
    const database = await freshDatabaseLocation(join(dir, "connections.sqlite"));
    const writer = await openDatabase(database);
    await importRegisterFiles(writer, [SEEDS_DIR]);
    const reader = await openReader(database);
    const other = await openDatabase(database);
    try {
      const store = new RegisterGraphStore(reader);
      const first = await store.current();
      expect(await store.current()).toBe(first);
      const file = join(dir, "park-again.yaml");
      writeFileSync(file, PARK_SCHOOL);
      await importRegisterFiles(other, [file]);
      const second = await store.current();
      expect(second).not.toBe(first);
      expect(second.organisations.has("park-community-school")).toBe(true);
      expect(second.graph.data.flows.length).toBe(first.graph.data.flows.length + 1);
      expect(await store.current()).toBe(second);
      // The reading connection cannot write, by mistake or otherwise.
      await expect(reader.query(`DELETE FROM flow`)).rejects.toThrow(/readonly|query_only|read-only transaction/i);
    } finally {
      await Promise.all([writer.destroy(), reader.destroy(), other.destroy()]);
    }
  });
});
