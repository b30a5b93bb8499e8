import { DataSource } from "typeorm";
import { Organisation, PupilField } from "./entities";
import { listenForRegisterChanges, readRegisterStamp, readRegisterVersion } from "./db/change-feed";
import { Dialect, dialectOf, placeholders } from "./db/dialect";
import { IndexedGraph, indexGraph, RegisterGraphData, GraphFlow, GraphOptOut, Level, Basis } from "./graph";
import { decodeScope } from "./graph/scope-codes";
import { NO_OPT_OUTS, type SnapshotContent } from "./snapshot/codec";
import { readSnapshotFile, writeSnapshotFile } from "./snapshot/snapshot-file";

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
function flowPageSql(dialect: Dialect): string {
  if (dialect === "sqlite") {
    return `SELECT max(id) AS last,
              json_group_array(json_array(id, fromId, toId, level, basis, minimumAge, validFrom, validTo, json(optOutIds), json(fieldIds), scope, json(optOutReceivedFrom))) AS flows
         FROM (SELECT f.id, f.fromId, f.toId, f.level, f.basis, f.minimumAge, f.validFrom, f.validTo, f.optOutIds, f.scope, f.optOutReceivedFrom,
                      (SELECT json_group_array(ff.fieldId ORDER BY ff.fieldId) FROM flow_field ff WHERE ff.flowId = f.id) AS fieldIds
                 FROM flow f WHERE f.id > ? ORDER BY f.id LIMIT ${FLOWS_PER_PAGE})`;
  }
  return placeholders(
    dialect,
    `SELECT max(f.id) AS last,
            json_agg(json_build_array(f.id, f."fromId", f."toId", f.level, f.basis, f."minimumAge", f."validFrom", f."validTo", f."optOutIds"::json,
                     (SELECT coalesce(json_agg(ff."fieldId" ORDER BY ff."fieldId"), '[]'::json) FROM flow_field ff WHERE ff."flowId" = f.id),
                     f.scope, f."optOutReceivedFrom"::json) ORDER BY f.id)::text AS flows
       FROM (SELECT * FROM flow WHERE id > ? ORDER BY id LIMIT ${FLOWS_PER_PAGE}) f`,
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
export async function loadGraphData(dataSource: DataSource): Promise<RegisterGraphData> {
  const intern = interner();
  type OrganisationRow = { id: string; isRole: number | boolean; instanceOfId: string | null; area: string | null; existedFrom: string | null; existedTo: string | null };
  const organisationRows: OrganisationRow[] = await dataSource.query(`SELECT "id", "isRole", "instanceOfId", "area", "existedFrom", "existedTo" FROM organisation ORDER BY id`);
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
  const inclusionRows: { flowId: string; fieldId: string; inclusion: "OPTIONAL" | "POSSIBLE" }[] = await dataSource.query(
    `SELECT "flowId", "fieldId", "inclusion" FROM flow_field WHERE "inclusion" != 'INCLUDED' ORDER BY "flowId", "fieldId"`,
  );
  const inclusionByFlow = new Map<string, Record<string, "OPTIONAL" | "POSSIBLE">>();
  for (const row of inclusionRows) {
    const entry = inclusionByFlow.get(row.flowId) ?? {};
    entry[intern(row.fieldId)] = row.inclusion;
    inclusionByFlow.set(row.flowId, entry);
  }

  const flows: GraphFlow[] = [];
  const pageSql = flowPageSql(dialectOf(dataSource));
  // Every id sorts after the empty string.
  for (let after = ""; ; ) {
    const [page]: { last: string | null; flows: string | null }[] = await dataSource.query(pageSql, [after]);
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

/** Where a snapshot came from, and how long it took to be ready (for the start-up line and the bench). */
export interface LoadReport {
  source: "snapshot file" | "database";
  ms: number;
  /** why the snapshot file was not used, when it was not */
  fileSkipped: string | null;
}

/** The snapshot file a store reads at start and writes after reading the database (server/snapshot). */
export interface SnapshotFileOptions {
  path: string;
  log: (message: string) => void;
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
 * database's state with the snapshot's and reloads when they differ. The state is the database's
 * register version (`readRegisterVersion`: SQLite's `PRAGMA data_version` on the reading
 * connection, which changes when any other connection in any process commits; PostgreSQL's
 * trigger-kept `register_version`) together with this server's own commit count (an in-memory
 * SQLite database has one connection, whose own commits do not change its data_version). On
 * PostgreSQL, `listen` also reloads as soon as another process commits.
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
    private readonly file: SnapshotFileOptions | null = null,
  ) {}

  /** How the newest snapshot was loaded. */
  lastLoad: LoadReport | null = null;
  /** The snapshot file being written, if any (tests and a graceful stop wait for it). */
  fileWrite: Promise<void> | null = null;

  private stopListening: (() => Promise<void>) | null = null;
  private refreshing: Promise<unknown> | null = null;
  private refreshAgain = false;

  /**
   * Reloads in the background as soon as any process commits a change (PostgreSQL's
   * LISTEN/NOTIFY; nothing to do on SQLite), so the next question finds the snapshot loaded or
   * loading. Notifications during a reload are folded into one more reload after it.
   */
  async listen(log: (message: string) => void): Promise<void> {
    if (this.stopListening) return;
    this.stopListening = await listenForRegisterChanges(this.dataSource, () => this.refresh(), log);
  }

  private refresh(): void {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = this.current()
      .catch(() => undefined)
      .finally(() => {
        this.refreshing = null;
        if (this.refreshAgain) {
          this.refreshAgain = false;
          this.refresh();
        }
      });
  }

  /** Stops listening for changes (the server is closing). */
  async close(): Promise<void> {
    const stop = this.stopListening;
    this.stopListening = null;
    await stop?.();
    await this.refreshing;
    await this.fileWrite;
  }

  /** The database state as the snapshot tracks it: one database call, once per request that needs the snapshot. */
  private async version(): Promise<string> {
    return `${await readRegisterVersion(this.dataSource)}:${this.writes.committed}`;
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
      const started = performance.now();
      const { snapshot, report, toWrite } = await this.read();
      const after = await this.version();
      if (after === version || attempt >= LOAD_ATTEMPTS) {
        // Past LOAD_ATTEMPTS it keeps a version it was not read at, so the next request reloads.
        if (after === version) entry.version = version;
        this.lastLoad = { ...report, ms: performance.now() - started };
        if (toWrite) this.writeFileLater(toWrite);
        return snapshot;
      }
      version = after;
    }
  }

  /**
   * One read of the register: from the snapshot file when it is of the register's current stamp,
   * else from the database (and then, when no commit landed during the read, the content to
   * write to the file for the next start).
   */
  private async read(): Promise<{ snapshot: RegisterSnapshot; report: Omit<LoadReport, "ms">; toWrite: SnapshotContent | null }> {
    let fileSkipped: string | null = null;
    const stamp = this.file ? await readRegisterStamp(this.dataSource) : null;
    if (this.file && stamp) {
      const read = await readSnapshotFile(this.file.path, stamp);
      if ("content" in read) {
        const { data, order, organisations, fields } = read.content;
        return {
          snapshot: {
            graph: indexGraph(data, order),
            organisations: new Map(organisations.map((row) => Object.assign(new Organisation(), row)).map((o) => [o.id, o])),
            fields: new Map(fields.map((row) => Object.assign(new PupilField(), row)).map((f) => [f.id, f])),
          },
          report: { source: "snapshot file", fileSkipped: null },
          toWrite: null,
        };
      }
      fileSkipped = read.skipped;
    }
    const [data, organisations, fields] = await Promise.all([
      loadGraphData(this.dataSource),
      this.dataSource.getRepository(Organisation).find({ order: { id: "ASC" } }),
      this.dataSource.getRepository(PupilField).find({ order: { id: "ASC" } }),
    ]);
    const graph = indexGraph(data);
    const snapshot = { graph, organisations: new Map(organisations.map((o) => [o.id, o])), fields: new Map(fields.map((f) => [f.id, f])) };
    // Written only when nothing changed during the read: the file must be of exactly one state.
    const unchanged = stamp !== null && (await readRegisterStamp(this.dataSource)) === stamp;
    const toWrite = unchanged ? { stamp: stamp!, data, order: graph.dense, organisations, fields } : null;
    return { snapshot, report: { source: "database", fileSkipped }, toWrite };
  }

  /**
   * Writes the snapshot file once the answer that needed the load has gone out (encoding a
   * national register takes the event loop for about half a second). A failure costs only the
   * next start's speed, so it is logged, not thrown.
   */
  private writeFileLater(content: SnapshotContent): void {
    const file = this.file!;
    const previous = this.fileWrite ?? Promise.resolve();
    const write: Promise<void> = previous
      .then(() => new Promise((resolve) => setImmediate(resolve)))
      .then(() => writeSnapshotFile(file.path, content))
      .then(
        () => undefined,
        (error: Error) => file.log(`Could not write the graph snapshot file ${file.path} (${error.message}); the next start reads the database instead.`),
      )
      .finally(() => {
        if (this.fileWrite === write) this.fileWrite = null;
      });
    this.fileWrite = write;
  }

  /** The graph of the newest committed state. */
  async get(): Promise<IndexedGraph> {
    return (await this.current()).graph;
  }

  /**
   * Loads the snapshot now rather than on the first chain question: at national scale reading the
   * database takes seconds (the snapshot file, under one), which the first DPO to ask would
   * otherwise wait. `npm start` calls it once listening. Resolves to what was loaded, from where
   * and how long it took.
   */
  async preload(): Promise<{ flows: number; organisations: number; ms: number; source: LoadReport["source"]; fileSkipped: string | null }> {
    const started = performance.now();
    const snapshot = await this.current();
    return {
      flows: snapshot.graph.data.flows.length,
      organisations: snapshot.organisations.size,
      ms: performance.now() - started,
      source: this.lastLoad?.source ?? "database",
      fileSkipped: this.lastLoad?.fileSkipped ?? null,
    };
  }
}
