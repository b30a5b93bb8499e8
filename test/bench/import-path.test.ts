import "reflect-metadata";
import { DataSource } from "typeorm";
import { serialiseDocument } from "../../bench/generator/format";
import { nationalDocuments, planNational } from "../../bench/generator/national";
import { loadReference } from "../../bench/reference-files";
import { openDatabase } from "../../server/db/data-source";
import { loadGraphData } from "../../server/graph-store";
import { applyRegister } from "../../server/register/apply";
import { importRegisterFiles } from "../../server/register/import";
import { parseRegisterText, readRegisterFiles } from "../../server/register/parse-files";
import { describeProblem } from "../../server/register/problems";
import { validateRegister } from "../../server/register/validate";
import { openSqlRecipients } from "../../bench/sql-recipients";
import { dialectOf } from "../../server/db/dialect";
import { freshDatabaseLocation, testDatabase } from "../support/database";
import { recipientsOf, indexGraph } from "../../server/graph";
import { decodeScope } from "../../server/graph/scope-codes";
import { SEEDS_DIR } from "../support/server";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** The graph as the register read it before the national-scale rewrite: one row per flow field. */
async function naiveGraphData(dataSource: DataSource) {
  const organisationRows: Record<string, string | number | boolean | null>[] = await dataSource.query(`SELECT "id", "isRole", "instanceOfId", "area", "existedFrom", "existedTo" FROM organisation ORDER BY id`);
  const organisations = organisationRows.map((o) => ({ id: o.id, isRole: o.isRole === 1 || o.isRole === true, instanceOf: o.instanceOfId, area: o.area, existedFrom: o.existedFrom, existedTo: o.existedTo }));
  const fields: { id: string; narrowerIds: string; definition: string | null }[] = await dataSource.query(`SELECT "id", "narrowerIds", "definition" FROM pupil_field ORDER BY id`);
  const optOuts: { id: string; remainingFieldIds: string }[] = await dataSource.query(`SELECT "id", "remainingFieldIds" FROM opt_out`);
  const flowRows: Record<string, unknown>[] = await dataSource.query(
    `SELECT "id", "fromId", "toId", "level", "basis", "minimumAge", "validFrom", "validTo", "optOutIds", "optOutReceivedFrom", "scope" FROM flow ORDER BY id`,
  );
  const fieldRows: { flowId: string; fieldId: string; inclusion: string }[] = await dataSource.query(`SELECT "flowId", "fieldId", "inclusion" FROM flow_field ORDER BY "flowId", "fieldId"`);
  const optOutById = new Map(optOuts.map((o) => [o.id, { id: o.id, remainingFieldIds: JSON.parse(o.remainingFieldIds) as string[] }]));
  const flows = new Map<string, Record<string, unknown> & { fieldIds: string[]; fieldInclusion: Record<string, string> | null }>();
  for (const r of flowRows) {
    flows.set(r.id as string, {
      id: r.id, from: r.fromId, to: r.toId, fieldIds: [], fieldInclusion: null, level: r.level, basis: r.basis, minimumAge: r.minimumAge,
      validFrom: r.validFrom, validTo: r.validTo,
      optOuts: (JSON.parse(r.optOutIds as string) as string[]).flatMap((id) => {
        const receivedFrom = (JSON.parse(r.optOutReceivedFrom as string) as Record<string, string[]>)[id];
        return !optOutById.has(id) ? [] : receivedFrom ? [{ ...optOutById.get(id)!, receivedFrom }] : [optOutById.get(id)!];
      }),
      scope: r.scope === "NATIONAL" ? null : decodeScope(r.scope as string),
    });
  }
  for (const r of fieldRows) {
    const flow = flows.get(r.flowId);
    if (!flow) continue;
    flow.fieldIds.push(r.fieldId);
    if (r.inclusion !== "INCLUDED") flow.fieldInclusion = { ...flow.fieldInclusion, [r.fieldId]: r.inclusion };
  }
  return {
    organisations,
    fields: fields.map((f) => ({ id: f.id, narrower: JSON.parse(f.narrowerIds), itemised: f.definition ? Object.keys(JSON.parse(f.definition).items) : [] })),
    flows: [...flows.values()],
  };
}

/** The secondary indexes, as the database would create them again. */
function indexDefinitions(dataSource: DataSource): Promise<{ name: string; sql: string }[]> {
  return dialectOf(dataSource) === "postgres"
    ? dataSource.query(`SELECT indexname AS name, indexdef AS sql FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname`)
    : dataSource.query(`SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name`);
}

// Imports of 500-600 generated schools: about 8 s each alone, several times that on a busy machine.
jest.setTimeout(120_000);

describe("the import and snapshot path at scale", () => {
  it("reads the seed register's graph exactly as one row per flow field would", async () => {
    const dataSource = await testDatabase();
    await importRegisterFiles(dataSource, [SEEDS_DIR]);
    const graph = await loadGraphData(dataSource);
    expect(graph).toEqual(await naiveGraphData(dataSource));
    expect(graph.flows.length).toBeGreaterThan(50);
    await dataSource.destroy();
  });

  it("imports a generated register (with the indexes rebuilt after a large load), reads it back whole, and agrees with the recursive SQL", async () => {
    const folder = mkdtempSync(join(tmpdir(), "onward-national-"));
    try {
      const plan = planNational(loadReference(), { schools: 600, seed: 5 });
      for (const doc of nationalDocuments(plan)) {
        mkdirSync(dirname(join(folder, doc.path)), { recursive: true });
        writeFileSync(join(folder, doc.path), serialiseDocument(doc.content));
      }
      const databasePath = await freshDatabaseLocation(join(folder, "register.sqlite"));
      const dataSource = await openDatabase(databasePath);
      const indexesBefore = await indexDefinitions(dataSource);
      const summary = await importRegisterFiles(dataSource, [folder]);
      expect(summary.flows).toBeGreaterThan(10000);
      // The schema is the same after the indexes were dropped and created again.
      expect(await indexDefinitions(dataSource)).toEqual(indexesBefore);
      // (enough new rows that the indexes were dropped and created again)
      const [{ n }] = await dataSource.query(`SELECT (SELECT COUNT(*) FROM flow) * 2 + (SELECT COUNT(*) FROM flow_field) AS n`);
      expect(Number(n)).toBeGreaterThan(100000);
      // Values keep their types through the JSON batches.
      if (dialectOf(dataSource) === "postgres") {
        const [flow] = await dataSource.query(`SELECT pg_typeof("minimumAge")::text AS age, "onRequest", purposes FROM flow WHERE "minimumAge" IS NOT NULL LIMIT 1`);
        expect(flow).toMatchObject({ age: "integer", onRequest: expect.any(Boolean) });
        expect(JSON.parse(flow.purposes)).toEqual(expect.any(Array));
      } else {
        const [flow] = await dataSource.query(`SELECT typeof(minimumAge) AS age, typeof(onRequest) AS onRequest, purposes FROM flow WHERE minimumAge IS NOT NULL LIMIT 1`);
        expect(flow).toMatchObject({ age: "integer", onRequest: "integer" });
        expect(JSON.parse(flow.purposes)).toEqual(expect.any(Array));
      }

      const data = await loadGraphData(dataSource);
      expect(data).toEqual(await naiveGraphData(dataSource));

      const sql = await openSqlRecipients(databasePath);
      const graph = indexGraph(data);
      for (const school of plan.schools.slice(0, 5)) {
        const onward = recipientsOf(graph, school.id, { field: "ethnicity", maxHops: 6 }).recipients;
        const bySql = await sql.recipients(school.id, "ethnicity", 6);
        expect(new Map(onward.map((r) => [r.organisation, r.hops]))).toEqual(bySql.hops);
      }
      await sql.close();
      await dataSource.destroy();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("rolls a failed large write back whole, indexes included", async () => {
    const dataSource = await testDatabase();
    const plan = planNational(loadReference(), { schools: 500, seed: 2 });
    const files = [...nationalDocuments(plan)].map((d) => parseRegisterText(d.path, serialiseDocument(d.content)).parsed!);
    const { content, problems } = validateRegister(files);
    expect(problems).toEqual([]);
    const indexes = await indexDefinitions(dataSource);
    // A flow repeated at the very end fails the primary key after everything else was written.
    const broken = { ...content, flows: [...content.flows, ...content.flows.slice(0, 1)] };
    // (enough new rows that the indexes are dropped first and must come back)
    expect(content.flows.length * 2 + content.flows.reduce((a, f) => a + f.fields.length, 0)).toBeGreaterThan(100000);
    await expect(applyRegister(dataSource, broken)).rejects.toThrow(/UNIQUE|duplicate key/);
    const [{ n }] = await dataSource.query(`SELECT COUNT(*) AS n FROM flow`);
    expect(Number(n)).toBe(0);
    expect(await indexDefinitions(dataSource)).toEqual(indexes);
    await dataSource.destroy();
  });
});

describe("the JSON fast path of the import", () => {
  const base = {
    notice: { id: "n", title: "A notice", publisher: "a" },
    organisations: [
      { id: "a", name: "A", kind: "SCHOOL" },
      { id: "b", name: "B", kind: "LOCAL_AUTHORITY" },
    ],
    fields: [{ id: "f", label: "F", category: "OTHER" }],
    flows: [{ id: "x", from: "a", to: "b", fields: ["f"], level: "INDIVIDUAL", basis: "STATED", citations: [{ quote: "Q." }] }],
  };
  const text = serialiseDocument(base as never);

  it("reads valid JSON and reports a problem with its line, found when asked", () => {
    const broken = text.replace('"to":"b"', '"to":"nobody"');
    const { parsed, problems } = parseRegisterText("national/x.json", broken);
    expect(problems).toEqual([]);
    const result = validateRegister([parsed!]);
    expect(result.problems.map(describeProblem)).toEqual([
      expect.stringMatching(/^national\/x\.json:11:\d+ flows\[0\]\.to: unknown organisation `nobody`/),
    ]);
  });

  it("refuses a repeated key, as the YAML parser does", () => {
    const repeated = text.replace('"id":"x",', '"id":"x","id":"y",');
    const { parsed, problems } = parseRegisterText("x.json", repeated);
    expect(parsed).toBeNull();
    expect(problems).toEqual([expect.objectContaining({ file: "x.json", line: 11, message: expect.stringMatching(/not valid YAML.*unique/i) })]);
  });

  it("reports invalid JSON with its line", () => {
    const { parsed, problems } = parseRegisterText("x.json", text.replace('"kind":"SCHOOL"}', '"kind":"SCHOOL"'));
    expect(parsed).toBeNull();
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ file: "x.json", line: expect.any(Number) });
  });

  it("reads the same data as the YAML parser", () => {
    const folder = mkdtempSync(join(tmpdir(), "onward-json-"));
    try {
      writeFileSync(join(folder, "a.json"), text);
      writeFileSync(join(folder, "a.yaml"), text);
      const { files } = readRegisterFiles([folder], folder);
      expect(files.map((f) => f.file)).toEqual(["a.json", "a.yaml"]);
      expect(files[0].data).toEqual(files[1].data);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
