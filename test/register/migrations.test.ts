import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataSource } from "typeorm";
import { PROJECT_ROOT } from "../../server/config";
import { openDatabase } from "../../server/db/data-source";
import { migrations } from "../../server/db/migrations";
import { loadGraphData } from "../../server/graph-store";
import { testDatabase, testDialect } from "../support/database";
import { seededDatabase } from "../support/server";

/**
 * A register file made by the release before migrations (commit a83c0d3: tables made by
 * TypeORM's synchronize, no migrations table), holding the seed register.
 */
const BEFORE_MIGRATIONS = join(PROJECT_ROOT, "test", "fixtures", "register-before-migrations.sqlite");

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

  (testDialect === "sqlite" ? it : it.skip)("upgrade a register file made before migrations in place, with every row kept", async () => {
    const dir = mkdtempSync(join(tmpdir(), "onward-upgrade-"));
    const file = join(dir, "register.sqlite");
    copyFileSync(BEFORE_MIGRATIONS, file);
    const tables = ["organisation", "pupil_field", "notice", "opt_out", "flow", "flow_field", "citation"];
    const orderOf = (table: string) => (table === "flow_field" ? `"flowId", "fieldId"` : table === "citation" ? `"rowId"` : "id");
    // The file as the previous release left it, read without the entities or migrations.
    const raw = new DataSource({ type: "sqlite", database: file });
    await raw.initialize();
    const before = new Map<string, Record<string, unknown>[]>();
    for (const table of tables) before.set(table, await raw.query(`SELECT * FROM ${table} ORDER BY ${orderOf(table)}`));
    expect((await raw.query(`SELECT name FROM sqlite_master WHERE name = 'migrations'`)).length).toBe(0);
    await raw.destroy();
    expect(before.get("organisation")).toHaveLength(57);
    expect(before.get("flow")).toHaveLength(134);

    const upgraded = await openDatabase(file);
    try {
      const applied: { name: string }[] = await upgraded.query(`SELECT name FROM migrations ORDER BY id`);
      expect(applied.map((m) => m.name)).toEqual(migrations.map((m) => new m().name));
      expect((await upgraded.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
      for (const table of tables) {
        const rows = before.get(table)!;
        // The columns the previous release had: a later migration may add others.
        const columns = Object.keys(rows[0]).map((c) => `"${c}"`).join(", ");
        expect(await upgraded.query(`SELECT ${columns} FROM ${table} ORDER BY ${orderOf(table)}`)).toEqual(rows);
      }
      const graph = await loadGraphData(upgraded);
      expect(graph.flows).toHaveLength(134);
      expect(graph.organisations.filter((o) => o.isRole).map((o) => o.id).sort()).toEqual(["la", "primary-care-trusts", "school"]);
    } finally {
      await upgraded.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
