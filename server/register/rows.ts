import { RowBatcher } from "../db/row-batches";
import type { RegisterContent } from "./validate";

/**
 * The register's tables as an import writes them: each table's columns (mirroring the entities in
 * `server/entities`, TypeORM's naming: camelCase columns) and how its rows are made from validated
 * records. Imports nothing that needs a database, so an import's worker thread can make rows.
 */

/** Lists and objects are stored as JSON text; the empty ones, most of them (a flow's `optOutReceivedFrom` is nearly always `{}`), without stringifying. */
const json = (value: unknown) => (Array.isArray(value) ? (value.length === 0 ? "[]" : JSON.stringify(value)) : isEmptyObject(value) ? "{}" : JSON.stringify(value));

function isEmptyObject(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const _ in value) return false;
  return true;
}
const bool = (value: boolean) => (value ? 1 : 0);

/** How one table's rows are made from validated records; column lists mirror the entities. */
export interface TableRows {
  table: string;
  columns: string[];
  rows: (content: RegisterContent) => Iterable<unknown[]>;
}

/** The register's tables in the order a whole import writes them, each with its rows. */
export const REGISTER_TABLE_ROWS: readonly TableRows[] = [
  {
    table: "organisation",
    columns: ["id", "name", "kind", "aliases", "predecessorIds", "aliasBasis", "predecessorBasis", "isUnnamed", "website", "contact", "isRole", "instanceOfId", "area", "existedFrom", "existedTo", "lifetimeBasis", "lifetimeNote"],
    rows: ({ organisations }) =>
      map(organisations, (o) => [
        o.id, o.name, o.kind, json(o.aliases.map((a) => a.name)), json(o.predecessors.map((p) => p.organisation)),
        json(Object.fromEntries(o.aliases.map((a) => [a.name, { basis: a.basis, note: a.note }]))),
        json(Object.fromEntries(o.predecessors.map((p) => [p.organisation, { basis: p.basis, note: p.note }]))),
        bool(o.unnamed), o.website, o.contact,
        bool(o.role), o.instanceOf, o.area, o.existedFrom, o.existedTo, o.lifetime?.basis ?? null, o.lifetime?.note ?? null,
      ]),
  },
  {
    table: "pupil_field",
    columns: ["id", "label", "category", "specialCategory", "about", "narrowerIds", "definition"],
    rows: ({ fields }) => map(fields, (f) => [f.id, f.label, f.category, bool(f.specialCategory), f.about, json(f.narrower), f.definition === null ? null : json(f.definition)]),
  },
  {
    table: "notice",
    columns: ["id", "title", "publisherId", "date", "era", "eraNote", "source", "url", "text", "validFrom", "validTo"],
    rows: ({ notices }) => map(notices, (n) => [n.id, n.title, n.publisher, n.date, n.era, n.eraNote, n.source, n.url, n.text, n.validFrom, n.validTo]),
  },
  {
    table: "opt_out",
    columns: ["id", "label", "exercisedBy", "note", "remainingFieldIds"],
    rows: ({ optOuts }) => map(optOuts, (o) => [o.id, o.label, o.exercisedBy, o.note, json(o.remainingFields)]),
  },
  {
    table: "flow",
    columns: ["id", "fromId", "toId", "purposes", "lawfulBasis", "level", "conditions", "minimumAge", "onRequest", "optOutIds", "approval", "basis", "inferenceNote", "validFrom", "validTo", "optOutReceivedFrom", "scope", "recipientRole", "actsForId", "conflictsWith"],
    rows: ({ flows }) =>
      map(flows, (f) => [
        f.id, f.from, f.to, json(f.purposes), f.lawfulBasis, f.level, f.conditions, f.minimumAge, bool(f.onRequest),
        json(f.optOuts), f.approval, f.basis, f.inferenceNote, f.validFrom, f.validTo, json(f.optOutReceivedFrom), f.scope,
        f.recipientRole, f.actsFor, json(f.conflictsWith),
      ]),
  },
  {
    table: "flow_field",
    columns: ["flowId", "fieldId", "inclusion"],
    // In the primary key's order, (flowId, fieldId): flows arrive nearly in id order, and with each
    // flow's fields sorted nearly every row is an append to the key's index. In file order, SQLite
    // took 7.1-8.9 s to insert a 24,000-school register's 2.66 million flow fields, and 5.1-5.8 s
    // sorted (bench/README, 2026-12-02 04:05).
    *rows({ flows }) {
      for (const f of flows) for (const ff of byFieldId(f.fields)) yield [f.id, ff.field, ff.inclusion];
    },
  },
  {
    table: "holding",
    columns: ["id", "organisationId", "fieldIds", "retention", "retentionSetBy", "note"],
    rows: ({ holdings }) => map(holdings, (h) => [h.id, h.organisation, json(h.fields), h.retention, h.retentionSetBy, h.note]),
  },
  {
    table: "citation",
    columns: ["noticeId", "quote", "verbatim", "flowId", "optOutId", "organisationId", "topic", "holdingId"],
    *rows({ flows, optOuts, organisations, holdings }) {
      for (const f of flows) for (const c of f.citations) yield [c.notice, c.quote, bool(c.verbatim), f.id, null, null, null, null];
      for (const o of optOuts) for (const c of o.citations) yield [c.notice, c.quote, bool(c.verbatim), null, o.id, null, null, null];
      for (const o of organisations) {
        for (const c of o.lifetime?.citations ?? []) yield [c.notice, c.quote, bool(c.verbatim), null, null, o.id, null, null];
        for (const a of o.aliases) for (const c of a.citations) yield [c.notice, c.quote, bool(c.verbatim), null, null, o.id, `alias:${a.name}`, null];
        for (const p of o.predecessors) for (const c of p.citations) yield [c.notice, c.quote, bool(c.verbatim), null, null, o.id, `predecessor:${p.organisation}`, null];
      }
      for (const h of holdings) for (const c of h.citations) yield [c.notice, c.quote, bool(c.verbatim), null, null, null, null, h.id];
    },
  },
];

/** The tables whose secondary indexes a large load drops and builds again afterwards. */
export const INDEXED_TABLES = ["organisation", "notice", "opt_out", "flow", "flow_field", "citation", "holding"];

/** Rows that decide whether a load is large enough to build the indexes afterwards (see `withIndexesDeferred`). */
export function loadSize(counts: { organisations: number; notices: number; flows: number; flowFields: number; flowCitations: number }): number {
  return counts.organisations + counts.notices + counts.flows + counts.flowFields + counts.flowCitations;
}

/** Adds validated records' rows to `batches` (a streaming import's; one file's records at a time). */
export function addRows(batches: RowBatcher, content: RegisterContent): void {
  for (const { table, rows } of REGISTER_TABLE_ROWS) for (const row of rows(content)) batches.add(table, row);
}

/** Every register table's columns, as `TableBatches` takes them. */
export function registerTableColumns(): Record<string, string[]> {
  return Object.fromEntries(REGISTER_TABLE_ROWS.map((t) => [t.table, t.columns]));
}

/** How many rows `table` gets from `content`: one per record, or (flow fields, citations) counted. */
export function rowCount(content: RegisterContent, { table, rows }: TableRows): number {
  const records: Record<string, unknown[]> = {
    organisation: content.organisations,
    pupil_field: content.fields,
    notice: content.notices,
    opt_out: content.optOuts,
    flow: content.flows,
    holding: content.holdings,
  };
  if (records[table]) return records[table].length;
  let n = 0;
  for (const _ of rows(content)) n++;
  return n;
}

/** A flow's fields in the order of their ids (as SQLite compares text: these ids are ASCII), copied only when not already so. */
export function byFieldId<T extends { field: string }>(fields: readonly T[]): readonly T[] {
  for (let i = 1; i < fields.length; i++) {
    if (fields[i - 1].field > fields[i].field) return [...fields].sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
  }
  return fields;
}

function* map<T>(items: readonly T[], row: (item: T) => unknown[]): Generator<unknown[]> {
  for (const item of items) yield row(item);
}

