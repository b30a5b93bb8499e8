import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { dialectOf, jsonArrayElements, runSql } from "../db/dialect";
import { Citation, Flow, FlowFieldRow, Holding, Notice, OptOut, Organisation, PupilField } from "../entities";
import type { FlowConflictRecord } from "../entities/flow.entity";
import { RegisterSnapshot } from "../graph-store";
import { FindOptionsOrder } from "typeorm";
import { findWhereIn, manyEach, oneEach } from "./batch-query";

/** What a request's loaders read: the database, and the request's snapshot. */
interface LoaderSources {
  dataSource: DataSource;
  snapshot: () => Promise<RegisterSnapshot>;
}

const byId = <T extends { id: string }>({ dataSource }: LoaderSources, entity: new () => T) =>
  new DataLoader<string, T | null>(async (ids) => oneEach(ids, await findWhereIn(dataSource, entity, "id", ids), (r) => r.id));
// Lists come in a stated order on both databases (PostgreSQL promises none without ORDER BY):
// a flow's fields by field id (as SQLite's primary key index gave them), citations as written,
// flows by id.
const many = <T extends object>({ dataSource }: LoaderSources, entity: new () => T, column: keyof T & string, order: FindOptionsOrder<T>) =>
  new DataLoader<string, T[]>(async (keys) => manyEach(keys, await findWhereIn(dataSource, entity, column, keys, order), (r) => String(r[column])));

/**
 * How each of a request's DataLoaders is made: every relation a field resolver follows is batched
 * into one query per relation per tick, never a query per parent row.
 */
const MAKERS = {
  // Organisations and fields come from the request's in-memory snapshot (see RegisterGraphStore).
  organisation: ({ snapshot }: LoaderSources) =>
    new DataLoader<string, Organisation | null>(async (ids) => {
      const all = (await snapshot()).organisations;
      return ids.map((id) => all.get(id) ?? null);
    }),
  field: ({ snapshot }: LoaderSources) =>
    new DataLoader<string, PupilField | null>(async (ids) => {
      const all = (await snapshot()).fields;
      return ids.map((id) => all.get(id) ?? null);
    }),
  flow: (s: LoaderSources) => byId(s, Flow),
  notice: (s: LoaderSources) => byId(s, Notice),
  optOut: (s: LoaderSources) => byId(s, OptOut),
  flowFields: (s: LoaderSources) => many(s, FlowFieldRow, "flowId", { fieldId: "ASC" }),
  fieldFlowRows: (s: LoaderSources) => many(s, FlowFieldRow, "fieldId", { flowId: "ASC" }),
  flowCitations: (s: LoaderSources) => many(s, Citation, "flowId", { rowId: "ASC" }),
  optOutCitations: (s: LoaderSources) => many(s, Citation, "optOutId", { rowId: "ASC" }),
  organisationCitations: (s: LoaderSources) => many(s, Citation, "organisationId", { rowId: "ASC" }),
  holdingCitations: (s: LoaderSources) => many(s, Citation, "holdingId", { rowId: "ASC" }),
  holdings: (s: LoaderSources) => many(s, Holding, "organisationId", { id: "ASC" }),
  /** flow id -> conflicts other flows record naming it (the reverse of `conflictsWith`; a partial index finds the few) */
  conflictsNaming: ({ dataSource }: LoaderSources) =>
    new DataLoader<string, FlowConflictRecord[]>(async (keys) => {
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
  outgoing: (s: LoaderSources) => many(s, Flow, "fromId", { id: "ASC" }),
  incoming: (s: LoaderSources) => many(s, Flow, "toId", { id: "ASC" }),
  noticeFlows: ({ dataSource }: LoaderSources) =>
    new DataLoader<string, Flow[]>(async (keys) => {
      const cites = await findWhereIn(dataSource, Citation, "noticeId", keys, { rowId: "ASC" });
      const flows = await findWhereIn(dataSource, Flow, "id", cites.flatMap((c) => (c.flowId ? [c.flowId] : [])));
      const flowById = new Map(flows.map((f) => [f.id, f]));
      return manyEach(keys, cites, (c) => c.noticeId).map((list) => [...new Set(list.map((c) => c.flowId))].flatMap((id) => (id && flowById.get(id) ? [flowById.get(id)!] : [])));
    }),
  optOutFlows: ({ dataSource }: LoaderSources) =>
    new DataLoader<string, Flow[]>(async (keys) => {
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

type LoaderName = keyof typeof MAKERS;
export type Loaders = { readonly [K in LoaderName]: ReturnType<(typeof MAKERS)[K]> };

/**
 * A request's loaders, each made the first time the request asks for it. Why: most requests use
 * two or three of the twenty (and `{ __typename }` none), and making all twenty per request was
 * the largest part of the garbage the server's heap grew by under load: at 4,000 requests a
 * second it outlived the young generation and was promoted (issue 13's memory target).
 */
class RequestLoaders {
  readonly made: { [K in LoaderName]?: Loaders[K] } = {};
  constructor(readonly sources: LoaderSources) {}
}
for (const name of Object.keys(MAKERS) as LoaderName[]) {
  Object.defineProperty(RequestLoaders.prototype, name, {
    get(this: RequestLoaders) {
      return (this.made[name] ??= MAKERS[name](this.sources) as never);
    },
  });
}

/** A fresh set of DataLoaders for each request (made as they are first used). */
export function createLoaders(dataSource: DataSource, snapshot: () => Promise<RegisterSnapshot>): Loaders {
  return new RequestLoaders({ dataSource, snapshot }) as unknown as Loaders;
}
