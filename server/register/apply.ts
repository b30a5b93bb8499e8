import { DataSource, EntityManager } from "typeorm";
import { runSql } from "../db/dialect";
import { insertRowStream, withIndexesDeferred } from "../db/bulk-insert";
import { INDEXED_TABLES, loadSize, REGISTER_TABLE_ROWS, rowCount } from "./rows";
import { inWriteTransaction } from "../db/write-queue";
import { RegisterContent, KnownIds } from "./validate";

export interface ApplyProgress {
  (table: string, done: number, total: number): void;
}

/**
 * Writes a validated import in one transaction: either every row lands or none does.
 * Column lists mirror the entities in `server/entities` (TypeORM's naming: camelCase columns).
 */
export async function applyRegister(dataSource: DataSource, content: RegisterContent, onProgress?: ApplyProgress): Promise<void> {
  await inWriteTransaction(dataSource, (manager) => writeRegister(manager, content, onProgress));
}

/**
 * Inserts validated records with the caller's transaction (`manager`); see `applyRegister`.
 *
 * Rows are made a batch at a time as they are inserted (generators, not whole-table arrays):
 * building millions of flow-field rows up front cost a national import several seconds of
 * garbage collection (the write went from 35 s to 27 s, then 24 s with batches overlapped).
 */
export async function writeRegister(manager: EntityManager, content: RegisterContent, onProgress?: ApplyProgress): Promise<void> {
  const totals = new Map(REGISTER_TABLE_ROWS.map((t) => [t.table, rowCount(content, t)]));
  const flowFields = totals.get("flow_field")!;
  const flowCitations = content.flows.reduce((n, f) => n + f.citations.length, 0);
  // A large import (a national register) rebuilds the secondary indexes once at the end instead
  // of updating them row by row; a mutation or the seed register keeps them as they are.
  const newRows = loadSize({ organisations: content.organisations.length, notices: content.notices.length, flows: content.flows.length, flowFields, flowCitations });
  await withIndexesDeferred(manager, INDEXED_TABLES, newRows, async () => {
    for (const { table, columns, rows } of REGISTER_TABLE_ROWS) {
      const total = totals.get(table)!;
      await insertRowStream(manager, table, columns, rows(content), onProgress && ((done) => onProgress(table, done, total)));
    }
  });
}

/** The ids already in the register, so an import can refer to them and not redefine them. */
export async function readKnownIds(manager: DataSource | EntityManager): Promise<KnownIds> {
  const ids = async (table: string) => new Set<string>((await manager.query(`SELECT id FROM "${table}"`)).map((r: { id: string }) => r.id));
  return {
    organisations: await ids("organisation"),
    fields: await ids("pupil_field"),
    optOuts: await ids("opt_out"),
    notices: await ids("notice"),
    flows: await ids("flow"),
    roles: await readRoleIds(manager),
    holdings: await ids("holding"),
    noticeTexts: await readNoticeTexts(manager),
  };
}

/** The organisations that are roles ("a school", "a local authority"), which flows may be scoped for. */
export async function readRoleIds(manager: DataSource | EntityManager): Promise<Set<string>> {
  return new Set<string>((await manager.query(`SELECT id FROM organisation WHERE "isRole"`)).map((r: { id: string }) => r.id));
}

/** Every notice's stored text (null when the register has none), to check quotes against. */
export async function readNoticeTexts(manager: DataSource | EntityManager, ids?: string[]): Promise<Map<string, string | null>> {
  const rows: { id: string; text: string | null }[] =
    ids === undefined
      ? await manager.query(`SELECT id, text FROM notice`)
      : ids.length === 0
        ? []
        : await runSql(manager, `SELECT id, text FROM notice WHERE id IN (${ids.map(() => "?").join(", ")})`, ids);
  return new Map(rows.map((r) => [r.id, r.text]));
}
