import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataSource } from "typeorm";
import { PROJECT_ROOT } from "../../server/config";
import { readRegisterVersion } from "../../server/db/change-feed";
import { openDatabase } from "../../server/db/data-source";
import { migrations } from "../../server/db/migrations";
import { Baseline1764547200000 } from "../../server/db/migrations/1764547200000-baseline";
import { RegisterVersion1764547200001 } from "../../server/db/migrations/1764547200001-register-version";
import { loadGraphData } from "../../server/graph-store";
import { freshDatabaseLocation, testDatabase, testDialect } from "../support/database";
import { seededDatabase } from "../support/server";

/**
 * A register file made by the release before migrations (commit a83c0d3: tables made by
 * TypeORM's synchronize, no migrations table), holding the seed register.
 */
const BEFORE_MIGRATIONS = join(PROJECT_ROOT, "test", "fixtures", "register-before-migrations.sqlite");

/**
 * A register as an earlier release made it: on SQLite the committed file (made before migrations);
 * on PostgreSQL, first supported with the baseline and register-version migrations, those two
 * migrations' tables holding the same rows, copied from that file.
 */
async function previousReleaseRegister(dir: string): Promise<string> {
  const file = join(dir, "register.sqlite");
  copyFileSync(BEFORE_MIGRATIONS, file);
  if (testDialect === "sqlite") return file;
  const url = await freshDatabaseLocation();
  const previous = new DataSource({ type: "postgres", url, entities: [], migrations: [Baseline1764547200000, RegisterVersion1764547200001], migrationsRun: true });
  await previous.initialize();
  const source = new DataSource({ type: "sqlite", database: file });
  await source.initialize();
  const booleans = new Set(["isRole", "onRequest", "specialCategory", "optional"]);
  for (const table of ["organisation", "pupil_field", "notice", "opt_out", "flow", "flow_field", "citation"]) {
    for (const row of (await source.query(`SELECT * FROM ${table}`)) as Record<string, unknown>[]) {
      const columns = Object.keys(row);
      const values = columns.map((c) => (booleans.has(c) ? row[c] === 1 : row[c]));
      await previous.query(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`, values);
    }
  }
  await previous.query(`SELECT setval(pg_get_serial_sequence('citation', 'rowId'), (SELECT MAX("rowId") FROM citation))`);
  await source.destroy();
  await previous.destroy();
  return url;
}

describe("schema migrations", () => {
  it("make exactly the schema the entities describe, so synchronize would change nothing", async () => {
    const dataSource = await testDatabase();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      const applied: { name: string }[] = await dataSource.query(`SELECT name FROM migrations ORDER BY id`);
      expect(applied.map((m) => m.name)).toEqual(migrations.map((m) => new m().name));
    } finally {
      await dataSource.destroy();
    }
  });

  it("run once: a database opened again has none pending", async () => {
    const dataSource = await seededDatabase();
    try {
      expect(await dataSource.showMigrations()).toBe(false);
      await dataSource.runMigrations();
      const [{ n }] = await dataSource.query(`SELECT COUNT(*) AS n FROM migrations`);
      expect(Number(n)).toBe(migrations.length);
    } finally {
      await dataSource.destroy();
    }
  });

  it("upgrade a register made before migrations in place, with every row kept", async () => {
    const dir = mkdtempSync(join(tmpdir(), "onward-upgrade-"));
    const location = await previousReleaseRegister(dir);
    const tables = ["organisation", "pupil_field", "notice", "opt_out", "flow", "flow_field", "citation"];
    const orderOf = (table: string) => (table === "flow_field" ? `"flowId", "fieldId"` : table === "citation" ? `"rowId"` : "id");
    // The register as the previous release left it, read without the entities or migrations.
    const raw = new DataSource(testDialect === "postgres" ? { type: "postgres", url: location } : { type: "sqlite", database: location });
    await raw.initialize();
    const before = new Map<string, Record<string, unknown>[]>();
    for (const table of tables) before.set(table, await raw.query(`SELECT * FROM ${table} ORDER BY ${orderOf(table)}`));
    // SQLite's register predates migrations; PostgreSQL's has the two it was first made with.
    expect(await raw.createQueryRunner().hasTable("migrations")).toBe(testDialect === "postgres");
    await raw.destroy();
    expect(before.get("organisation")).toHaveLength(57);
    expect(before.get("flow")).toHaveLength(134);

    const upgraded = await openDatabase(location);
    try {
      const applied: { name: string }[] = await upgraded.query(`SELECT name FROM migrations ORDER BY id`);
      expect(applied.map((m) => m.name)).toEqual(migrations.map((m) => new m().name));
      expect((await upgraded.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
      for (const table of tables) {
        const rows = before.get(table)!;
        if (table === "flow_field") continue;
        // The columns the previous release had: a later migration may add others.
        const columns = Object.keys(rows[0]).map((c) => `"${c}"`).join(", ");
        expect(await upgraded.query(`SELECT ${columns} FROM ${table} ORDER BY ${orderOf(table)}`)).toEqual(rows);
      }
      // A field's `optional` flag became `inclusion`: every optional field stays OPTIONAL, the rest INCLUDED.
      const fieldsBefore = before.get("flow_field")!.map((r) => ({ flowId: r.flowId, fieldId: r.fieldId, inclusion: r.optional === 1 || r.optional === true ? "OPTIONAL" : "INCLUDED" }));
      expect(fieldsBefore.filter((f) => f.inclusion === "OPTIONAL").length).toBeGreaterThan(5);
      expect(await upgraded.query(`SELECT "flowId", "fieldId", "inclusion" FROM flow_field ORDER BY "flowId", "fieldId"`)).toEqual(fieldsBefore);
      // Changes made after the upgrade are seen by every process (on PostgreSQL, through the triggers the upgrade added).
      const version = await readRegisterVersion(upgraded);
      await upgraded.query(`UPDATE organisation SET name = 'Renamed after the upgrade' WHERE id = 'dfe'`);
      if (testDialect === "postgres") expect(await readRegisterVersion(upgraded)).not.toBe(version);
      const graph = await loadGraphData(upgraded);
      expect(graph.flows).toHaveLength(134);
      expect(graph.organisations.filter((o) => o.isRole).map((o) => o.id).sort()).toEqual(["la", "primary-care-trusts", "school"]);
    } finally {
      await upgraded.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
