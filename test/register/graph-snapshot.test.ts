import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataSource } from "typeorm";
import { withIndexesDeferred } from "../../server/db/bulk-insert";
import { readRegisterStamp } from "../../server/db/change-feed";
import { WriteQueue } from "../../server/db/write-queue";
import { Organisation, PupilField } from "../../server/entities";
import { indexGraph, recipientsOf, sourcesOf, type RegisterGraphData } from "../../server/graph";
import { loadGraphData, RegisterGraphStore } from "../../server/graph-store";
import { copyFlow } from "../../server/graph/flow-copy";
import { decodeSnapshot, encodeSnapshot, readSnapshotHeader, SNAPSHOT_FORMAT, SnapshotFormatError } from "../../server/snapshot/codec";
import { LazyRowMap } from "../../server/snapshot/lazy-rows";
import { snapshotPathFor } from "../../server/snapshot/snapshot-file";
import { testDialect } from "../support/database";
import { seededDatabase } from "../support/server";

jest.setTimeout(60_000);

let folder: string;
beforeAll(() => (folder = mkdtempSync(join(tmpdir(), "onward-snapshot-"))));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A store keeping its snapshot in a file of its own, logging what it says. */
function storeWithFile(dataSource: DataSource, path: string, writes = new WriteQueue(dataSource)) {
  const said: string[] = [];
  return { store: new RegisterGraphStore(dataSource, writes, { path, log: (m) => said.push(m) }), said, writes };
}

/**
 * The graph data with every flow a plain object, comparable with toEqual: a flow read from the
 * file keeps its properties as getters (server/snapshot/flow-columns.ts), which toEqual does not see.
 */
function plain(data: RegisterGraphData): RegisterGraphData {
  return { ...data, flows: data.flows.map((flow) => copyFlow(flow, {})) };
}

/** Everything the algorithms and the API read of a snapshot, comparable with toEqual. */
function comparable(data: RegisterGraphData) {
  const graph = indexGraph(data);
  return { data: plain(data), order: [graph.dense.organisationOrder, graph.dense.outOffsets, graph.dense.outFlows, graph.dense.inOffsets, graph.dense.inFlows].map((a) => Array.from(a)) };
}

describe("the graph snapshot's encoding", () => {
  it("gives back exactly the seed register's graph, sorted order and API rows", async () => {
    const dataSource = await seededDatabase();
    try {
      const data = await loadGraphData(dataSource);
      const graph = indexGraph(data);
      const organisations = await dataSource.getRepository(Organisation).find({ order: { id: "ASC" } });
      const fields = await dataSource.getRepository(PupilField).find({ order: { id: "ASC" } });
      const stamp = await readRegisterStamp(dataSource);
      const bytes = await encodeSnapshot({ stamp, changeSeq: 7, data, order: graph.dense, organisations, fields });
      const decoded = decodeSnapshot(bytes);
      expect(decoded.stamp).toBe(stamp);
      expect(decoded.changeSeq).toBe(7);
      expect(plain(decoded.data)).toEqual(data);
      // Not the plain objects themselves: the flows are read from the file's columns.
      expect(decoded.data).not.toEqual(data);
      expect(comparable(decoded.data)).toEqual(comparable(data));
      expect(Array.from(decoded.order.outFlows)).toEqual(Array.from(graph.dense.outFlows));
      expect(Array.from(decoded.order.inFlows)).toEqual(Array.from(graph.dense.inFlows));
      expect([...new LazyRowMap(decoded.organisations, (row) => row).values()]).toEqual(JSON.parse(JSON.stringify(organisations)));
      expect(decoded.fields).toEqual(JSON.parse(JSON.stringify(fields)));
      // Answers from the decoded graph (with its stored order) are the database graph's, for every organisation.
      const fromFile = indexGraph(decoded.data, decoded.order, decoded.known);
      // The ends the file numbers are those a lookup numbers.
      expect(Array.from(fromFile.dense.flowFrom)).toEqual(Array.from(graph.dense.flowFrom));
      expect(Array.from(fromFile.dense.flowTo)).toEqual(Array.from(graph.dense.flowTo));
      expect(Array.from(decoded.known.from)).toEqual(Array.from(graph.dense.flowFrom.subarray(0, data.flows.length)));
      for (const { id } of data.organisations) {
        expect(recipientsOf(fromFile, id, { field: "ethnicity" })).toEqual(recipientsOf(graph, id, { field: "ethnicity" }));
        expect(sourcesOf(fromFile, id, {})).toEqual(sourcesOf(graph, id, {}));
      }
    } finally {
      await dataSource.destroy();
    }
  });

  it("refuses damaged bytes with SnapshotFormatError instead of giving a wrong graph", async () => {
    const data: RegisterGraphData = {
      organisations: [{ id: "a", isRole: false, instanceOf: null, area: null, existedFrom: null, existedTo: null }, { id: "b", isRole: false, instanceOf: null, area: null, existedFrom: null, existedTo: null }],
      fields: [{ id: "f", narrower: [], itemised: [] }],
      flows: [{ id: "a-b", from: "a", to: "b", fieldIds: ["f"], fieldInclusion: null, level: "INDIVIDUAL", basis: "STATED", minimumAge: 13, validFrom: "2020-01-01", validTo: null, optOuts: [], scope: null }],
    };
    const bytes = await encodeSnapshot({ stamp: "1:x", changeSeq: 0, data, order: indexGraph(data).dense, organisations: [], fields: [] });
    expect(plain(decodeSnapshot(bytes).data)).toEqual(data);
    expect(() => decodeSnapshot(bytes.subarray(0, bytes.length - 9))).toThrow(SnapshotFormatError);
    const truncatedMidway = bytes.subarray(0, Math.floor(bytes.length / 2));
    expect(() => decodeSnapshot(truncatedMidway)).toThrow(SnapshotFormatError);
    // An organisation's row is parsed only when asked for, so its bytes are checked (CRC-32) at decoding.
    const rows = [{ id: "a", name: "Alpha" }, { id: "b", name: "Beta" }];
    const withRows = await encodeSnapshot({ stamp: "1:x", changeSeq: 0, data, order: indexGraph(data).dense, organisations: rows, fields: [] });
    expect([...new LazyRowMap(decodeSnapshot(withRows).organisations, (row) => row).values()]).toEqual(rows);
    const renamed = Buffer.from(withRows);
    renamed.write("Alphb", renamed.indexOf("Alpha"));
    expect(() => decodeSnapshot(renamed)).toThrow(new SnapshotFormatError("the rows are damaged"));
    expect(readSnapshotHeader(Buffer.from("not a snapshot at all"))).toBeNull();
  });
});

describe("where the snapshot file is kept", () => {
  it("beside a SQLite file, under data/snapshots for PostgreSQL (without the password), nowhere for :memory: or when turned off", () => {
    expect(snapshotPathFor("/srv/onward/register.sqlite", undefined, "/p")).toBe("/srv/onward/register.sqlite.graph");
    expect(snapshotPathFor(":memory:", undefined, "/p")).toBeNull();
    expect(snapshotPathFor("/srv/onward/register.sqlite", "off", "/p")).toBeNull();
    expect(snapshotPathFor("/srv/onward/register.sqlite", "/tmp/x.graph", "/p")).toBe("/tmp/x.graph");
    const pg = snapshotPathFor("postgres://onward:secret@db.example:5432/register", undefined, "/p")!;
    expect(pg).toMatch(/^\/p\/data\/snapshots\/register-[0-9a-f]{12}\.graph$/);
    expect(pg).toBe(snapshotPathFor("postgres://onward:other@db.example:5432/register", undefined, "/p"));
    expect(pg).not.toBe(snapshotPathFor("postgres://onward:secret@db.example:5432/other", undefined, "/p"));
  });
});

describe("the snapshot file across starts", () => {
  it("is written after the first load from the database, used by the next start, and not used once the register changes", async () => {
    const dataSource = await seededDatabase();
    const path = join(folder, `store-${testDialect}.graph`);
    try {
      const first = storeWithFile(dataSource, path);
      const loaded = await first.store.preload();
      expect(loaded).toMatchObject({ source: "database", fileSkipped: "no snapshot file yet", writesFile: true });
      await first.store.fileWrite;
      expect(statSync(path).size).toBeGreaterThan(1000);
      expect(first.said).toEqual([]);

      // A second start: the file, with the same answers and API rows.
      const second = storeWithFile(dataSource, path);
      expect(await second.store.preload()).toMatchObject({ source: "snapshot file", fileSkipped: null, writesFile: false, flows: loaded.flows, organisations: loaded.organisations });
      const [a, b] = [await first.store.current(), await second.store.current()];
      expect(plain(b.graph.data)).toEqual(a.graph.data);
      expect([...b.organisations.keys()]).toEqual([...a.organisations.keys()]);
      expect([...b.organisations.values()]).toEqual([...a.organisations.values()]);
      expect(recipientsOf(b.graph, "stokes-wood-primary-school", { field: "ethnicity" })).toEqual(recipientsOf(a.graph, "stokes-wood-primary-school", { field: "ethnicity" }));
      const dfe = b.organisations.get("dfe")!;
      expect(dfe).toBeInstanceOf(Organisation);
      expect(dfe).toEqual(a.organisations.get("dfe"));
      expect(b.fields.get("ethnicity")).toBeInstanceOf(PupilField);
      expect(b.fields.get("ethnicity")).toEqual(a.fields.get("ethnicity"));

      // A change through the register renews the stamp: the file is of an older state, so the
      // next start reads the database (and writes the file again).
      const stampBefore = await readRegisterStamp(dataSource);
      await first.writes.run((manager) => manager.query(`UPDATE organisation SET name = 'Department for Education (renamed)' WHERE id = 'dfe'`));
      expect(await readRegisterStamp(dataSource)).not.toBe(stampBefore);
      const third = storeWithFile(dataSource, path);
      expect(await third.store.preload()).toMatchObject({ source: "database", fileSkipped: "the register has changed since the snapshot file was written" });
      expect((await third.store.current()).organisations.get("dfe")!.name).toBe("Department for Education (renamed)");
      await third.store.fileWrite;
      const fourth = storeWithFile(dataSource, path);
      expect(await fourth.store.preload()).toMatchObject({ source: "snapshot file" });
      expect((await fourth.store.current()).organisations.get("dfe")!.name).toBe("Department for Education (renamed)");
    } finally {
      await dataSource.destroy();
    }
  });

  it("renews the stamp for a change made outside the server (another tool's SQL), for every register table", async () => {
    const dataSource = await seededDatabase();
    try {
      const changes = [
        `UPDATE organisation SET website = 'https://example.org' WHERE id = 'dfe'`,
        `UPDATE pupil_field SET label = 'Ethnic group' WHERE id = 'ethnicity'`,
        `UPDATE notice SET title = title || ' (copy)' WHERE id IN (SELECT id FROM notice ORDER BY id LIMIT 1)`,
        `UPDATE opt_out SET note = 'changed' WHERE id IN (SELECT id FROM opt_out ORDER BY id LIMIT 1)`,
        `UPDATE flow SET conditions = 'changed' WHERE id IN (SELECT id FROM flow ORDER BY id LIMIT 1)`,
        `DELETE FROM flow_field WHERE "flowId" IN (SELECT id FROM flow ORDER BY id LIMIT 1) AND "fieldId" IN (SELECT "fieldId" FROM flow_field ORDER BY "flowId", "fieldId" LIMIT 1)`,
        `UPDATE citation SET quote = quote WHERE "rowId" IN (SELECT "rowId" FROM citation ORDER BY "rowId" LIMIT 1)`,
        `UPDATE holding SET note = 'changed' WHERE id IN (SELECT id FROM holding ORDER BY id LIMIT 1)`,
      ];
      for (const sql of changes) {
        const before = await readRegisterStamp(dataSource);
        await dataSource.query(sql);
        expect([sql, await readRegisterStamp(dataSource)]).not.toEqual([sql, before]);
      }
    } finally {
      await dataSource.destroy();
    }
  });

  it("keeps the stamp's triggers through a bulk load that drops them, and renews the stamp once", async () => {
    const dataSource = await seededDatabase();
    try {
      const triggers = () =>
        testDialect === "postgres"
          ? dataSource.query(`SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`)
          : dataSource.query(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`);
      const before = await triggers();
      expect(before.length).toBeGreaterThanOrEqual(8);
      const stamp = await readRegisterStamp(dataSource);
      const writes = new WriteQueue(dataSource);
      // Told it is a large load, so the indexes and (on SQLite) the stamp's triggers are dropped for it.
      await writes.run((manager) => withIndexesDeferred(manager, ["organisation", "flow"], 1_000_000, () => manager.query(`UPDATE organisation SET website = 'https://bulk.example' WHERE id = 'dfe'`)));
      expect(await triggers()).toEqual(before);
      expect(await readRegisterStamp(dataSource)).not.toBe(stamp);
    } finally {
      await dataSource.destroy();
    }
  });

  it("removes a temporary file that a writer killed before renaming it left behind, and no younger one", async () => {
    const dataSource = await seededDatabase();
    const path = join(folder, `temporaries-${testDialect}.graph`);
    const abandoned = `${path}.4242.1.tmp`;
    const inProgress = `${path}.4343.2.tmp`;
    try {
      writeFileSync(abandoned, "half a snapshot");
      writeFileSync(inProgress, "another writer's, still being written");
      const hourAgo = new Date(Date.now() - 3_600_000);
      utimesSync(abandoned, hourAgo, hourAgo);
      const { store } = storeWithFile(dataSource, path);
      await store.preload();
      await store.fileWrite;
      expect(existsSync(path)).toBe(true);
      expect(existsSync(abandoned)).toBe(false);
      expect(existsSync(inProgress)).toBe(true);
    } finally {
      await dataSource.destroy();
    }
  });

  it("ignores a damaged or foreign file, reads the database and writes a good file again", async () => {
    const dataSource = await seededDatabase();
    const path = join(folder, `damaged-${testDialect}.graph`);
    try {
      const first = storeWithFile(dataSource, path);
      await first.store.preload();
      await first.store.fileWrite;
      const good = readFileSync(path);
      // Cut short after its header (a disk that filled up; the writer itself renames only whole files).
      writeFileSync(path, good.subarray(0, good.length - 1000));
      const second = storeWithFile(dataSource, path);
      const loaded = await second.store.preload();
      expect(loaded.source).toBe("database");
      expect(loaded.fileSkipped).toMatch(/^the snapshot file could not be read \(/);
      await second.store.fileWrite;
      expect(readFileSync(path).length).toBe(good.length);
      writeFileSync(path, "some other file");
      expect(await storeWithFile(dataSource, path).store.preload()).toMatchObject({ source: "database", fileSkipped: "the snapshot file is not one" });
    } finally {
      await dataSource.destroy();
    }
  });
});

describe("a snapshot file of an older format", () => {
  it("is not used, and is replaced by one of this format even though the register has not changed", async () => {
    const dataSource = await seededDatabase();
    const path = join(folder, `older-format-${testDialect}.graph`);
    try {
      const first = storeWithFile(dataSource, path);
      await first.store.preload();
      await first.store.fileWrite;
      const good = readFileSync(path);
      // The same register state, written by an older Onward: only the header's format differs.
      const older = Buffer.from(good);
      const at = older.indexOf(`"format":${SNAPSHOT_FORMAT},`);
      expect(at).toBeGreaterThan(0);
      older.write(`"format":${SNAPSHOT_FORMAT - 1},`, at);
      writeFileSync(path, older);
      const second = storeWithFile(dataSource, path);
      expect(await second.store.preload()).toMatchObject({ source: "database", fileSkipped: `the snapshot file is of format ${SNAPSHOT_FORMAT - 1}, not ${SNAPSHOT_FORMAT}`, writesFile: true });
      await second.store.fileWrite;
      expect(readFileSync(path).equals(good)).toBe(true);
      expect(await storeWithFile(dataSource, path).store.preload()).toMatchObject({ source: "snapshot file" });
    } finally {
      await dataSource.destroy();
    }
  });
});

describe("a reload after an edit", () => {
  /** A small seeded random stream, so a failure can be replayed. */
  function random(seed: number) {
    let s = seed >>> 0;
    const next = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] };
  }

  /** Random edits of every kind the graph reads, as another tool's SQL would make them. */
  async function randomEdits(dataSource: DataSource, rng: ReturnType<typeof random>, round: number): Promise<string[]> {
    const ids = async (sql: string) => (await dataSource.query(sql)).map((r: { id: string }) => r.id) as string[];
    const flows = await ids(`SELECT id FROM flow ORDER BY id`);
    const organisations = await ids(`SELECT id FROM organisation ORDER BY id`);
    const fields = await ids(`SELECT id FROM pupil_field ORDER BY id`);
    const optOuts = await ids(`SELECT id FROM opt_out ORDER BY id`);
    const q = (value: string) => `'${value.replace(/'/g, "''")}'`;
    const edits: (() => string)[] = [
      () => `UPDATE flow SET level = ${q(rng.pick(["INDIVIDUAL", "AGGREGATE", "NOT_STATED", "ANONYMISED"]))} WHERE id = ${q(rng.pick(flows))}`,
      () => `UPDATE flow SET "validTo" = '2016-08-31', "minimumAge" = 11 WHERE id = ${q(rng.pick(flows))}`,
      () => {
        const flow = rng.pick(flows);
        return `DELETE FROM flow_field WHERE "flowId" = ${q(flow)} AND "fieldId" IN (SELECT "fieldId" FROM flow_field WHERE "flowId" = ${q(flow)} ORDER BY "fieldId" LIMIT 1)`;
      },
      () => {
        const flow = rng.pick(flows);
        return `INSERT INTO flow_field ("flowId", "fieldId", "inclusion") SELECT ${q(flow)}, ${q(rng.pick(fields))}, ${q(rng.pick(["INCLUDED", "OPTIONAL", "POSSIBLE"]))} WHERE NOT EXISTS (SELECT 1 FROM flow_field WHERE "flowId" = ${q(flow)} AND "fieldId" = ${q(fields[round % fields.length])}) AND ${q(rng.pick(fields))} = ${q(fields[round % fields.length])}`;
      },
      () => {
        // A new flow (copied from one) whose id sorts first, last or in between.
        const template = rng.pick(flows);
        const id = `${rng.pick(["0", "m", "zz"])}-new-flow-${round}-${Math.floor(rng.next() * 1e6)}`;
        return `INSERT INTO flow (id, "fromId", "toId", purposes, "lawfulBasis", level, conditions, "minimumAge", "onRequest", "optOutIds", approval, basis, "inferenceNote", "validFrom", "validTo", "optOutReceivedFrom", scope, "recipientRole", "actsForId", "conflictsWith")
                SELECT ${q(id)}, ${q(rng.pick(organisations))}, "toId", purposes, "lawfulBasis", level, conditions, "minimumAge", "onRequest", "optOutIds", approval, basis, "inferenceNote", "validFrom", "validTo", "optOutReceivedFrom", scope, "recipientRole", "actsForId", "conflictsWith" FROM flow WHERE id = ${q(template)}`;
      },
      () => {
        const flow = rng.pick(flows);
        return `DELETE FROM flow WHERE id = ${q(flow)}`;
      },
      () => `UPDATE organisation SET "existedTo" = '2019-12-31' WHERE id = ${q(rng.pick(organisations))}`,
      () => `INSERT INTO organisation (id, name, kind, aliases, "predecessorIds", "aliasBasis", "predecessorBasis", "isUnnamed", "isRole") VALUES (${q(`new-org-${round}-${Math.floor(rng.next() * 1e6)}`)}, 'A new body', 'OTHER', '[]', '[]', '{}', '{}', false, false)`,
      () => `UPDATE opt_out SET "remainingFieldIds" = ${q(JSON.stringify([rng.pick(fields)]))} WHERE id = ${q(rng.pick(optOuts))}`,
      () => `UPDATE pupil_field SET "narrowerIds" = '[]' WHERE id = ${q(rng.pick(fields))}`,
      () => `UPDATE notice SET title = title || '.' WHERE id IN (SELECT id FROM notice ORDER BY id LIMIT 1)`,
    ];
    return Array.from({ length: 1 + Math.floor(rng.next() * 4) }, () => rng.pick(edits)());
  }

  it.each(["the database", "the snapshot file"])("re-reads only what the change log names, and gives exactly what a full read gives, over random edits, after a start from %s", async (start) => {
    const dataSource = await seededDatabase();
    try {
      const writes = new WriteQueue(dataSource);
      const path = join(folder, `edits-${testDialect}.graph`);
      if (start === "the snapshot file") {
        const first = storeWithFile(dataSource, path, writes).store;
        await first.preload();
        await first.fileWrite;
      }
      // Patched from flows that read the file's columns and organisation rows parsed on demand, too.
      const store = start === "the snapshot file" ? storeWithFile(dataSource, path, writes).store : new RegisterGraphStore(dataSource, writes);
      expect((await store.preload()).source).toBe(start === "the snapshot file" ? "snapshot file" : "database");
      const rng = random(20261201);
      let patched = 0;
      for (let round = 0; round < 25; round++) {
        const edits = await randomEdits(dataSource, rng, round);
        await writes.run(async (manager) => {
          for (const sql of edits) await manager.query(sql);
        });
        const incremental = await store.current();
        expect(store.lastLoad!.source).toBe("changes");
        patched++;
        const data = await loadGraphData(dataSource);
        // The same graph, organisations and fields as a full read, edit after edit.
        expect([edits, plain(incremental.graph.data)]).toEqual([edits, data]);
        const full = indexGraph(data);
        expect(Array.from(incremental.graph.dense.outFlows)).toEqual(Array.from(full.dense.outFlows));
        const organisations = await dataSource.getRepository(Organisation).find({ order: { id: "ASC" } });
        expect([...incremental.organisations.values()]).toEqual(organisations);
        const fields = await dataSource.getRepository(PupilField).find({ order: { id: "ASC" } });
        expect([...incremental.fields.values()]).toEqual(fields);
        for (const from of ["stokes-wood-primary-school", "la", "dfe"]) {
          expect(recipientsOf(incremental.graph, from, { field: "ethnicity" })).toEqual(recipientsOf(full, from, { field: "ethnicity" }));
        }
      }
      expect(patched).toBe(25);
    } finally {
      await dataSource.destroy();
    }
  });

  it("reads everything after a bulk load (which logs no rows) or once the log was pruned past the snapshot", async () => {
    const dataSource = await seededDatabase();
    try {
      const writes = new WriteQueue(dataSource);
      const store = new RegisterGraphStore(dataSource, writes);
      await store.preload();
      await writes.run((manager) => withIndexesDeferred(manager, ["organisation", "flow"], 1_000_000, () => manager.query(`UPDATE organisation SET name = 'Bulk' WHERE id = 'dfe'`)));
      expect((await store.current()).organisations.get("dfe")!.name).toBe("Bulk");
      expect(store.lastLoad!.source).toBe("database");
      await writes.run((manager) => manager.query(`UPDATE organisation SET name = 'Edited' WHERE id = 'dfe'`));
      expect((await store.current()).organisations.get("dfe")!.name).toBe("Edited");
      expect(store.lastLoad!.source).toBe("changes");
      await writes.run(async (manager) => {
        await manager.query(`UPDATE organisation SET name = 'Pruned' WHERE id = 'dfe'`);
        await manager.query(`UPDATE register_version SET "prunedThrough" = (SELECT max(seq) FROM register_change)`);
      });
      expect((await store.current()).organisations.get("dfe")!.name).toBe("Pruned");
      expect(store.lastLoad!.source).toBe("database");
    } finally {
      await dataSource.destroy();
    }
  });
});
