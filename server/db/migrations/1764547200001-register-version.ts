import { MigrationInterface, QueryRunner } from "typeorm";
import { REGISTER_CHANGED_CHANNEL } from "../change-feed";

/** The tables whose changes every server process must see (all of the register's, today). */
const REGISTER_TABLES = ["organisation", "pupil_field", "notice", "opt_out", "flow", "flow_field", "citation"];

/**
 * PostgreSQL only: a counter that every committed change to the register moves on, and a
 * notification to every listening server process, both from statement-level triggers (so a
 * change made with psql counts too). Server processes compare the counter with their snapshot's
 * before a request uses it (exact), and reload in the background when notified (early).
 * SQLite needs neither: `PRAGMA data_version` tells a connection that another one committed.
 */
export class RegisterVersion1764547200001 implements MigrationInterface {
  name = "RegisterVersion1764547200001";

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== "postgres") return;
    await queryRunner.query(`CREATE TABLE "register_version" ("id" integer PRIMARY KEY CHECK ("id" = 1), "value" bigint NOT NULL)`);
    await queryRunner.query(`INSERT INTO "register_version" ("id", "value") VALUES (1, 0)`);
    await queryRunner.query(
      `CREATE FUNCTION onward_register_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE "register_version" SET "value" = "value" + 1 WHERE "id" = 1;
         PERFORM pg_notify('${REGISTER_CHANGED_CHANNEL}', '');
         RETURN NULL;
       END $$`,
    );
    for (const table of REGISTER_TABLES) await trackRegisterChanges(queryRunner, table);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== "postgres") return;
    for (const table of REGISTER_TABLES) await queryRunner.query(`DROP TRIGGER IF EXISTS "register_changed" ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION onward_register_changed()`);
    await queryRunner.query(`DROP TABLE "register_version"`);
  }
}

/**
 * For a migration that adds a table the snapshot reads (PostgreSQL; a no-op on SQLite): commits to
 * it then move the register's version on and notify every server process.
 */
export async function trackRegisterChanges(queryRunner: QueryRunner, table: string): Promise<void> {
  if (queryRunner.connection.options.type !== "postgres") return;
  await queryRunner.query(
    `CREATE TRIGGER "register_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION onward_register_changed()`,
  );
}
