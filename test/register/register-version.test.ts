import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { readRegisterVersion } from "../../server/db/change-feed";
import { openDatabase, openReader } from "../../server/db/data-source";
import { testDialect } from "../support/database";

// SQLite's register version is `PRAGMA data_version`, read through one statement prepared per
// connection (change-feed.ts). It must change with every other connection's commit, hold no read
// transaction between reads, and never stop the connection from closing.
const onSqlite = testDialect === "sqlite" ? describe : describe.skip;

onSqlite("the register version on a SQLite file", () => {
  let dir: string;
  let writer: DataSource;
  let reader: DataSource;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "onward-version-"));
    const file = join(dir, "register.sqlite");
    writer = await openDatabase(file);
    await writer.query(`CREATE TABLE scratch (n INTEGER)`);
    reader = await openReader(file);
  });
  afterEach(async () => {
    if (reader.isInitialized) await reader.destroy();
    if (writer.isInitialized) await writer.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("changes at every commit of another connection, and only then, read after read", async () => {
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      seen.push(await readRegisterVersion(reader));
      seen.push(await readRegisterVersion(reader));
      await writer.query(`INSERT INTO scratch VALUES (1)`);
    }
    seen.push(await readRegisterVersion(reader));
    expect(seen[0]).toBe(seen[1]);
    expect(seen[2]).toBe(seen[3]);
    expect(seen[4]).toBe(seen[5]);
    expect(new Set([seen[0], seen[2], seen[4], seen[6]]).size).toBe(4);
  });

  it("answers reads asked together, each after the commits before it", async () => {
    const before = await readRegisterVersion(reader);
    await writer.query(`INSERT INTO scratch VALUES (1)`);
    const together = await Promise.all(Array.from({ length: 8 }, () => readRegisterVersion(reader)));
    expect(new Set(together).size).toBe(1);
    expect(together[0]).not.toBe(before);
  });

  it("leaves no read open between reads: a full checkpoint goes through", async () => {
    await writer.query(`INSERT INTO scratch VALUES (1)`);
    await readRegisterVersion(reader);
    const [checkpoint] = await writer.query(`PRAGMA wal_checkpoint(TRUNCATE)`);
    expect(checkpoint.busy).toBe(0);
  });

  it("lets the connection close, and a new one read again", async () => {
    await readRegisterVersion(reader);
    await expect(reader.destroy()).resolves.toBeUndefined();
    reader = await openReader(join(dir, "register.sqlite"));
    expect(await readRegisterVersion(reader)).toMatch(/^\d+$/);
  });
});
