import { compareIds } from "./compare-ids";
import { buildDenseAdjacency, type DenseAdjacency } from "./dense-adjacency";
import type { FieldCoverage } from "./field-coverage";
import type { GraphFlow, RegisterGraphData } from "./types";
import type { VerdictTable } from "./verdict-table";

/**
 * A register snapshot with the lookups the algorithms need. Built once per register change
 * by `indexGraph`; every request then only reads it (apart from the lazily filled field
 * coverage and verdict caches, which depend on the snapshot and the filters alone and so are
 * safe to share).
 */
export interface IndexedGraph {
  readonly data: RegisterGraphData;
  readonly organisationIds: ReadonlySet<string>;
  readonly fieldIds: ReadonlySet<string>;
  readonly flowsById: ReadonlyMap<string, GraphFlow>;
  /** flows leaving each organisation, sorted by (to, id) so traversals are deterministic */
  readonly flowsFrom: ReadonlyMap<string, readonly GraphFlow[]>;
  /** flows arriving at each organisation, sorted by (from, id) */
  readonly flowsInto: ReadonlyMap<string, readonly GraphFlow[]>;
  /** field id -> ids of the fields directly under it */
  readonly narrowerOf: ReadonlyMap<string, readonly string[]>;
  /** field id -> ids of the umbrella fields directly above it */
  readonly broaderOf: ReadonlyMap<string, readonly string[]>;
  /** field id -> its coverage; filled on first use by `fieldCoverage` */
  readonly coverageCache: Map<string, FieldCoverage>;
  /** filters key -> each flow's verdict under those filters; filled on use by `verdictTable` */
  readonly verdictCache: Map<string, VerdictTable>;
  /** the same adjacency, numbered, for the recipients/sources search */
  readonly dense: DenseAdjacency;
}

/** Builds the adjacency and field lookups for a register snapshot. */
export function indexGraph(data: RegisterGraphData): IndexedGraph {
  const flowsById = new Map<string, GraphFlow>();
  const flowsFrom = new Map<string, GraphFlow[]>();
  const flowsInto = new Map<string, GraphFlow[]>();
  for (const flow of data.flows) {
    flowsById.set(flow.id, flow);
    appendTo(flowsFrom, flow.from, flow);
    appendTo(flowsInto, flow.to, flow);
  }
  for (const flows of flowsFrom.values()) {
    flows.sort((a, b) => compareIds(a.to, b.to) || compareIds(a.id, b.id));
  }
  for (const flows of flowsInto.values()) {
    flows.sort((a, b) => compareIds(a.from, b.from) || compareIds(a.id, b.id));
  }

  const narrowerOf = new Map<string, string[]>();
  const broaderOf = new Map<string, string[]>();
  for (const field of data.fields) {
    for (const child of field.narrower) {
      appendTo(narrowerOf, field.id, child);
      appendTo(broaderOf, child, field.id);
    }
  }

  const organisationIds = new Set(data.organisations.map((o) => o.id));
  return {
    data,
    organisationIds,
    fieldIds: new Set(data.fields.map((f) => f.id)),
    flowsById,
    flowsFrom,
    flowsInto,
    narrowerOf,
    broaderOf,
    coverageCache: new Map(),
    verdictCache: new Map(),
    dense: buildDenseAdjacency(organisationIds, data.flows, flowsFrom, flowsInto),
  };
}

function appendTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
