import { MigrationInterface, QueryRunner } from "typeorm";

/** The tables the graph snapshot reads, and the column naming the row each change is about (flow_field's changes are its flow's). */
export const LOGGED_TABLES: readonly { table: string; logAs: string; key: string }[] = [
  { table: "organisation", logAs: "organisation", key: "id" },
  { table: "pupil_field", logAs: "pupil_field", key: "id" },
  { table: "opt_out", logAs: "opt_out", key: "id" },
  { table: "flow", logAs: "flow", key: "id" },
  { table: "flow_field", logAs: "flow", key: "flowId" },
];

/**
 * A log of which rows of the graph's tables each commit changed (`register_change`), so a server
 * that holds a snapshot re-reads only those rows after an edit instead of the whole register
 * (server/snapshot/changes.ts): at national scale a reload after one changed flow took 6-13 s.
 *
 * Row triggers append to it (SQLite and PostgreSQL alike). A bulk load turns them off and appends
 * one `*` row instead, meaning "read everything" (server/db/bulk-insert.ts). Writers keep the log
 * short (server/db/change-log.ts); `prunedThrough` on `register_version` says how far it was cut,
 * so a server whose snapshot is older than that reads everything too.
 */
export class RegisterChanges1764547200004 implements MigrationInterface {
  name = "RegisterChanges1764547200004";

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === "postgres") {
      await queryRunner.query(`CREATE TABLE "register_change" ("seq" bigserial PRIMARY KEY, "tableName" text NOT NULL, "rowId" text NOT NULL)`);
      await queryRunner.query(`ALTER TABLE "register_version" ADD COLUMN "prunedThrough" bigint NOT NULL DEFAULT 0`);
      await queryRunner.query(
        `CREATE FUNCTION onward_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           -- The register's write lock (write-queue.ts; Onward's own writers hold it already), so that
           -- even writers from outside (psql) log in commit order: a reader that has seen entry N
           -- never meets a later commit with an entry below N.
           PERFORM pg_advisory_xact_lock(${0x0a0e_0002});
           IF TG_OP <> 'INSERT' THEN INSERT INTO "register_change" ("tableName", "rowId") VALUES (TG_ARGV[0], to_jsonb(OLD) ->> TG_ARGV[1]); END IF;
           IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (to_jsonb(NEW) ->> TG_ARGV[1]) IS DISTINCT FROM (to_jsonb(OLD) ->> TG_ARGV[1])) THEN
             INSERT INTO "register_change" ("tableName", "rowId") VALUES (TG_ARGV[0], to_jsonb(NEW) ->> TG_ARGV[1]);
           END IF;
           RETURN NULL;
         END $$`,
      );
      for (const { table, logAs, key } of LOGGED_TABLES) {
        await queryRunner.query(`CREATE TRIGGER "register_change_row" AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION onward_log_change('${logAs}', '${key}')`);
      }
      return;
    }
    await queryRunner.query(`CREATE TABLE "register_change" ("seq" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "tableName" text NOT NULL, "rowId" text NOT NULL)`);
    await queryRunner.query(`ALTER TABLE "register_version" ADD COLUMN "prunedThrough" integer NOT NULL DEFAULT 0`);
    for (const { table, logAs, key } of LOGGED_TABLES) {
      const log = (row: "NEW" | "OLD") => `INSERT INTO "register_change" ("tableName", "rowId") VALUES ('${logAs}', ${row}."${key}");`;
      await queryRunner.query(`CREATE TRIGGER "register_change_${table}_insert" AFTER INSERT ON "${table}" BEGIN ${log("NEW")} END`);
      await queryRunner.query(`CREATE TRIGGER "register_change_${table}_delete" AFTER DELETE ON "${table}" BEGIN ${log("OLD")} END`);
      await queryRunner.query(
        `CREATE TRIGGER "register_change_${table}_update" AFTER UPDATE ON "${table}" BEGIN ${log("OLD")} INSERT INTO "register_change" ("tableName", "rowId") SELECT '${logAs}', NEW."${key}" WHERE NEW."${key}" IS NOT OLD."${key}"; END`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === "postgres") {
      for (const { table } of LOGGED_TABLES) await queryRunner.query(`DROP TRIGGER IF EXISTS "register_change_row" ON "${table}"`);
      await queryRunner.query(`DROP FUNCTION onward_log_change()`);
    } else {
      for (const { table } of LOGGED_TABLES) for (const event of ["insert", "update", "delete"]) await queryRunner.query(`DROP TRIGGER IF EXISTS "register_change_${table}_${event}"`);
    }
    await queryRunner.query(`ALTER TABLE "register_version" DROP COLUMN "prunedThrough"`);
    await queryRunner.query(`DROP TABLE "register_change"`);
  }
}
