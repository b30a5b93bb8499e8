import { EvidenceChains } from "./evidence-chains";
import type { ResolvedFilters } from "./hop-filter";
import type { IndexedGraph } from "./indexed-graph";
import { levelOfRank } from "./levels";
import { StateTable, type BestStates } from "./state-table";
import type { Chain, Reach } from "./types";
import { certaintyOfRank, DEFINITE_RANK } from "./certainty";
import { REJECTED, verdictCertaintyRank, verdictTable } from "./verdict-table";

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
  /** ids of every flow the search followed within maxHops (for the eras an answer mixes) */
  readonly flowsFollowed: () => string[];
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
 * (breadth-first) as short, so each organisation holds at most 12 states and the work is
 * O(states + flows examined).
 */
export function searchReach(
  graph: IndexedGraph,
  start: string,
  filters: ResolvedFilters,
  direction: Direction,
  /** upstream: only these organisations count as sources (by ordinal); all when absent */
  sourceFilter: ((organisation: number) => boolean) | null = null,
): ReachSearch {
  const dense = graph.dense;
  const startOrdinal = dense.ordinalOf.get(start);
  if (startOrdinal === undefined) return { reached: [], evidence: noneReached, truncated: false, flowsFollowed: () => [] };

  const downstream = direction === "downstream";
  const offsets = downstream ? dense.outOffsets : dense.inOffsets;
  const members = downstream ? dense.outFlows : dense.inFlows;
  const far = downstream ? dense.flowTo : dense.flowFrom;
  const verdicts = verdictTable(graph, filters);
  const scopes = graph.scopes;
  // Without roles or scoped flows every context is 0: skip the scope arithmetic altogether.
  const scoped = scopes.active;
  const states = new StateTable(dense.organisations.length, scoped ? (a, b) => scopes.covers(a, b, downstream) : null);
  states.add(startOrdinal, 0, DEFINITE_RANK, -1, -1, 0, scoped && downstream ? scopes.originContext(startOrdinal) : 0);

  /** Frontier states one hop further, keeping only those not dominated. */
  const expand = (frontier: readonly number[]): number[] => {
    const next: number[] = [];
    for (const state of frontier) {
      const organisation = states.organisation[state];
      const context = states.context[state];
      for (let e = offsets[organisation]; e < offsets[organisation + 1]; e++) {
        const flow = members[e];
        const verdict = verdicts.verdict(flow);
        if (verdict === REJECTED) continue;
        let nextContext = 0;
        if (scoped) {
          nextContext = downstream ? scopes.forward(context, flow) : scopes.backward(context, flow);
          if (nextContext === -1) continue;
        }
        const target = far[flow];
        const levelRank = Math.max(states.levelRank[state], dense.flowLevelRank[flow]);
        const certaintyRank = Math.max(states.certaintyRank[state], verdictCertaintyRank(verdict));
        if (states.isDominated(target, levelRank, certaintyRank, nextContext)) continue;
        next.push(states.add(target, levelRank, certaintyRank, state, flow, states.hops[state] + 1, nextContext));
      }
    }
    return next;
  };

  let frontier = [0];
  for (let hops = 1; hops <= filters.maxHops && frontier.length > 0; hops++) {
    frontier = expand(frontier);
  }

  // Upstream, a state counts for its organisation only if a chain starting there meets the
  // scopes on the way (a named school's data cannot take a flow scoped to another area).
  const admits =
    scoped && !downstream
      ? (state: number) => scopes.originAdmits(states.context[state], states.organisation[state]) && (sourceFilter === null || sourceFilter(states.organisation[state]))
      : sourceFilter !== null
        ? (state: number) => sourceFilter(states.organisation[state])
        : null;
  const bests: { organisation: number; best: BestStates }[] = [];
  for (const organisation of states.organisationsReached()) {
    if (organisation === startOrdinal) continue;
    const best = states.best(organisation, admits);
    if (best !== null) bests.push({ organisation, best });
  }
  // By fewest hops, then id: through the precomputed id order, not string comparisons.
  const order = dense.organisationOrder;
  bests.sort((a, b) => a.best.hops - b.best.hops || order[a.organisation] - order[b.organisation]);

  const chains = new EvidenceChains(graph, states, filters, direction === "downstream");
  // Best level and certainty per organisation reached, kept for the truncation test below.
  const bestLevelRank = new Int8Array(dense.organisations.length).fill(-1);
  const bestCertaintyRank = new Int8Array(dense.organisations.length);
  const evidenceStates = new Int32Array(bests.length);
  const reached = bests.map(({ organisation, best }, i): ReachSummary => {
    bestLevelRank[organisation] = best.levelRank;
    bestCertaintyRank[organisation] = best.certaintyRank;
    evidenceStates[i] = best.evidence;
    return {
      organisation: dense.organisations[organisation],
      hops: best.hops,
      level: levelOfRank(best.levelRank),
      certainty: certaintyOfRank(best.certaintyRank),
    };
  });

  /** Whether a state found beyond maxHops lists a new organisation or improves one. */
  const improves = (state: number): boolean => {
    if (admits !== null && !admits(state)) return false;
    const organisation = states.organisation[state];
    return (
      bestLevelRank[organisation] === -1 ||
      states.levelRank[state] < bestLevelRank[organisation] ||
      states.certaintyRank[state] < bestCertaintyRank[organisation]
    );
  };
  // maxHops cut the answer exactly when more hops would list a new organisation or improve a
  // level or certainty. Without scopes one hop is enough to look: if it changes nothing, every
  // state it finds is matched, at some organisation already reached within maxHops, by states
  // at least as identifying and as certain, and so is everything beyond it. A state kept only
  // for its less restricted scope context may change nothing at once and still lead somewhere
  // new later, so with scopes the search runs on until nothing new is found.
  // The same holds when only some organisations count as sources (`sourceFilter`): a state at one
  // that does not count changes nothing at once but may lead to one that does.
  let truncated = false;
  if (admits === null) truncated = expand(frontier).some(improves);
  else {
    while (!truncated && frontier.length > 0) {
      frontier = expand(frontier);
      truncated = frontier.some(improves);
    }
  }

  const flowsFollowed = (): string[] => {
    const ids = new Set<string>();
    for (let state = 1; state < states.flow.length; state++) {
      if (states.hops[state] <= filters.maxHops) ids.add(dense.flows[states.flow[state]].id);
    }
    return [...ids];
  };
  return { reached, evidence: (i) => chains.chainOf(evidenceStates[i]), truncated, flowsFollowed };
}
