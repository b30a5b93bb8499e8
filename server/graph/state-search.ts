import { extendStep, startStep, type ChainStep, type Direction } from "./chain-steps";
import { hopFilter, type ResolvedFilters } from "./hop-filter";
import type { IndexedGraph } from "./indexed-graph";

/** What a bounded search found at one organisation. */
export interface ReachedOrganisation {
  readonly organisation: string;
  /** fewest hops */
  readonly hops: number;
  /** most identifying level over every path found, as a rank */
  readonly bestLevelRank: number;
  /** whether any path found is definite */
  readonly definite: boolean;
  /** a shortest path, preferring the most identifying then definite one */
  readonly evidence: ChainStep;
}

/** The outcome of `searchReach`. */
export interface ReachSearch {
  readonly reached: ReachedOrganisation[];
  /** true when a larger maxHops would add an organisation or improve a level or certainty */
  readonly truncated: boolean;
}

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
  const admit = hopFilter(graph, filters);
  const adjacency = direction === "downstream" ? graph.flowsFrom : graph.flowsInto;
  const states = new Map<string, ChainStep[]>();
  const root = startStep(start);
  states.set(start, [root]);

  /** Frontier states one hop further, keeping only those not dominated. */
  const expand = (frontier: readonly ChainStep[]): ChainStep[] => {
    const next: ChainStep[] = [];
    for (const state of frontier) {
      for (const flow of adjacency.get(state.organisation) ?? []) {
        const hop = admit(flow);
        if (hop === null) continue;
        const organisation = direction === "downstream" ? flow.to : flow.from;
        const known = states.get(organisation);
        const levelRank = Math.max(state.levelRank, hop.levelRank);
        const definite = state.definite && hop.definite;
        if (known?.some((k) => k.levelRank <= levelRank && (k.definite || !definite))) continue;
        const reached = extendStep(state, hop, organisation);
        if (known) known.push(reached);
        else states.set(organisation, [reached]);
        next.push(reached);
      }
    }
    return next;
  };

  let frontier = [root];
  for (let hops = 1; hops <= filters.maxHops && frontier.length > 0; hops++) {
    frontier = expand(frontier);
  }

  const reached: ReachedOrganisation[] = [];
  const byOrganisation = new Map<string, ReachedOrganisation>();
  for (const [organisation, found] of states) {
    if (organisation === start) continue;
    const summary = summarise(organisation, found);
    reached.push(summary);
    byOrganisation.set(organisation, summary);
  }

  // maxHops cut the answer exactly when one hop more would list a new organisation or improve
  // a level or certainty. One hop is enough to look: if it changes nothing, every state it
  // finds is matched, at some organisation already reached within maxHops, by a state at
  // least as identifying and as certain, and so is everything beyond it.
  const wouldChangeAnswer = (state: ChainStep): boolean => {
    const known = byOrganisation.get(state.organisation);
    return (
      known === undefined ||
      state.levelRank < known.bestLevelRank ||
      (state.definite && !known.definite)
    );
  };
  const truncated = expand(frontier).some(wouldChangeAnswer);

  return { reached, truncated };
}

/** Summary of an organisation's states (in the order found, so shortest first). */
function summarise(organisation: string, found: ChainStep[]): ReachedOrganisation {
  const hops = found[0].hopCount;
  let evidence = found[0];
  let bestLevelRank = found[0].levelRank;
  let definite = found[0].definite;
  for (const state of found) {
    bestLevelRank = Math.min(bestLevelRank, state.levelRank);
    definite ||= state.definite;
    // A state this short is necessarily a simple path: a loop cut out of it would reach the
    // organisation in fewer hops.
    if (state.hopCount === hops && isBetterEvidence(state, evidence)) evidence = state;
  }
  return { organisation, hops, bestLevelRank, definite, evidence };
}

function isBetterEvidence(candidate: ChainStep, current: ChainStep): boolean {
  if (candidate.levelRank !== current.levelRank) return candidate.levelRank < current.levelRank;
  return candidate.definite && !current.definite;
}
