import { EvidenceChains } from "./evidence-chains";
import type { ResolvedFilters } from "./hop-filter";
import type { IndexedGraph } from "./indexed-graph";
import { levelOfRank } from "./levels";
import { StateTable, type BestStates } from "./state-table";
import type { Chain, Reach } from "./types";
import { certaintyOfRank, DEFINITE_RANK } from "./certainty";
import { DEFINITE, NOT_JUDGED, REJECTED, verdictTable } from "./verdict-table";

// Module constants rather than imports in the inner loop: a compiled import is a property read.
const NOT_ADMITTED = REJECTED;
const NOT_JUDGED_YET = NOT_JUDGED;
const DEFINITE_VERDICT = DEFINITE;

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
  const flowLevelRank = dense.flowLevelRank;
  const verdicts = verdictTable(graph, filters);
  const judged = verdicts.verdicts;
  const scopes = graph.scopes;
  // Without roles or scoped flows every context is 0: skip the scope arithmetic altogether.
  const scoped = scopes.active;
  const states = new StateTable(dense.organisations.length, scoped ? (a, b) => scopes.covers(a, b, downstream) : null);
  states.add(startOrdinal, 0, DEFINITE_RANK, -1, -1, 0, scoped && downstream ? scopes.originContext(startOrdinal) : 0);

  /**
   * The states one hop beyond the frontier, keeping only those not dominated. States are added
   * breadth-first, so a frontier is a range of state numbers: `from` to the table's size when
   * called, and the states added are the next one.
   */
  const expand = (from: number): void => {
    const to = states.size;
    for (let state = from; state < to; state++) {
      const organisation = states.organisation[state];
      const context = states.context[state];
      const stateLevelRank = states.levelRank[state];
      const stateCertaintyRank = states.certaintyRank[state];
      const hops = states.hops[state] + 1;
      for (let e = offsets[organisation]; e < offsets[organisation + 1]; e++) {
        const flow = members[e];
        let verdict = judged[flow];
        if (verdict === NOT_JUDGED_YET) verdict = verdicts.verdict(flow);
        if (verdict === NOT_ADMITTED) continue;
        let nextContext = 0;
        if (scoped) {
          nextContext = downstream ? scopes.forward(context, flow) : scopes.backward(context, flow);
          if (nextContext === -1) continue;
        }
        const target = far[flow];
        const levelRank = Math.max(stateLevelRank, flowLevelRank[flow]);
        const certaintyRank = Math.max(stateCertaintyRank, DEFINITE_VERDICT - verdict);
        if (states.isDominated(target, levelRank, certaintyRank, nextContext)) continue;
        states.add(target, levelRank, certaintyRank, state, flow, hops, nextContext);
      }
    }
  };

  let frontier = 0;
  for (let hops = 1; hops <= filters.maxHops && frontier < states.size; hops++) {
    const next = states.size;
    expand(frontier);
    frontier = next;
  }
  const withinMaxHops = states.size;

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
  const improvesAny = (from: number, to: number): boolean => {
    for (let state = from; state < to; state++) if (improves(state)) return true;
    return false;
  };
  if (admits === null) {
    expand(frontier);
    truncated = improvesAny(withinMaxHops, states.size);
  } else {
    while (!truncated && frontier < states.size) {
      const next = states.size;
      expand(frontier);
      frontier = next;
      truncated = improvesAny(frontier, states.size);
    }
  }

  const flowsFollowed = (): string[] => {
    const ids = new Set<string>();
    for (let state = 1; state < withinMaxHops; state++) {
      if (states.hops[state] <= filters.maxHops) ids.add(dense.flows[states.flow[state]].id);
    }
    return [...ids];
  };
  return { reached, evidence: (i) => chains.chainOf(evidenceStates[i]), truncated, flowsFollowed };
}
