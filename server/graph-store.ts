import { DataSource } from "typeorm";
import { Organisation, PupilField } from "./entities";
import { IndexedGraph, indexGraph, RegisterGraphData, GraphFlow, GraphOptOut, Level, Basis } from "./graph";
import { decodeScope } from "./graph/scope-codes";

/** Shared by every flow without opt-outs (most of them); frozen, since the graph is read-only. */
const NO_OPT_OUTS: GraphOptOut[] = Object.freeze([]) as unknown as GraphOptOut[];

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
 * Reads the whole register's graph (ids and the attributes traversal needs).
 *
 * Built for a national register (600,000 flows, 2.7 million flow fields) in time and memory:
 * - flows are read a page at a time (by rowid, so in insertion order as before), each page ONE
 *   row holding a JSON array that SQLite builds: the sqlite3 driver's cost is per row (a row
 *   object per row, and `each` buffers rows natively faster than JavaScript takes them), so
 *   600,000 row objects took twice as long and left the process 700 MB larger;
 * - each flow's fields come aggregated with it (in field id order, as the flow_field primary key
 *   returned them before), not as 2.7 million rows of their own;
 * - repeated strings (organisation and field ids, levels, dates) are shared, not copied per flow.
 */
export async function loadGraphData(dataSource: DataSource): Promise<RegisterGraphData> {
  const intern = interner();
  type OrganisationRow = { id: string; isRole: number; instanceOfId: string | null; area: string | null; existedFrom: string | null; existedTo: string | null };
  const organisationRows: OrganisationRow[] = await dataSource.query(`SELECT id, isRole, instanceOfId, area, existedFrom, existedTo FROM organisation`);
  const organisations = organisationRows.map((o) => ({
    id: intern(o.id),
    isRole: o.isRole === 1,
    instanceOf: o.instanceOfId,
    area: o.area,
    existedFrom: o.existedFrom,
    existedTo: o.existedTo,
  }));
  const fieldRows: { id: string; narrowerIds: string; definition: string | null }[] = await dataSource.query(`SELECT id, narrowerIds, definition FROM pupil_field`);
  const fields = fieldRows.map((f) => ({
    id: intern(f.id),
    narrower: (JSON.parse(f.narrowerIds) as string[]).map(intern),
    itemised: f.definition === null ? [] : Object.keys((JSON.parse(f.definition) as { items: Record<string, string[]> }).items).map(intern),
  }));
  const optOutRows: { id: string; remainingFieldIds: string }[] = await dataSource.query(`SELECT id, remainingFieldIds FROM opt_out`);
  const optOutById = new Map(optOutRows.map((o) => [o.id, { id: intern(o.id), remainingFieldIds: (JSON.parse(o.remainingFieldIds) as string[]).map(intern) }]));

  const flows: GraphFlow[] = [];
  for (let after = -Infinity; ; ) {
    const [page]: { last: number | null; flows: string | null }[] = await dataSource.query(
      `SELECT max(r) AS last,
              json_group_array(json_array(id, fromId, toId, level, basis, minimumAge, validFrom, validTo, json(optOutIds), json(fieldIds), scope, json(optOutReceivedFrom))) AS flows
         FROM (SELECT f.rowid AS r, f.id, f.fromId, f.toId, f.level, f.basis, f.minimumAge, f.validFrom, f.validTo, f.optOutIds, f.scope, f.optOutReceivedFrom,
                      (SELECT json_group_array(ff.fieldId ORDER BY ff.fieldId) FROM flow_field ff WHERE ff.flowId = f.id) AS fieldIds
                 FROM flow f WHERE f.rowid > ? ORDER BY f.rowid LIMIT ${FLOWS_PER_PAGE})`,
      [after],
    );
    if (!page || page.last === null || !page.flows) break;
    after = page.last;
    for (const [id, from, to, level, basis, minimumAge, validFrom, validTo, optOutIds, fieldIds, scope, optOutReceivedFrom] of JSON.parse(page.flows) as FlowTuple[]) {
      flows.push({
        id,
        from: intern(from),
        to: intern(to),
        fieldIds: fieldIds.map(intern),
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

/**
 * Holds the indexed snapshot of the register that chain queries traverse. It is built on first
 * use and rebuilt after any change, so every request sees a consistent graph without a query
 * per hop.
 */
export class RegisterGraphStore {
  private snapshot: Promise<IndexedGraph> | null = null;
  private organisationSnapshot: Promise<ReadonlyMap<string, Organisation>> | null = null;
  private fieldSnapshot: Promise<ReadonlyMap<string, PupilField>> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every organisation by id. Chain answers name thousands of organisations (sources(to: npd)
   * names every school); reading them from SQLite per request cost more than the traversal, and
   * the table is small even at national scale (28,000 rows), so it is kept in memory like the graph.
   */
  organisations(): Promise<ReadonlyMap<string, Organisation>> {
    this.organisationSnapshot ??= this.cached(() => this.dataSource.getRepository(Organisation).find(), () => (this.organisationSnapshot = null));
    return this.organisationSnapshot;
  }

  /** Every pupil field by id (a few dozen), for the same reason. */
  fields(): Promise<ReadonlyMap<string, PupilField>> {
    this.fieldSnapshot ??= this.cached(() => this.dataSource.getRepository(PupilField).find(), () => (this.fieldSnapshot = null));
    return this.fieldSnapshot;
  }

  private cached<T extends { id: string }>(load: () => Promise<T[]>, forget: () => void): Promise<ReadonlyMap<string, T>> {
    const snapshot = load().then((rows) => new Map(rows.map((row) => [row.id, row])));
    snapshot.catch(forget);
    return snapshot;
  }

  get(): Promise<IndexedGraph> {
    if (!this.snapshot) {
      this.snapshot = loadGraphData(this.dataSource).then(indexGraph);
      // A failed load must not be cached: the next request tries again.
      this.snapshot.catch(() => (this.snapshot = null));
    }
    return this.snapshot;
  }

  /**
   * Loads the graph and the organisation and field snapshots now rather than on the first chain
   * question: at national scale that takes about 5 s, which the first DPO to ask would otherwise
   * wait. `npm start` calls it once listening. Resolves to what was loaded and how long it took.
   */
  async preload(): Promise<{ flows: number; organisations: number; ms: number }> {
    const started = performance.now();
    const [graph, organisations] = await Promise.all([this.get(), this.organisations(), this.fields()]);
    return { flows: graph.data.flows.length, organisations: organisations.size, ms: performance.now() - started };
  }

  /** Call after any change to organisations, fields, opt-outs or flows. */
  invalidate(): void {
    this.snapshot = null;
    this.organisationSnapshot = null;
    this.fieldSnapshot = null;
  }
}
