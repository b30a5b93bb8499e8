import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { openDatabase, openReader } from "../../server/db/data-source";
import { createRegisterServer, type RegisterServer } from "../../server/http/app";
import { importRegisterFiles } from "../../server/register/import";
import { freshDatabaseLocation } from "../support/database";
import { SEEDS_DIR } from "../support/server";

// A lean answer (server/lean) must come from the register as committed when the request arrives,
// whoever committed it: here another connection, as `npm run import` or a second worker would, so
// only the database's version (SQLite's data_version, PostgreSQL's register_version) tells the
// server. The same question is asked before and after, so an answer kept or computed from the
// snapshot held before the change would show the old name.

const SCHOOL = "stokes-wood-primary-school";
const QUERY = `{ recipients(from: "${SCHOOL}", field: "ethnicity") { organisation { id name } hops } }`;

let dir: string;
let writer: DataSource;
let reader: DataSource;
let other: DataSource;
let server: RegisterServer;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "onward-lean-"));
  const database = await freshDatabaseLocation(join(dir, "lean.sqlite"));
  writer = await openDatabase(database);
  await importRegisterFiles(writer, [SEEDS_DIR]);
  reader = await openReader(database);
  other = await openDatabase(database);
  // As `npm start` runs: answers on a read-only connection, changes through a writer.
  server = await createRegisterServer({ dataSource: reader, writer, adminToken: null, clientDir: null, log: () => {} });
  url = await server.listen(0, "127.0.0.1");
});
afterAll(async () => {
  await server.close();
  await Promise.all([reader.destroy(), writer.destroy(), other.destroy()]);
  rmSync(dir, { recursive: true, force: true });
});

async function ask(): Promise<{ id: string; name: string }[]> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: QUERY }) });
  expect(response.status).toBe(200);
  const body = JSON.parse(await response.text());
  expect(body.errors).toBeUndefined();
  return body.data.recipients.map((r: { organisation: { id: string; name: string } }) => r.organisation);
}

describe("lean answers after another connection commits", () => {
  it("answer the very next question from the changed register, every round, and still lean", async () => {
    const before = await ask();
    expect(before.length).toBeGreaterThan(2);
    for (let round = 0; round < 3; round++) {
      const renamed = before[round].id;
      const name = `Renamed Elsewhere ${round}`;
      // Twice unchanged first, so the server holds (and has answered from) the snapshot before the change.
      for (let i = 0; i < 2; i++) expect((await ask()).find((o) => o.id === renamed)!.name).not.toBe(name);
      const served = server.leanAnswers!.served;
      await other.query(`UPDATE "organisation" SET "name" = '${name}' WHERE "id" = '${renamed}'`);
      const after = await ask();
      expect(after.find((o) => o.id === renamed)!.name).toBe(name);
      expect(after.map((o) => o.id)).toEqual(before.map((o) => o.id));
      expect(server.leanAnswers!.served).toBe(served + 1);
    }
  });
});
