import { EvidenceChains } from "./evidence-chains";
import type { ResolvedFilters } from "./hop-filter";
import type { IndexedGraph } from "./indexed-graph";
import { levelOfRank } from "./levels";
import { StateTable } from "./state-table";
import type { Chain, Reach } from "./types";
import { DEFINITE, REJECTED, verdictTable } from "./verdict-table";

/** Which way to search: along flows to recipients, or against them to sources. */
export type Direction = "downstream" | "upstream";

/** An organisation reached, without its evidence chain (see `ReachSearch.evidence`). */
export type ReachSummary = Omit<Reach, "chain">;

/** The outcome of `searchReach`. */
export interface ReachSearch {
  /** ordered by hops, then organisation id */
  readonly reached: ReachSummary[];
  /**
   * The evidence chain of `reached[i]`, built when asked for: most questions want the
   * organisations alone, and building 400 chains cost as much as the search itself.
   */
  readonly evidence: (i: number) => Chain;
  /** true when a larger maxHops would add an organisation or improve a level or certainty */
  readonly truncated: boolean;
}

const noneReached = (i: number): never => {
  throw new Error(`no organisation ${i}: the search reached none`);
};

/**
 * Breadth-first search over states (organisation, level, certainty) from `start`, following
 * flows downstream (to recipients) or upstream (to sources).
 *
 * Why this is exact without enumerating paths: whether a flow is admitted never depends on
 * the path, and level and certainty only degrade along a path. So cutting a loop out of a
 * walk never makes it longer, less identifying or less certain, and the best level,
 * certainty and hop count over walks are those over simple paths. A state is dropped when
 * one already found at the same organisation is at least as identifying, as certain and
 * (breadth-first) as short, so each organisation holds at most 8 states and the work is
 * O(states + flows examined).
 */
export function searchReach(
  graph: IndexedGraph,
  start: string,
  filters: ResolvedFilters,
  direction: Direction,
): ReachSearch {
  const dense = graph.dense;
  const startOrdinal = dense.ordinalOf.get(start);
  if (startOrdinal === undefined) return { reached: [], evidence: noneReached, truncated: false };

  const downstream = direction === "downstream";
  const offsets = downstream ? dense.outOffsets : dense.inOffsets;
  const members = downstream ? dense.outFlows : dense.inFlows;
  const far = downstream ? dense.flowTo : dense.flowFrom;
  const verdicts = verdictTable(graph, filters);
  const states = new StateTable(dense.organisations.length);
  states.add(startOrdinal, 0, true, -1, -1, 0);

  /** Frontier states one hop further, keeping only those not dominated. */
  const expand = (frontier: readonly number[]): number[] => {
    const next: number[] = [];
    for (const state of frontier) {
      const organisation = states.organisation[state];
      for (let e = offsets[organisation]; e < offsets[organisation + 1]; e++) {
        const flow = members[e];
        const verdict = verdicts.verdict(flow);
        if (verdict === REJECTED) continue;
        const target = far[flow];
        const levelRank = Math.max(states.levelRank[state], dense.flowLevelRank[flow]);
        const definite = states.definite[state] && verdict === DEFINITE;
        if (states.isDominated(target, levelRank, definite)) continue;
        next.push(states.add(target, levelRank, definite, state, flow, states.hops[state] + 1));
      }
    }
    return next;
  };

  let frontier = [0];
  for (let hops = 1; hops <= filters.maxHops && frontier.length > 0; hops++) {
    frontier = expand(frontier);
  }

  // By fewest hops, then id: through the precomputed id order, not string comparisons.
  const order = dense.organisationOrder;
  const reachedOrdinals = states.organisationsReached().filter((o) => o !== startOrdinal);
  reachedOrdinals.sort((a, b) => states.fewestHops(a) - states.fewestHops(b) || order[a] - order[b]);

  const chains = new EvidenceChains(graph, states, filters, direction === "downstream");
  // Best level and certainty per organisation reached, kept for the truncation test below.
  const bestLevelRank = new Int8Array(dense.organisations.length).fill(-1);
  const bestDefinite = new Uint8Array(dense.organisations.length);
  const evidenceStates = new Int32Array(reachedOrdinals.length);
  const reached = reachedOrdinals.map((organisation, i): ReachSummary => {
    const best = states.best(organisation);
    bestLevelRank[organisation] = best.levelRank;
    bestDefinite[organisation] = best.definite ? 1 : 0;
    evidenceStates[i] = best.evidence;
    return {
      organisation: dense.organisations[organisation],
      hops: states.hops[best.evidence],
      level: levelOfRank(best.levelRank),
      certainty: best.definite ? "DEFINITE" : "POSSIBLE",
    };
  });

  // maxHops cut the answer exactly when one hop more would list a new organisation or improve
  // a level or certainty. One hop is enough to look: if it changes nothing, every state it
  // finds is matched, at some organisation already reached within maxHops, by a state at
  // least as identifying and as certain, and so is everything beyond it.
  const truncated = expand(frontier).some((state) => {
    const organisation = states.organisation[state];
    return (
      bestLevelRank[organisation] === -1 ||
      states.levelRank[state] < bestLevelRank[organisation] ||
      (states.definite[state] && bestDefinite[organisation] === 0)
    );
  });

  return { reached, evidence: (i) => chains.chainOf(evidenceStates[i]), truncated };
}
