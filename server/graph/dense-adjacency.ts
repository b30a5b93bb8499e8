import { compareIds } from "./compare-ids";
import { levelRank } from "./levels";
import type { GraphFlow } from "./types";

/**
 * The flows renumbered densely (organisations 0..n-1, flows 0..m-1) with adjacency in
 * compressed rows: the flows leaving organisation `o` are
 * `outFlows[outOffsets[o] .. outOffsets[o + 1])`, likewise `in*` for flows arriving.
 *
 * Why: recipients and sources must answer in milliseconds on ~500,000 flows, and string-keyed
 * maps and per-hop objects dominate that cost. With numbers, a search's bookkeeping is a few
 * typed arrays and its inner loop allocates nothing.
 */
export interface DenseAdjacency {
  /** organisation ids by ordinal: every organisation listed or named by a flow */
  readonly organisations: readonly string[];
  readonly ordinalOf: ReadonlyMap<string, number>;
  /** each organisation's position in id order, so results sort without comparing strings */
  readonly organisationOrder: Int32Array;
  /** flows by ordinal */
  readonly flows: readonly GraphFlow[];
  readonly flowFrom: Int32Array;
  readonly flowTo: Int32Array;
  /** level rank of each flow (0 = INDIVIDUAL … 3 = ANONYMISED) */
  readonly flowLevelRank: Int8Array;
  readonly outOffsets: Int32Array;
  readonly outFlows: Int32Array;
  readonly inOffsets: Int32Array;
  readonly inFlows: Int32Array;
}

/**
 * Numbers the organisations and flows. `flowsFrom`/`flowsInto` give each organisation's
 * flows in the order the rows should keep (sorted, so searches are deterministic).
 */
export function buildDenseAdjacency(
  organisationIds: Iterable<string>,
  flows: readonly GraphFlow[],
  flowsFrom: ReadonlyMap<string, readonly GraphFlow[]>,
  flowsInto: ReadonlyMap<string, readonly GraphFlow[]>,
): DenseAdjacency {
  const organisations: string[] = [];
  const ordinalOf = new Map<string, number>();
  const number = (id: string): number => {
    let ordinal = ordinalOf.get(id);
    if (ordinal === undefined) {
      ordinal = organisations.push(id) - 1;
      ordinalOf.set(id, ordinal);
    }
    return ordinal;
  };
  for (const id of organisationIds) number(id);

  const organisationOrder = new Int32Array(organisations.length);
  [...organisations.keys()]
    .sort((a, b) => compareIds(organisations[a], organisations[b]))
    .forEach((ordinal, position) => (organisationOrder[ordinal] = position));

  const flowOrdinal = new Map<GraphFlow, number>();
  const flowFrom = new Int32Array(flows.length);
  const flowTo = new Int32Array(flows.length);
  const flowLevelRank = new Int8Array(flows.length);
  flows.forEach((flow, i) => {
    flowOrdinal.set(flow, i);
    flowFrom[i] = number(flow.from);
    flowTo[i] = number(flow.to);
    flowLevelRank[i] = levelRank(flow.level);
  });

  const rows = (byOrganisation: ReadonlyMap<string, readonly GraphFlow[]>) => {
    const offsets = new Int32Array(organisations.length + 1);
    const members = new Int32Array(flows.length);
    let next = 0;
    organisations.forEach((id, ordinal) => {
      offsets[ordinal] = next;
      for (const flow of byOrganisation.get(id) ?? []) members[next++] = flowOrdinal.get(flow)!;
    });
    offsets[organisations.length] = next;
    return { offsets, members };
  };
  const out = rows(flowsFrom);
  const into = rows(flowsInto);

  return {
    organisations,
    ordinalOf,
    organisationOrder,
    flows,
    flowFrom,
    flowTo,
    flowLevelRank,
    outOffsets: out.offsets,
    outFlows: out.members,
    inOffsets: into.offsets,
    inFlows: into.members,
  };
}
