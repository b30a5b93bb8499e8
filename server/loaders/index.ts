import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { dialectOf, jsonArrayElements, runSql } from "../db/dialect";
import { Citation, Flow, FlowFieldRow, Holding, Notice, OptOut, Organisation, PupilField } from "../entities";
import type { FlowConflictRecord } from "../entities/flow.entity";
import { RegisterSnapshot } from "../graph-store";
import { FindOptionsOrder } from "typeorm";
import { findWhereIn, manyEach, oneEach } from "./batch-query";

/**
 * A fresh set of DataLoaders for each request: every relation a field resolver follows is
 * batched into one query per relation per tick, never a query per parent row.
 */
export function createLoaders(dataSource: DataSource, snapshot: () => Promise<RegisterSnapshot>) {
  const byId = <T extends { id: string }>(entity: new () => T) =>
    new DataLoader<string, T | null>(async (ids) => oneEach(ids, await findWhereIn(dataSource, entity, "id", ids), (r) => r.id));
  // Lists come in a stated order on both databases (PostgreSQL promises none without ORDER BY):
  // a flow's fields by field id (as SQLite's primary key index gave them), citations as written,
  // flows by id.
  const many = <T extends object>(entity: new () => T, column: keyof T & string, order: FindOptionsOrder<T>) =>
    new DataLoader<string, T[]>(async (keys) => manyEach(keys, await findWhereIn(dataSource, entity, column, keys, order), (r) => String(r[column])));

  const flowsByCitation = (column: "noticeId") =>
    new DataLoader<string, Flow[]>(async (keys) => {
      const cites = await findWhereIn(dataSource, Citation, column, keys, { rowId: "ASC" });
      const flows = await findWhereIn(dataSource, Flow, "id", cites.flatMap((c) => (c.flowId ? [c.flowId] : [])));
      const flowById = new Map(flows.map((f) => [f.id, f]));
      return manyEach(keys, cites, (c) => c[column]).map((list) => [...new Set(list.map((c) => c.flowId))].flatMap((id) => (id && flowById.get(id) ? [flowById.get(id)!] : [])));
    });

  return {
    // Organisations and fields come from the request's in-memory snapshot (see RegisterGraphStore).
    organisation: new DataLoader<string, Organisation | null>(async (ids) => {
      const all = (await snapshot()).organisations;
      return ids.map((id) => all.get(id) ?? null);
    }),
    field: new DataLoader<string, PupilField | null>(async (ids) => {
      const all = (await snapshot()).fields;
      return ids.map((id) => all.get(id) ?? null);
    }),
    flow: byId(Flow),
    notice: byId(Notice),
    optOut: byId(OptOut),
    flowFields: many(FlowFieldRow, "flowId", { fieldId: "ASC" }),
    fieldFlowRows: many(FlowFieldRow, "fieldId", { flowId: "ASC" }),
    flowCitations: many(Citation, "flowId", { rowId: "ASC" }),
    optOutCitations: many(Citation, "optOutId", { rowId: "ASC" }),
    organisationCitations: many(Citation, "organisationId", { rowId: "ASC" }),
    holdingCitations: many(Citation, "holdingId", { rowId: "ASC" }),
    holdings: many(Holding, "organisationId", { id: "ASC" }),
    /** flow id -> conflicts other flows record naming it (the reverse of `conflictsWith`; a partial index finds the few) */
    conflictsNaming: new DataLoader<string, FlowConflictRecord[]>(async (keys) => {
      const rows: { id: string; conflictsWith: string }[] = await runSql(dataSource, `SELECT id, "conflictsWith" FROM flow WHERE "conflictsWith" != '[]' ORDER BY id`);
      const byTarget = new Map<string, FlowConflictRecord[]>();
      for (const row of rows) {
        for (const c of JSON.parse(row.conflictsWith) as FlowConflictRecord[]) {
          const list = byTarget.get(c.flow) ?? [];
          list.push({ flow: row.id, note: c.note });
          byTarget.set(c.flow, list);
        }
      }
      return keys.map((k) => byTarget.get(k) ?? []);
    }),
    outgoing: many(Flow, "fromId", { id: "ASC" }),
    incoming: many(Flow, "toId", { id: "ASC" }),
    noticeFlows: flowsByCitation("noticeId"),
    optOutFlows: new DataLoader<string, Flow[]>(async (keys) => {
      const rows: (Flow & { optOutId: string })[] = [];
      for (let i = 0; i < keys.length; i += 10000) {
        const chunk = keys.slice(i, i + 10000);
        const raw: { id: string; optOutId: string }[] = await runSql(
          dataSource,
          `SELECT flow.id AS id, j.value AS "optOutId" FROM flow, ${jsonArrayElements(dialectOf(dataSource), `flow."optOutIds"`, "j")} WHERE j.value IN (${chunk.map(() => "?").join(", ")}) ORDER BY flow.id`,
          chunk,
        );
        const flows = await findWhereIn(dataSource, Flow, "id", raw.map((r) => r.id));
        const byId = new Map(flows.map((f) => [f.id, f]));
        rows.push(...raw.map((r) => Object.assign(Object.create(Flow.prototype), byId.get(r.id), { optOutId: r.optOutId })));
      }
      return manyEach(keys, rows, (r) => r.optOutId);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
