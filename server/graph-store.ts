import { DataSource, In } from "typeorm";
import { Organisation, PupilField } from "./entities";
import { listenForRegisterChanges, readRegisterStamp, readRegisterVersion } from "./db/change-feed";
import { IndexedGraph, indexGraph, type RegisterGraphData } from "./graph";
import { type DecodedSnapshot, type SnapshotContent } from "./snapshot/codec";
import { compareIds } from "./graph/compare-ids";
import { runSql } from "./db/dialect";
import { changeSetOf, flowsToReread, MOST_CHANGES_PATCHED, patchGraphData } from "./snapshot/changes";
import { LazyRowMap } from "./snapshot/lazy-rows";
import { loadGraphData, readChangedGraphRows } from "./snapshot/read-database";
import { readSnapshotFile, snapshotFileStamp, writeSnapshotFile } from "./snapshot/snapshot-file";

export { loadGraphData };

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
  /** the last change-log entry this state includes: a reload after an edit re-reads what the log names after it */
  readonly changeSeq: number;
}

/** Where a snapshot came from, and how long it took to be ready (for the start-up line and the bench). */
export interface LoadReport {
  source: "snapshot file" | "database" | "changes";
  ms: number;
  /** why the snapshot file was not used, when it was not */
  fileSkipped: string | null;
  /** whether what was read is being written to the snapshot file (not when a commit landed during the read) */
  writesFile: boolean;
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

/** The whole register read from the database. */
async function readWholeRegister(dataSource: DataSource): Promise<RegisterSnapshot> {
  // The log position first: a commit landing during the read is then read again next time (a re-read is idempotent).
  const changeSeq = await readChangeSeq(dataSource);
  const [data, organisations, fields] = await Promise.all([
    loadGraphData(dataSource),
    dataSource.getRepository(Organisation).find({ order: { id: "ASC" } }),
    dataSource.getRepository(PupilField).find({ order: { id: "ASC" } }),
  ]);
  return { graph: indexGraph(data), organisations: new Map(organisations.map((o) => [o.id, o])), fields: new Map(fields.map((f) => [f.id, f])), changeSeq };
}

function snapshotFromFile({ data, order, known, organisations, fields, changeSeq }: DecodedSnapshot): RegisterSnapshot {
  // Each organisation's row is parsed when first asked for, and all of them in the background
  // once the snapshot is ready (a failure there is a damaged row, which its question reports).
  const rows = new LazyRowMap(organisations, (row) => Object.assign(new Organisation(), row));
  rows.warm().catch(() => undefined);
  return {
    graph: indexGraph(data, order, known),
    organisations: rows,
    fields: new Map(fields.map((row) => Object.assign(new PupilField(), row)).map((f) => [f.id, f])),
    changeSeq,
  };
}

/** The newest entry of the change log (0 when it is empty). */
async function readChangeSeq(dataSource: DataSource): Promise<number> {
  const [row]: { last: number | string | null }[] = await dataSource.query(`SELECT max("seq") AS last FROM "register_change"`);
  return Number(row?.last ?? 0);
}

/**
 * `previous` brought up to date by re-reading only the rows the change log names since it; null
 * when the log cannot say (it was pruned past the snapshot, a bulk load ran, or too much changed),
 * and the whole register must be read. The same snapshot when no row of the graph changed (an
 * edit to a notice or a citation).
 */
async function readChanges(dataSource: DataSource, previous: RegisterSnapshot): Promise<RegisterSnapshot | null> {
  const [state]: { prunedThrough: number | string }[] = await dataSource.query(`SELECT "prunedThrough" FROM "register_version" WHERE "id" = 1`);
  if (!state || Number(state.prunedThrough) > previous.changeSeq) return null;
  const entries: { seq: number | string; tableName: string; rowId: string }[] = await runSql(
    dataSource,
    `SELECT "seq", "tableName", "rowId" FROM "register_change" WHERE "seq" > ? ORDER BY "seq" LIMIT ${MOST_CHANGES_PATCHED + 1}`,
    [previous.changeSeq],
  );
  if (entries.length === 0) return previous;
  const changes = changeSetOf(entries);
  if (changes.everything) return null;
  const changeSeq = Number(entries[entries.length - 1].seq);
  const organisationIds = [...changes.organisations];
  const flowIds = flowsToReread(previous.graph.data, changes);
  const [reread, organisationRows, fieldRows] = await Promise.all([
    readChangedGraphRows(dataSource, { organisations: organisationIds, flows: flowIds }),
    organisationIds.length === 0 ? [] : dataSource.getRepository(Organisation).find({ where: { id: In(organisationIds) } }),
    changes.fields ? dataSource.getRepository(PupilField).find({ order: { id: "ASC" } }) : null,
  ]);
  const data = patchGraphData(previous.graph.data, reread, { organisations: organisationIds, flows: flowIds, fields: changes.fields });
  const organisations = organisationIds.length === 0 ? previous.organisations : replacedById(previous.organisations, organisationIds, organisationRows);
  const fields = fieldRows ? new Map(fieldRows.map((f) => [f.id, f])) : previous.fields;
  // The adjacency's order depends only on which flows join which organisations (and on roles,
  // which no organisation change here can have touched when none changed): an edit of a flow's
  // level, fields or dates keeps it, and nothing is sorted again.
  const sameShape = organisationIds.length === 0 && sameEnds(previous.graph.data, data, flowIds);
  return { graph: indexGraph(data, sameShape ? previous.graph.dense : undefined), organisations, fields, changeSeq };
}

/** Whether each of `ids` joins the same two organisations, with the same scope, in both (and is in both). */
function sameEnds(before: RegisterGraphData, after: RegisterGraphData, ids: readonly string[]): boolean {
  if (before.flows.length !== after.flows.length) return false;
  const wanted = new Set(ids);
  const old = new Map(before.flows.filter((f) => wanted.has(f.id)).map((f) => [f.id, f]));
  const fresh = after.flows.filter((f) => wanted.has(f.id));
  return (
    fresh.length === ids.length &&
    fresh.every((f) => {
      const o = old.get(f.id);
      return o !== undefined && o.from === f.from && o.to === f.to && JSON.stringify(o.scope ?? null) === JSON.stringify(f.scope ?? null);
    })
  );
}

/** `rows` with the `asked` ids re-read as `fresh` (gone when not found), in id order as a full read makes it. */
function replacedById(rows: ReadonlyMap<string, Organisation>, asked: readonly string[], fresh: readonly Organisation[]): Map<string, Organisation> {
  const map = new Map(rows);
  for (const id of asked) map.delete(id);
  for (const row of fresh) map.set(row.id, row);
  return new Map([...map].sort(([a], [b]) => compareIds(a, b)));
}

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

  /** The newest snapshot whose load finished: a reload after an edit starts from it. */
  private settled: RegisterSnapshot | null = null;

  /**
   * One read of the register, the cheapest way that gives its current state:
   * 1. after an edit, the snapshot held with only the rows the change log names re-read;
   * 2. at start, the snapshot file, when it is of the register's current stamp;
   * 3. else the whole database.
   * With a snapshot file, what was read is also returned for writing (when no commit landed
   * during the read, so the file is of exactly one state).
   */
  private async read(): Promise<{ snapshot: RegisterSnapshot; report: Omit<LoadReport, "ms">; toWrite: SnapshotContent | null }> {
    const stamp = this.file ? await readRegisterStamp(this.dataSource) : null;
    const settle = (snapshot: RegisterSnapshot, source: LoadReport["source"], fileSkipped: string | null, write: boolean) => {
      this.settled = snapshot;
      const toWrite = write ? this.fileContent(snapshot, stamp) : null;
      return { snapshot, report: { source, fileSkipped, writesFile: toWrite !== null }, toWrite };
    };
    if (this.settled) {
      const patched = await readChanges(this.dataSource, this.settled);
      if (patched) return settle(patched, "changes", null, await this.unchangedSince(stamp));
    }
    let fileSkipped: string | null = null;
    if (this.file && stamp) {
      const read = await readSnapshotFile(this.file.path, stamp);
      if ("content" in read) return settle(snapshotFromFile(read.content), "snapshot file", null, false);
      fileSkipped = read.skipped;
    }
    const snapshot = await readWholeRegister(this.dataSource);
    return settle(snapshot, "database", fileSkipped, await this.unchangedSince(stamp));
  }

  /** Whether the register still has `stamp` (so what was read since is of that one state). */
  private async unchangedSince(stamp: string | null): Promise<boolean> {
    return stamp !== null && (await readRegisterStamp(this.dataSource)) === stamp;
  }

  private fileContent(snapshot: RegisterSnapshot, stamp: string | null): SnapshotContent | null {
    if (!this.file || stamp === null) return null;
    return { stamp, changeSeq: snapshot.changeSeq, data: snapshot.graph.data, order: snapshot.graph.dense, organisations: [...snapshot.organisations.values()], fields: [...snapshot.fields.values()] };
  }

  /**
   * Writes the snapshot file once the answer that needed the load has gone out (encoding a
   * national register takes the event loop for about half a second). A failure costs only the
   * next start's speed, so it is logged, not thrown.
   */
  private writeFileLater(content: SnapshotContent): void {
    const file = this.file!;
    // Edits in quick succession write the newest state once, not every state in turn.
    const queued = this.nextFile !== null;
    this.nextFile = content;
    if (queued) return;
    const previous = this.fileWrite ?? Promise.resolve();
    const write: Promise<void> = previous
      .then(() => new Promise((resolve) => setImmediate(resolve)))
      .then(async () => {
        const newest = this.nextFile!;
        this.nextFile = null;
        // Another process on the same register may have written this very state already.
        if ((await snapshotFileStamp(file.path)) !== newest.stamp) await writeSnapshotFile(file.path, newest);
      })
      .then(
        () => undefined,
        (error: Error) => file.log(`Could not write the graph snapshot file ${file.path} (${error.message}); the next start reads the database instead.`),
      )
      .finally(() => {
        if (this.fileWrite === write) this.fileWrite = null;
      });
    this.fileWrite = write;
  }

  /** The newest content waiting to be written to the snapshot file. */
  private nextFile: SnapshotContent | null = null;

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
  async preload(): Promise<{ flows: number; organisations: number; ms: number; source: LoadReport["source"]; fileSkipped: string | null; writesFile: boolean }> {
    const started = performance.now();
    const snapshot = await this.current();
    return {
      flows: snapshot.graph.data.flows.length,
      organisations: snapshot.organisations.size,
      ms: performance.now() - started,
      source: this.lastLoad?.source ?? "database",
      fileSkipped: this.lastLoad?.fileSkipped ?? null,
      writesFile: this.lastLoad?.writesFile ?? false,
    };
  }
}
