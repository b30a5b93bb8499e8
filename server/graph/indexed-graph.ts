import { ADMITTED_ENTRIES_KEPT, type EntryBudget } from "./admitted-rows";
import { buildDenseAdjacency, type DenseAdjacency, type DenseOrder, type KnownEnds } from "./dense-adjacency";
import type { FieldCoverage } from "./field-coverage";
import { copyFlow } from "./flow-copy";
import { boundedByLifetimes } from "./lifetimes";
import { boundOptOutsOf } from "./received-from";
import { buildScopeModel, inheritedFlows, type ScopeModel } from "./scopes";
import type { GraphFlow, GraphOrganisation, RegisterGraphData } from "./types";
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
  readonly organisationsById: ReadonlyMap<string, GraphOrganisation>;
  readonly fieldIds: ReadonlySet<string>;
  /** each flow as traversal sees it: validity narrowed to its ends' lifetimes (built on first use) */
  readonly flowsById: ReadonlyMap<string, GraphFlow>;
  /**
   * flows leaving each organisation, sorted by (to, id) so traversals are deterministic; a named
   * instance's list includes the flows it inherits from its role (copies marked `inheritedFrom`)
   */
  readonly flowsFrom: ReadonlyMap<string, readonly GraphFlow[]>;
  /** flows arriving at each organisation, sorted by (from, id) */
  readonly flowsInto: ReadonlyMap<string, readonly GraphFlow[]>;
  /** field id -> ids of the fields directly under it */
  readonly narrowerOf: ReadonlyMap<string, readonly string[]>;
  /** field id -> ids of the umbrella fields directly above it */
  readonly broaderOf: ReadonlyMap<string, readonly string[]>;
  /** field id -> ids of the umbrellas a reference source says certainly contain it */
  readonly itemisedIn: ReadonlyMap<string, readonly string[]>;
  /** field id -> its coverage; filled on first use by `fieldCoverage` */
  readonly coverageCache: Map<string, FieldCoverage>;
  /** filters key -> each flow's verdict under those filters; filled on use by `verdictTable` */
  readonly verdictCache: Map<string, VerdictTable>;
  /** room left for the admitted rows of the tables in `verdictCache` (see admitted-rows.ts) */
  readonly admittedEntriesLeft: EntryBudget;
  /** the same adjacency, numbered, for the recipients/sources search */
  readonly dense: DenseAdjacency;
  /** roles, instances and scopes over the dense numbering */
  readonly scopes: ScopeModel;
  /** opt-outs that bind only what was received, with their sender sets (see received-from.ts) */
  readonly boundOptOuts: readonly { optOut: string; ids: readonly string[]; key: string }[];
}

/**
 * Builds the adjacency and field lookups for a register snapshot. `order` is the sorting a
 * previous `indexGraph` of the same data did (`graph.dense`, persisted by server/snapshot):
 * with it, nothing is sorted again. `known` gives the flows' ends as numbers where the caller
 * has them (see KnownEnds).
 */
export function indexGraph(data: RegisterGraphData, order?: DenseOrder, known?: KnownEnds): IndexedGraph {
  const organisationsById = new Map(data.organisations.map((o) => [o.id, o]));
  const traversed = flowsAsTraversed(data, organisationsById);
  const organisationIds = new Set(data.organisations.map((o) => o.id));
  const dense = buildDenseAdjacency(organisationIds, traversed, order, known);
  let flowsById: Map<string, GraphFlow> | null = null;
  let flowsFrom: Map<string, GraphFlow[]> | null = null;
  let flowsInto: Map<string, GraphFlow[]> | null = null;

  const narrowerOf = new Map<string, string[]>();
  const broaderOf = new Map<string, string[]>();
  const itemisedIn = new Map<string, string[]>();
  for (const field of data.fields) {
    for (const child of field.narrower) {
      appendTo(narrowerOf, field.id, child);
      appendTo(broaderOf, child, field.id);
    }
    for (const child of field.itemised ?? []) appendTo(itemisedIn, child, field.id);
  }

  return {
    data,
    organisationIds,
    organisationsById,
    fieldIds: new Set(data.fields.map((f) => f.id)),
    // Built on first use: few questions need it, and 600,000 string keys cost half a second.
    get flowsById() {
      flowsById ??= new Map(traversed.flatMap((flow) => (flow.inheritedFrom === undefined ? [[flow.id, flow] as const] : [])));
      return flowsById;
    },
    // Built on first use: only the chains follow them (recipients and sources read `dense`), and
    // 28,000 rows of a national register cost about 90 ms at every start and reload.
    get flowsFrom() {
      flowsFrom ??= rowsById(dense, dense.outOffsets, dense.outFlows);
      return flowsFrom;
    },
    get flowsInto() {
      flowsInto ??= rowsById(dense, dense.inOffsets, dense.inFlows);
      return flowsInto;
    },
    narrowerOf,
    broaderOf,
    itemisedIn,
    coverageCache: new Map(),
    verdictCache: new Map(),
    admittedEntriesLeft: { left: ADMITTED_ENTRIES_KEPT },
    dense,
    scopes: buildScopeModel(data.organisations, dense.organisations, dense.ordinalOf, dense.flows),
    boundOptOuts: boundOptOutsOf(data.flows),
  };
}

/** Each organisation's row of the adjacency as its flows (organisations without flows have no entry). */
function rowsById(dense: DenseAdjacency, offsets: Int32Array, members: Int32Array): Map<string, GraphFlow[]> {
  const rows = new Map<string, GraphFlow[]>();
  for (let o = 0; o < dense.organisations.length; o++) {
    const start = offsets[o];
    const end = offsets[o + 1];
    if (start === end) continue;
    const row = new Array<GraphFlow>(end - start);
    for (let i = start; i < end; i++) row[i - start] = dense.flows[members[i]];
    rows.set(dense.organisations[o], row);
  }
  return rows;
}

/**
 * The flows as chains follow them: each bounded by its ends' lifetimes, plus a copy of each
 * role flow for every named instance it covers (see `scopes.ts`), bounded by that instance's.
 */
function flowsAsTraversed(data: RegisterGraphData, organisationsById: ReadonlyMap<string, GraphOrganisation>): GraphFlow[] {
  const hasLifetimes = data.organisations.some((o) => o.existedFrom != null || o.existedTo != null);
  const bound = (flow: GraphFlow) => (hasLifetimes ? boundedByLifetimes(flow, organisationsById.get(flow.from), organisationsById.get(flow.to)) : flow);
  const traversed = data.flows.map(bound);
  for (const { flow, from } of inheritedFlows(data.organisations, data.flows)) {
    traversed.push(bound(copyFlow(flow, { from, inheritedFrom: flow.from })));
  }
  return traversed;
}

function appendTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
