import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUSY_TIMEOUT_MS, openDatabase } from "../../server/db/data-source";
import { inWriteTransaction } from "../../server/db/write-queue";
import { createRegisterServer } from "../../server/http/app";
import { importRegisterFiles } from "../../server/register/import";
import { freshDatabaseLocation, testDialect } from "../support/database";
import { SEEDS_DIR } from "../support/server";

const CREATE = `mutation($input: OrganisationInput!) { createOrganisation(input: $input) { id } }`;

jest.setTimeout(60_000);

describe(`another writer on the ${testDialect} database`, () => {
  it("makes a mutation wait for the write lock, then answer REGISTER_BUSY having changed nothing; once the lock is free it lands", async () => {
    const dir = mkdtempSync(join(tmpdir(), "onward-busy-"));
    const location = await freshDatabaseLocation(join(dir, "register.sqlite"));
    const writer = await openDatabase(location);
    await importRegisterFiles(writer, [SEEDS_DIR]);
    // Another process's long import, holding the register's write lock.
    const other = await openDatabase(location);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holding = inWriteTransaction(other, async () => {
      locked();
      await held;
    });
    const server = await createRegisterServer({ dataSource: writer, writer, adminToken: "busy-token", log: () => {} });
    const run = async (id: string) => {
      const response = await server.apollo.executeOperation(
        { query: CREATE, variables: { input: { id, name: "Busy test", kind: "OTHER" } } },
        { contextValue: server.contextFor("Bearer busy-token") },
      );
      if (response.body.kind !== "single") throw new Error("expected a single result");
      return response.body.singleResult;
    };
    try {
      await lockTaken;
      const started = performance.now();
      const refused = await run("made-while-busy");
      const waited = performance.now() - started;
      expect(refused.errors?.[0]?.extensions?.code).toBe("REGISTER_BUSY");
      expect(waited).toBeGreaterThanOrEqual(BUSY_TIMEOUT_MS - 500);
      expect(waited).toBeLessThan(BUSY_TIMEOUT_MS + 5000);
      release();
      await holding;
      expect(await writer.query(`SELECT id FROM organisation WHERE id = 'made-while-busy'`)).toEqual([]);
      const landed = await run("made-after");
      expect(landed.errors).toBeUndefined();
      expect(landed.data).toEqual({ createOrganisation: { id: "made-after" } });
    } finally {
      release();
      await holding.catch(() => undefined);
      await server.close();
      await Promise.all([writer.destroy(), other.destroy()]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
