import { MigrationInterface, QueryRunner } from "typeorm";

/** The register's tables: a change to any of them changes what a snapshot of the graph holds. */
export const STAMPED_TABLES = ["organisation", "pupil_field", "notice", "opt_out", "flow", "flow_field", "citation", "holding"];

/** SQL that gives the register a new stamp (SQLite): a random 64-bit value, never reused by chance. */
export const NEW_SQLITE_STAMP = `UPDATE "register_version" SET "value" = "value" + 1, "stamp" = lower(hex(randomblob(8))) WHERE "id" = 1`;

/**
 * A stamp that changes with every committed change to the register and survives a restart, so a
 * graph snapshot persisted beside the database (server/snapshot) can say which state it is of.
 *
 * - PostgreSQL: `register_version` (migration 001) gets a `stamp` column that its triggers
 *   renew with every changing statement. The counter alone would not do: a database dropped and
 *   made again counts up from 0 and would meet an old snapshot's number.
 * - SQLite: the same table, kept by row triggers on every register table (SQLite has no statement
 *   triggers). `PRAGMA data_version` still tells a running server that something changed (it is
 *   cheaper per request); the stamp says what a file on disk is of, across restarts. Bulk loads
 *   drop the triggers with the indexes and renew the stamp once (server/db/bulk-insert.ts).
 *
 * A change made with another tool (psql, sqlite3) renews the stamp too, so no stale snapshot is
 * ever taken for the register's state.
 */
export class RegisterStamp1764547200003 implements MigrationInterface {
  name = "RegisterStamp1764547200003";

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === "postgres") {
      await queryRunner.query(`ALTER TABLE "register_version" ADD COLUMN "stamp" text NOT NULL DEFAULT md5(random()::text || clock_timestamp()::text)`);
      await queryRunner.query(
        `CREATE OR REPLACE FUNCTION onward_register_changed() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           UPDATE "register_version" SET "value" = "value" + 1, "stamp" = md5(random()::text || clock_timestamp()::text) WHERE "id" = 1;
           PERFORM pg_notify('onward_register_changed', '');
           RETURN NULL;
         END $$`,
      );
      return;
    }
    await queryRunner.query(`CREATE TABLE "register_version" ("id" integer PRIMARY KEY CHECK ("id" = 1), "value" integer NOT NULL, "stamp" text NOT NULL)`);
    await queryRunner.query(`INSERT INTO "register_version" ("id", "value", "stamp") VALUES (1, 0, lower(hex(randomblob(8))))`);
    for (const table of STAMPED_TABLES) {
      for (const event of ["INSERT", "UPDATE", "DELETE"]) {
        await queryRunner.query(`CREATE TRIGGER "register_stamp_${table}_${event.toLowerCase()}" AFTER ${event} ON "${table}" BEGIN ${NEW_SQLITE_STAMP}; END`);
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === "postgres") {
      await queryRunner.query(
        `CREATE OR REPLACE FUNCTION onward_register_changed() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           UPDATE "register_version" SET "value" = "value" + 1 WHERE "id" = 1;
           PERFORM pg_notify('onward_register_changed', '');
           RETURN NULL;
         END $$`,
      );
      await queryRunner.query(`ALTER TABLE "register_version" DROP COLUMN "stamp"`);
      return;
    }
    for (const table of STAMPED_TABLES) {
      for (const event of ["insert", "update", "delete"]) await queryRunner.query(`DROP TRIGGER IF EXISTS "register_stamp_${table}_${event}"`);
    }
    await queryRunner.query(`DROP TABLE "register_version"`);
  }
}
