import { DataSource } from "typeorm";
import { Dialect, dialectOf, jsonArrayElements, placeholders, runSql } from "../db/dialect";
import type { Basis, GraphFlow, Level, RegisterGraphData } from "../graph/types";
import { decodeScope } from "../graph/scope-codes";
import { NO_OPT_OUTS } from "./codec";

/** Flows per page when reading the graph: each page is one row holding a JSON array. */
const FLOWS_PER_PAGE = 5000;

/** One shared copy of each distinct string (organisation and field ids, levels, dates). */
function interner() {
  const seen = new Map<string, string>();
  return (value: string): string => {
    const known = seen.get(value);
    if (known !== undefined) return known;
    seen.set(value, value);
    return value;
  };
}

/** A flow as one page's JSON array lists it. */
type FlowTuple = [id: string, from: string, to: string, level: Level, basis: Basis, minimumAge: number | null, validFrom: string | null, validTo: string | null, optOutIds: string[], fieldIds: string[], scope: string, optOutReceivedFrom: Record<string, string[]>];

/**
 * One page of flows after the id `after`, in id order, as ONE row: `last` (the page's last id) and
 * `flows` (a JSON array of FlowTuple, built by the database).
 */
function flowPageSql(dialect: Dialect, selected: boolean): string {
  // Only the flows whose ids a JSON array lists, when reading changed rows.
  const only = selected ? ` AND f.id IN (SELECT j.value FROM ${jsonArrayElements(dialect, "?", "j")})` : "";
  if (dialect === "sqlite") {
    return `SELECT max(id) AS last,
              json_group_array(json_array(id, fromId, toId, level, basis, minimumAge, validFrom, validTo, json(optOutIds), json(fieldIds), scope, json(optOutReceivedFrom))) AS flows
         FROM (SELECT f.id, f.fromId, f.toId, f.level, f.basis, f.minimumAge, f.validFrom, f.validTo, f.optOutIds, f.scope, f.optOutReceivedFrom,
                      (SELECT json_group_array(ff.fieldId ORDER BY ff.fieldId) FROM flow_field ff WHERE ff.flowId = f.id) AS fieldIds
                 FROM flow f WHERE f.id > ?${only} ORDER BY f.id LIMIT ${FLOWS_PER_PAGE})`;
  }
  return placeholders(
    dialect,
    `SELECT max(f.id) AS last,
            json_agg(json_build_array(f.id, f."fromId", f."toId", f.level, f.basis, f."minimumAge", f."validFrom", f."validTo", f."optOutIds"::json,
                     (SELECT coalesce(json_agg(ff."fieldId" ORDER BY ff."fieldId"), '[]'::json) FROM flow_field ff WHERE ff."flowId" = f.id),
                     f.scope, f."optOutReceivedFrom"::json) ORDER BY f.id)::text AS flows
       FROM (SELECT * FROM flow f WHERE f.id > ?${only} ORDER BY f.id LIMIT ${FLOWS_PER_PAGE}) f`,
  );
}

/**
 * Reads the whole register's graph (ids and the attributes traversal needs), every table in id
 * order on both databases (PostgreSQL has no insertion order to fall back on), so both give the
 * same answers.
 *
 * Built for a national register (600,000 flows, 2.7 million flow fields) in time and memory:
 * - flows are read a page at a time, each page ONE row holding a JSON array that the database
 *   builds: the sqlite3 driver's cost is per row (a row object per row, and `each` buffers rows
 *   natively faster than JavaScript takes them), so 600,000 row objects took twice as long and
 *   left the process 700 MB larger;
 * - each flow's fields come aggregated with it (in field id order), not as 2.7 million rows of
 *   their own;
 * - repeated strings (organisation and field ids, levels, dates) are shared, not copied per flow.
 */
export function loadGraphData(dataSource: DataSource): Promise<RegisterGraphData> {
  return readGraphRows(dataSource, null);
}

/**
 * `loadGraphData` for the organisations and flows with the given ids only (those that still
 * exist), with every field and opt-out: what a reload after an edit re-reads (see changes.ts).
 */
export function readChangedGraphRows(dataSource: DataSource, ids: { organisations: string[]; flows: string[] }): Promise<RegisterGraphData> {
  return readGraphRows(dataSource, ids);
}

async function readGraphRows(dataSource: DataSource, only: { organisations: string[]; flows: string[] } | null): Promise<RegisterGraphData> {
  const intern = interner();
  const dialect = dialectOf(dataSource);
  const inList = (column: string) => (only ? ` WHERE ${column} IN (SELECT j.value FROM ${jsonArrayElements(dialect, "?", "j")})` : "");
  type OrganisationRow = { id: string; isRole: number | boolean; instanceOfId: string | null; area: string | null; existedFrom: string | null; existedTo: string | null };
  const organisationRows: OrganisationRow[] = await runSql(
    dataSource,
    `SELECT "id", "isRole", "instanceOfId", "area", "existedFrom", "existedTo" FROM organisation${inList('"id"')} ORDER BY id`,
    only ? [JSON.stringify(only.organisations)] : [],
  );
  const organisations = organisationRows.map((o) => ({
    id: intern(o.id),
    isRole: o.isRole === 1 || o.isRole === true,
    instanceOf: o.instanceOfId,
    area: o.area,
    existedFrom: o.existedFrom,
    existedTo: o.existedTo,
  }));
  const fieldRows: { id: string; narrowerIds: string; definition: string | null }[] = await dataSource.query(`SELECT "id", "narrowerIds", "definition" FROM pupil_field ORDER BY id`);
  const fields = fieldRows.map((f) => ({
    id: intern(f.id),
    narrower: (JSON.parse(f.narrowerIds) as string[]).map(intern),
    itemised: f.definition === null ? [] : Object.keys((JSON.parse(f.definition) as { items: Record<string, string[]> }).items).map(intern),
  }));
  const optOutRows: { id: string; remainingFieldIds: string }[] = await dataSource.query(`SELECT "id", "remainingFieldIds" FROM opt_out ORDER BY id`);
  const optOutById = new Map(optOutRows.map((o) => [o.id, { id: intern(o.id), remainingFieldIds: (JSON.parse(o.remainingFieldIds) as string[]).map(intern) }]));

  // Fields a notice marks optional or only possibly includes are few: read apart, kept sparse.
  const inclusionRows: { flowId: string; fieldId: string; inclusion: "OPTIONAL" | "POSSIBLE" }[] = await runSql(
    dataSource,
    `SELECT "flowId", "fieldId", "inclusion" FROM flow_field WHERE "inclusion" != 'INCLUDED'${only ? inList('"flowId"').replace(" WHERE ", " AND ") : ""} ORDER BY "flowId", "fieldId"`,
    only ? [JSON.stringify(only.flows)] : [],
  );
  const inclusionByFlow = new Map<string, Record<string, "OPTIONAL" | "POSSIBLE">>();
  for (const row of inclusionRows) {
    const entry = inclusionByFlow.get(row.flowId) ?? {};
    entry[intern(row.fieldId)] = row.inclusion;
    inclusionByFlow.set(row.flowId, entry);
  }

  const flows: GraphFlow[] = [];
  const pageSql = flowPageSql(dialect, only !== null);
  // Every id sorts after the empty string.
  for (let after = ""; ; ) {
    if (only && only.flows.length === 0) break;
    const [page]: { last: string | null; flows: string | null }[] = await dataSource.query(pageSql, only ? [after, JSON.stringify(only.flows)] : [after]);
    if (!page || page.last === null || !page.flows) break;
    after = page.last;
    for (const [id, from, to, level, basis, minimumAge, validFrom, validTo, optOutIds, fieldIds, scope, optOutReceivedFrom] of JSON.parse(page.flows) as FlowTuple[]) {
      flows.push({
        id,
        from: intern(from),
        to: intern(to),
        fieldIds: fieldIds.map(intern),
        fieldInclusion: inclusionByFlow.get(id) ?? null,
        level: intern(level) as Level,
        basis: intern(basis) as Basis,
        minimumAge,
        validFrom: validFrom === null ? null : intern(validFrom),
        validTo: validTo === null ? null : intern(validTo),
        optOuts: optOutIds.length === 0 ? NO_OPT_OUTS : optOutIds.flatMap((o) => (!optOutById.has(o) ? [] : optOutReceivedFrom[o] ? [{ ...optOutById.get(o)!, receivedFrom: optOutReceivedFrom[o] }] : [optOutById.get(o)!])),
        scope: scope === "NATIONAL" ? null : decodeScope(scope),
      });
    }
  }
  return { organisations, fields, flows };
}

