import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sqlite3 from "sqlite3";
import { openDatabase } from "../../server/db/data-source";
import { TEST_POSTGRES_URL } from "../support/database";
import { startServerProcess } from "../support/server-process";

// A large import on SQLite that is alone on the register locks the file until it commits (it
// writes through a rollback journal). A server started meanwhile waits its busy timeout, then
// says what is happening and what to do, instead of "SQLITE_BUSY: database is locked".

jest.setTimeout(60_000);

(TEST_POSTGRES_URL ? describe.skip : describe)("starting the server on a register an import has locked", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "onward-locked-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("exits with a message that names the lock and says to start again once the import is done", async () => {
    const database = join(dir, "register.sqlite");
    await (await openDatabase(database)).destroy();
    // As a bulk import holds it: a rollback journal, and the write lock taken.
    const holder = new sqlite3.Database(database);
    const run = (sql: string) => new Promise<void>((resolve, reject) => holder.run(sql, (error) => (error ? reject(error) : resolve())));
    await run("PRAGMA journal_mode = DELETE");
    await run("BEGIN EXCLUSIVE");
    try {
      const started = startServerProcess(database, { timeoutMs: 45_000 });
      const error: Error = await started.then(
        () => new Error("the server started on a locked register"),
        (refused: Error) => refused,
      );
      expect(error.message).toMatch(/^the server exited \(1\) before listening/);
      expect(error.message).toContain(`The register ${database} is locked by another process, most likely an import that is still being written.`);
      expect(error.message).toContain("Start the server again once it has finished");
      expect(error.message).not.toContain("SQLITE_BUSY");
    } finally {
      await run("ROLLBACK");
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});
