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
export interface DenseAdjacency extends DenseOrder {
  /** organisation ids by ordinal: every organisation listed or named by a flow */
  readonly organisations: readonly string[];
  readonly ordinalOf: ReadonlyMap<string, number>;
  /** flows by ordinal */
  readonly flows: readonly GraphFlow[];
  readonly flowFrom: Int32Array;
  readonly flowTo: Int32Array;
  /** level rank of each flow (0 = INDIVIDUAL … 3 = ANONYMISED) */
  readonly flowLevelRank: Int8Array;
}

/**
 * What building the adjacency works out by sorting, and nothing else: the order of the
 * organisations by id, and each organisation's flows out (by recipient, then flow id) and in (by
 * sender, then flow id). A persisted snapshot keeps it (server/snapshot), so a start does not
 * sort 600,000 flows again; everything else is recomputed in linear time.
 */
export interface DenseOrder {
  /** each organisation's position in id order, so results sort without comparing strings */
  readonly organisationOrder: Int32Array;
  readonly outOffsets: Int32Array;
  readonly outFlows: Int32Array;
  readonly inOffsets: Int32Array;
  readonly inFlows: Int32Array;
}

/**
 * The ordinals of the first flows' ends, as `buildDenseAdjacency` numbers them (the listed
 * organisations' positions), when a reader knows them already: the snapshot file names each
 * end by number, so a start need not look up 1.2 million ids. -1 means "look it up".
 */
export interface KnownEnds {
  readonly from: Int32Array;
  readonly to: Int32Array;
}

/**
 * Numbers the organisations (those listed first, in their order, then any other a flow names)
 * and the flows (in the order given), and sorts each organisation's flows out and in, unless
 * `order` (from `buildDenseAdjacency` on the same organisations and flows) is given.
 */
export function buildDenseAdjacency(organisationIds: Iterable<string>, flows: readonly GraphFlow[], order?: DenseOrder, known?: KnownEnds): DenseAdjacency {
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
  const flowFrom = new Int32Array(flows.length);
  const flowTo = new Int32Array(flows.length);
  const flowLevelRank = new Int8Array(flows.length);
  const listed = organisations.length;
  const knownUpTo = known ? Math.min(known.from.length, known.to.length, flows.length) : 0;
  for (let i = 0; i < flows.length; i++) {
    const flow = flows[i];
    // A known end must name the same organisation as the flow does; anything else is looked up.
    const from = i < knownUpTo ? known!.from[i] : -1;
    const to = i < knownUpTo ? known!.to[i] : -1;
    flowFrom[i] = from >= 0 && from < listed && organisations[from] === flow.from ? from : number(flow.from);
    flowTo[i] = to >= 0 && to < listed && organisations[to] === flow.to ? to : number(flow.to);
    flowLevelRank[i] = levelRank(flow.level);
  }
  const sorted = order && fits(order, organisations.length, flows.length) ? order : sortAdjacency(organisations, flows, flowFrom, flowTo);
  return { organisations, ordinalOf, flows, flowFrom, flowTo, flowLevelRank, ...pick(sorted) };
}

/** Whether a persisted order has the shape of this register's numbering (a mismatch means it is not this register's). */
function fits(order: DenseOrder, organisations: number, flows: number): boolean {
  return (
    order.organisationOrder.length === organisations &&
    order.outOffsets.length === organisations + 1 &&
    order.inOffsets.length === organisations + 1 &&
    order.outFlows.length === flows &&
    order.inFlows.length === flows &&
    order.outOffsets[organisations] === flows &&
    order.inOffsets[organisations] === flows
  );
}

function pick(order: DenseOrder): DenseOrder {
  const { organisationOrder, outOffsets, outFlows, inOffsets, inFlows } = order;
  return { organisationOrder, outOffsets, outFlows, inOffsets, inFlows };
}

function sortAdjacency(organisations: readonly string[], flows: readonly GraphFlow[], flowFrom: Int32Array, flowTo: Int32Array): DenseOrder {
  const organisationOrder = new Int32Array(organisations.length);
  [...organisations.keys()]
    .sort((a, b) => compareIds(organisations[a], organisations[b]))
    .forEach((ordinal, position) => (organisationOrder[ordinal] = position));
  // Rows grouped by one end, each sorted by the other end's id (its position in id order), then by flow id.
  const rows = (key: Int32Array, other: Int32Array) => {
    const offsets = new Int32Array(organisations.length + 1);
    for (let i = 0; i < flows.length; i++) offsets[key[i] + 1]++;
    for (let o = 0; o < organisations.length; o++) offsets[o + 1] += offsets[o];
    const members = new Int32Array(flows.length);
    const next = offsets.slice(0, organisations.length);
    for (let i = 0; i < flows.length; i++) members[next[key[i]]++] = i;
    for (let o = 0; o < organisations.length; o++) {
      const start = offsets[o];
      const end = offsets[o + 1];
      if (end - start < 2) continue;
      const row = Array.from(members.subarray(start, end)).sort(
        (a, b) => organisationOrder[other[a]] - organisationOrder[other[b]] || compareIds(flows[a].id, flows[b].id),
      );
      members.set(row, start);
    }
    return { offsets, members };
  };
  const out = rows(flowFrom, flowTo);
  const into = rows(flowTo, flowFrom);
  return { organisationOrder, outOffsets: out.offsets, outFlows: out.members, inOffsets: into.offsets, inFlows: into.members };
}
