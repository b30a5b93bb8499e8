import { DataSource } from "typeorm";
import { IndexedGraph, indexGraph, RegisterGraphData, GraphFlow, Level, Basis } from "./graph";

/** Reads the whole register's graph (ids and the attributes traversal needs) in five queries. */
export async function loadGraphData(dataSource: DataSource): Promise<RegisterGraphData> {
  const organisations: { id: string }[] = await dataSource.query(`SELECT id FROM organisation`);
  const fields: { id: string; narrowerIds: string }[] = await dataSource.query(`SELECT id, narrowerIds FROM pupil_field`);
  const optOuts: { id: string; remainingFieldIds: string }[] = await dataSource.query(`SELECT id, remainingFieldIds FROM opt_out`);
  const flowRows: {
    id: string; fromId: string; toId: string; level: Level; basis: Basis; minimumAge: number | null;
    validFrom: string | null; validTo: string | null; optOutIds: string;
  }[] = await dataSource.query(`SELECT id, fromId, toId, level, basis, minimumAge, validFrom, validTo, optOutIds FROM flow`);
  const fieldRows: { flowId: string; fieldId: string }[] = await dataSource.query(`SELECT flowId, fieldId FROM flow_field`);

  const optOutById = new Map(optOuts.map((o) => [o.id, { id: o.id, remainingFieldIds: JSON.parse(o.remainingFieldIds) as string[] }]));
  const flows = new Map<string, GraphFlow>();
  for (const r of flowRows) {
    const ids: string[] = r.optOutIds === "[]" ? [] : JSON.parse(r.optOutIds);
    flows.set(r.id, {
      id: r.id, from: r.fromId, to: r.toId, fieldIds: [], level: r.level, basis: r.basis, minimumAge: r.minimumAge,
      validFrom: r.validFrom, validTo: r.validTo, optOuts: ids.flatMap((id) => (optOutById.has(id) ? [optOutById.get(id)!] : [])),
    });
  }
  for (const r of fieldRows) flows.get(r.flowId)?.fieldIds.push(r.fieldId);
  return {
    organisations,
    fields: fields.map((f) => ({ id: f.id, narrower: JSON.parse(f.narrowerIds) as string[] })),
    flows: [...flows.values()],
  };
}

/**
 * Holds the indexed snapshot of the register that chain queries traverse. It is built on first
 * use and rebuilt after any change, so every request sees a consistent graph without a query
 * per hop.
 */
export class RegisterGraphStore {
  private snapshot: Promise<IndexedGraph> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  get(): Promise<IndexedGraph> {
    if (!this.snapshot) {
      this.snapshot = loadGraphData(this.dataSource).then(indexGraph);
      // A failed load must not be cached: the next request tries again.
      this.snapshot.catch(() => (this.snapshot = null));
    }
    return this.snapshot;
  }

  /** Call after any change to organisations, fields, opt-outs or flows. */
  invalidate(): void {
    this.snapshot = null;
  }
}
