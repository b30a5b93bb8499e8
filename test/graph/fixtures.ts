/** Small builders for hand-made register graphs used by the graph tests. */
import { indexGraph, type IndexedGraph } from "../../server/graph/indexed-graph";
import type { GraphField, GraphFlow } from "../../server/graph/types";

/** A flow A->B with harmless defaults: INDIVIDUAL, STATED, no age/date limits, no opt-outs. */
export function flow(id: string, from: string, to: string, extra: Partial<GraphFlow> = {}): GraphFlow {
  return {
    id,
    from,
    to,
    fieldIds: ["data"],
    level: "INDIVIDUAL",
    basis: "STATED",
    minimumAge: null,
    validFrom: null,
    validTo: null,
    optOuts: [],
    ...extra,
  };
}

/** An indexed graph of these flows; organisations are those the flows mention plus `extraOrgs`. */
export function graphOf(flows: GraphFlow[], fields: GraphField[] = [], extraOrgs: string[] = []): IndexedGraph {
  const ids = new Set(extraOrgs);
  for (const f of flows) ids.add(f.from).add(f.to);
  return indexGraph({ organisations: [...ids].map((id) => ({ id })), fields, flows });
}

/**
 * The field hierarchy used throughout:
 *   pupil-information > identity > name, upn
 *   pupil-information > attainment > ks2
 * plus a deliberate cycle loop-a > loop-b > loop-a.
 */
export const FIELDS: GraphField[] = [
  { id: "pupil-information", narrower: ["identity", "attainment"] },
  { id: "identity", narrower: ["name", "upn"] },
  { id: "attainment", narrower: ["ks2"] },
  { id: "name", narrower: [] },
  { id: "upn", narrower: [] },
  { id: "ks2", narrower: [] },
  { id: "loop-a", narrower: ["loop-b"] },
  { id: "loop-b", narrower: ["loop-a"] },
];

/** A diamond A->{B,C}->D with a cycle back D->A, an inferred hop D->E and a cycle E->B (several test files walk it). */
export const DIAMOND_FLOWS: readonly GraphFlow[] = [
  flow("ab", "A", "B", { fieldIds: ["name"] }),
  flow("ac", "A", "C", { level: "AGGREGATE", fieldIds: ["ks2"] }),
  flow("bd", "B", "D", { level: "PSEUDONYMISED", fieldIds: ["upn"] }),
  flow("cd", "C", "D", { fieldIds: ["upn", "ks2"] }),
  flow("da", "D", "A"),
  flow("de", "D", "E", { basis: "INFERRED", fieldIds: ["name"] }),
  flow("eb", "E", "B", { level: "ANONYMISED", fieldIds: ["ks2"] }),
];

/** mulberry32: a tiny seeded PRNG, so a property test's failures reproduce. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
