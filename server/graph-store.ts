import { DataSource } from "typeorm";
import { Organisation, PupilField } from "./entities";
import { readDataVersion } from "./db/data-source";
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

  // Fields a notice marks optional or only possibly includes are few: read apart, kept sparse.
  const inclusionRows: { flowId: string; fieldId: string; inclusion: "OPTIONAL" | "POSSIBLE" }[] = await dataSource.query(
    `SELECT flowId, fieldId, inclusion FROM flow_field WHERE inclusion != 'INCLUDED'`,
  );
  const inclusionByFlow = new Map<string, Record<string, "OPTIONAL" | "POSSIBLE">>();
  for (const row of inclusionRows) {
    const entry = inclusionByFlow.get(row.flowId) ?? {};
    entry[intern(row.fieldId)] = row.inclusion;
    inclusionByFlow.set(row.flowId, entry);
  }

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

/** Everything chain questions and id look-ups read, as of one committed state of the database. */
export interface RegisterSnapshot {
  readonly graph: IndexedGraph;
  /**
   * Every organisation by id. Chain answers name thousands of organisations (sources(to: npd)
   * names every school); reading them from SQLite per request cost more than the traversal, and
   * the table is small even at national scale (28,000 rows), so it is kept in memory like the graph.
   */
  readonly organisations: ReadonlyMap<string, Organisation>;
  /** Every pupil field by id (a few dozen), for the same reason. */
  readonly fields: ReadonlyMap<string, PupilField>;
}

/** What the store needs to know of the server's own writes. */
export interface CommitCounter {
  readonly committed: number;
}

/** A snapshot being loaded or loaded, and the database version it stands for. */
interface LoadedSnapshot {
  version: string;
  snapshot: Promise<RegisterSnapshot>;
}

/** Loads attempted before a snapshot read while writes kept landing is used anyway (and reloaded next time). */
const LOAD_ATTEMPTS = 3;

/**
 * Holds the indexed snapshot of the register that chain questions traverse, with the organisations
 * and fields, all read at one committed state of the database.
 *
 * One truth for every process: before a request uses the snapshot, the store compares the
 * database's state with the snapshot's and reloads when they differ. The state is SQLite's
 * `PRAGMA data_version` on the reading connection (it changes when any other connection, in any
 * process, commits: `npm run import` into a running server's file, a second server, this server's
 * own writer connection) together with this server's own commit count (an in-memory database has
 * one connection, whose own commits do not change its data_version).
 *
 * A load reads the version before and after; if a commit landed in between, the load may mix two
 * states, so it is done again (at most LOAD_ATTEMPTS times; then it is used, but
 * under an older version, so the next request reloads).
 */
export class RegisterGraphStore {
  private loaded: LoadedSnapshot | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: CommitCounter = { committed: 0 },
  ) {}

  /** The database state as the snapshot tracks it: one SQLite call, once per request that needs the snapshot. */
  private async version(): Promise<string> {
    return `${await readDataVersion(this.dataSource)}:${this.writes.committed}`;
  }

  /** The snapshot of the newest committed state: the one already held, or a fresh load. */
  async current(): Promise<RegisterSnapshot> {
    const version = await this.version();
    if (this.loaded?.version === version) return this.loaded.snapshot;
    const entry = { version } as LoadedSnapshot;
    entry.snapshot = this.load(entry);
    this.loaded = entry;
    // A failed load must not be kept: the next request tries again.
    entry.snapshot.catch(() => {
      if (this.loaded === entry) this.loaded = null;
    });
    return entry.snapshot;
  }

  /** Loads at `entry.version`, moving it on to the version the data were finally read at. */
  private async load(entry: LoadedSnapshot): Promise<RegisterSnapshot> {
    let version = entry.version;
    for (let attempt = 1; ; attempt++) {
      const [data, organisations, fields] = await Promise.all([
        loadGraphData(this.dataSource),
        this.dataSource.getRepository(Organisation).find(),
        this.dataSource.getRepository(PupilField).find(),
      ]);
      const after = await this.version();
      if (after === version || attempt >= LOAD_ATTEMPTS) {
        // Past LOAD_ATTEMPTS it keeps a version it was not read at, so the next request reloads.
        if (after === version) entry.version = version;
        return { graph: indexGraph(data), organisations: new Map(organisations.map((o) => [o.id, o])), fields: new Map(fields.map((f) => [f.id, f])) };
      }
      version = after;
    }
  }

  /** The graph of the newest committed state. */
  async get(): Promise<IndexedGraph> {
    return (await this.current()).graph;
  }

  /**
   * Loads the snapshot now rather than on the first chain question: at national scale that takes
   * about 5 s, which the first DPO to ask would otherwise wait. `npm start` calls it once
   * listening. Resolves to what was loaded and how long it took.
   */
  async preload(): Promise<{ flows: number; organisations: number; ms: number }> {
    const started = performance.now();
    const snapshot = await this.current();
    return { flows: snapshot.graph.data.flows.length, organisations: snapshot.organisations.size, ms: performance.now() - started };
  }
}
