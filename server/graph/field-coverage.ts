import { DEFINITE_RANK, inclusionRank, POSSIBLE_RANK } from "./certainty";
import type { IndexedGraph } from "./indexed-graph";
import type { GraphFlow } from "./types";

/**
 * Which field ids on a hop carry a given field F, and how surely.
 * Naming F or anything narrower means F's data certainly travels; naming only an umbrella
 * above F (e.g. "pupil-information") means it possibly does.
 */
export interface FieldCoverage {
  readonly field: string;
  /** F and every field narrower than it, transitively */
  readonly naming: ReadonlySet<string>;
  /** every umbrella field broader than F, transitively (minus any already in `naming`) */
  readonly broader: ReadonlySet<string>;
  /**
   * the ids whose presence on a hop makes it carry F DEFINITELY: `naming`, plus every umbrella
   * a reference source itemises as containing F or something narrower (the census return for
   * ethnicity), through itemised links only
   */
  readonly certain: ReadonlySet<string>;
}

/** How a hop carries the field asked about. */
export interface CarriedField {
  /** the ids on the hop that matched, in the hop's order */
  readonly fields: readonly string[];
  /**
   * certainty rank (see certainty.ts): DEFINITE when the hop includes the field or a narrower
   * one, OPTIONAL when it names it but the notice marks it optional, POSSIBLE when the hop
   * carries only an umbrella that may contain it, or the notice only possibly includes it
   */
  readonly certaintyRank: number;
}

/** Coverage of `field`, computed on first use and (for known fields) cached on the graph. */
export function fieldCoverage(graph: IndexedGraph, field: string): FieldCoverage {
  let coverage = graph.coverageCache.get(field);
  if (!coverage) {
    const naming = reachableFields(graph.narrowerOf, field);
    naming.add(field);
    const broader = reachableFields(graph.broaderOf, field);
    // With a cycle in `narrower` a field can be both above and below F; naming wins, since
    // the hop then does name something narrower than F.
    for (const id of naming) broader.delete(id);
    const certain = new Set(naming);
    const pending = [...naming];
    while (pending.length > 0) {
      for (const umbrella of graph.itemisedIn.get(pending.pop()!) ?? []) {
        if (certain.has(umbrella)) continue;
        certain.add(umbrella);
        broader.add(umbrella);
        pending.push(umbrella);
      }
    }
    for (const id of naming) broader.delete(id);
    coverage = { field, naming, broader, certain };
    // Only known fields are cached, so odd ids in requests cannot grow the shared cache.
    if (graph.fieldIds.has(field)) graph.coverageCache.set(field, coverage);
  }
  return coverage;
}

/**
 * How `flow`, listing `hopFieldIds` (its fields, or what its opt-outs leave), carries the covered
 * field, or null when it does not carry it. The surest field on the hop decides.
 */
export function fieldCarriedByHop(
  coverage: FieldCoverage,
  flow: GraphFlow,
  hopFieldIds: readonly string[],
): CarriedField | null {
  const fields: string[] = [];
  for (const id of hopFieldIds) {
    if ((coverage.certain.has(id) || coverage.broader.has(id)) && !fields.includes(id)) fields.push(id);
  }
  return fields.length > 0 ? { fields, certaintyRank: hopCertaintyRank(coverage, flow, hopFieldIds) } : null;
}

/** The certainty rank of `flow` for the covered field, or -1 when it does not carry it; allocates nothing. */
export function hopCertaintyRank(coverage: FieldCoverage, flow: GraphFlow, hopFieldIds: readonly string[]): number {
  let rank = -1;
  for (const id of hopFieldIds) {
    if (coverage.certain.has(id)) {
      const included = inclusionRank(flow, id);
      if (included === DEFINITE_RANK) return DEFINITE_RANK;
      rank = rank === -1 ? included : Math.min(rank, included);
    } else if (rank === -1 && coverage.broader.has(id)) {
      rank = POSSIBLE_RANK;
    }
  }
  return rank;
}

/** Every field reachable from `start` along `edges`, excluding `start`; cycle-safe. */
function reachableFields(
  edges: ReadonlyMap<string, readonly string[]>,
  start: string,
): Set<string> {
  const seen = new Set<string>();
  const pending = [start];
  while (pending.length > 0) {
    for (const next of edges.get(pending.pop()!) ?? []) {
      if (next !== start && !seen.has(next)) {
        seen.add(next);
        pending.push(next);
      }
    }
  }
  return seen;
}
