import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The schema as it stood before migrations: the tables TypeORM's `synchronize` made from the
 * entities (SQLite) and their PostgreSQL equivalents, as `typeorm migration:generate` writes them.
 *
 * A register file made by an earlier release already has these tables (made by `synchronize`,
 * without a migrations table): the baseline then adopts them as they are, so the data stay and
 * later migrations apply on top.
 */
export class Baseline1764547200000 implements MigrationInterface {
  name = "Baseline1764547200000";

  async up(queryRunner: QueryRunner): Promise<void> {
    if (await queryRunner.hasTable("organisation")) return;
    const statements = queryRunner.connection.options.type === "postgres" ? POSTGRES : SQLITE;
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ["pupil_field", "organisation", "opt_out", "notice", "flow", "flow_field", "citation"]) await queryRunner.query(`DROP TABLE "${table}"`);
  }
}

const INDEXES = [
  `CREATE INDEX "IDX_3508ee5d0afb3e51f022e873fb" ON "citation" ("flowId")`,
  `CREATE INDEX "IDX_bb14bc7a402725d00c917d7d48" ON "citation" ("optOutId")`,
  `CREATE INDEX "IDX_92377c14ec63a7066a3bdf51ce" ON "citation" ("organisationId")`,
  `CREATE INDEX "IDX_08e58450ff5278b56874106498" ON "flow_field" ("fieldId")`,
  `CREATE INDEX "IDX_1c27cbe5217018dd6533c4f660" ON "flow" ("fromId")`,
  `CREATE INDEX "IDX_fa7bdb3f11cb37c0301b017e8f" ON "flow" ("toId")`,
  `CREATE INDEX "IDX_497921db8c90b627fe66c106a4" ON "organisation" ("kind")`,
];

const SQLITE = [
  `CREATE TABLE "citation" ("rowId" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "noticeId" text NOT NULL, "quote" text NOT NULL, "flowId" text, "optOutId" text, "organisationId" text)`,
  `CREATE TABLE "flow_field" ("flowId" text NOT NULL, "fieldId" text NOT NULL, "optional" boolean NOT NULL DEFAULT (0), PRIMARY KEY ("flowId", "fieldId"))`,
  `CREATE TABLE "flow" ("id" text PRIMARY KEY NOT NULL, "fromId" text NOT NULL, "toId" text NOT NULL, "purposes" text NOT NULL, "lawfulBasis" text, "level" text NOT NULL, "conditions" text, "minimumAge" integer, "onRequest" boolean NOT NULL DEFAULT (0), "optOutIds" text NOT NULL, "optOutReceivedFrom" text NOT NULL DEFAULT ('{}'), "scope" text NOT NULL DEFAULT ('NATIONAL'), "approval" text, "basis" text NOT NULL, "inferenceNote" text, "validFrom" text, "validTo" text)`,
  `CREATE TABLE "notice" ("id" text PRIMARY KEY NOT NULL, "title" text NOT NULL, "publisherId" text NOT NULL, "date" text, "era" text, "eraNote" text, "validFrom" text, "validTo" text, "source" text)`,
  `CREATE TABLE "opt_out" ("id" text PRIMARY KEY NOT NULL, "label" text NOT NULL, "exercisedBy" text NOT NULL, "note" text, "remainingFieldIds" text NOT NULL)`,
  `CREATE TABLE "organisation" ("id" text PRIMARY KEY NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "aliases" text NOT NULL, "predecessorIds" text NOT NULL, "website" text, "contact" text, "isRole" boolean NOT NULL DEFAULT (0), "instanceOfId" text, "area" text, "existedFrom" text, "existedTo" text, "lifetimeBasis" text, "lifetimeNote" text)`,
  `CREATE TABLE "pupil_field" ("id" text PRIMARY KEY NOT NULL, "label" text NOT NULL, "category" text NOT NULL, "specialCategory" boolean NOT NULL DEFAULT (0), "about" text NOT NULL, "narrowerIds" text NOT NULL, "definition" text)`,
  ...INDEXES,
];

const POSTGRES = [
  `CREATE TABLE "citation" ("rowId" SERIAL NOT NULL, "noticeId" text NOT NULL, "quote" text NOT NULL, "flowId" text, "optOutId" text, "organisationId" text, CONSTRAINT "PK_d276fb43369cae7f259f5438c7e" PRIMARY KEY ("rowId"))`,
  `CREATE TABLE "flow_field" ("flowId" text NOT NULL, "fieldId" text NOT NULL, "optional" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_3e14dcde54023999428ee812ab4" PRIMARY KEY ("flowId", "fieldId"))`,
  `CREATE TABLE "flow" ("id" text NOT NULL, "fromId" text NOT NULL, "toId" text NOT NULL, "purposes" text NOT NULL, "lawfulBasis" text, "level" text NOT NULL, "conditions" text, "minimumAge" integer, "onRequest" boolean NOT NULL DEFAULT false, "optOutIds" text NOT NULL, "optOutReceivedFrom" text NOT NULL DEFAULT '{}', "scope" text NOT NULL DEFAULT 'NATIONAL', "approval" text, "basis" text NOT NULL, "inferenceNote" text, "validFrom" text, "validTo" text, CONSTRAINT "PK_6c2ad4a3e86394cd9bb7a80a228" PRIMARY KEY ("id"))`,
  `CREATE TABLE "notice" ("id" text NOT NULL, "title" text NOT NULL, "publisherId" text NOT NULL, "date" text, "era" text, "eraNote" text, "validFrom" text, "validTo" text, "source" text, CONSTRAINT "PK_705062b14410ff1a04998f86d72" PRIMARY KEY ("id"))`,
  `CREATE TABLE "opt_out" ("id" text NOT NULL, "label" text NOT NULL, "exercisedBy" text NOT NULL, "note" text, "remainingFieldIds" text NOT NULL, CONSTRAINT "PK_9cef6598e0c43eb0cb6f6b70ed2" PRIMARY KEY ("id"))`,
  `CREATE TABLE "organisation" ("id" text NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "aliases" text NOT NULL, "predecessorIds" text NOT NULL, "website" text, "contact" text, "isRole" boolean NOT NULL DEFAULT false, "instanceOfId" text, "area" text, "existedFrom" text, "existedTo" text, "lifetimeBasis" text, "lifetimeNote" text, CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id"))`,
  `CREATE TABLE "pupil_field" ("id" text NOT NULL, "label" text NOT NULL, "category" text NOT NULL, "specialCategory" boolean NOT NULL DEFAULT false, "about" text NOT NULL, "narrowerIds" text NOT NULL, "definition" text, CONSTRAINT "PK_17e03decbe6da941d22f0dbac33" PRIMARY KEY ("id"))`,
  ...INDEXES,
];
