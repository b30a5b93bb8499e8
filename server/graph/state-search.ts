import { NOT_BUILT, NOT_KEPT } from "./admitted-rows";
import { EvidenceChains } from "./evidence-chains";
import type { ResolvedFilters } from "./hop-filter";
import type { IndexedGraph } from "./indexed-graph";
import { LEVELS_MOST_TO_LEAST_IDENTIFYING } from "./levels";
import { sortByHopsThenId } from "./reach-order";
import { putBackScratch, takeScratch } from "./search-scratch";
import { StateTable } from "./state-table";
import { packReach, ReachColumns, summaryList, type ReachList, type ReachSummary } from "./reach-list";
import type { Certainty, Chain, Level } from "./types";
import { certaintyOfRank, DEFINITE_RANK } from "./certainty";
import { DEFINITE, NOT_JUDGED, REJECTED, verdictTable } from "./verdict-table";

// Module constants rather than imports in the inner loop: a compiled import is a property read.
const NOT_ADMITTED = REJECTED;
const NOT_JUDGED_YET = NOT_JUDGED;
const NOT_BUILT_YET = NOT_BUILT;
const NOT_KEPT_ROW = NOT_KEPT;
const LEVELS: readonly Level[] = LEVELS_MOST_TO_LEAST_IDENTIFYING;
const CERTAINTIES: readonly Certainty[] = [0, 1, 2].map(certaintyOfRank);
const DEFINITE_VERDICT = DEFINITE;

/** Which way to search: along flows to recipients, or against them to sources. */
export type Direction = "downstream" | "upstream";

export type { ReachSummary } from "./reach-list";

/** The outcome of `searchReach`. */
export interface ReachSearch {
  /** ordered by hops, then organisation id (made from `list` when first read) */
  readonly reached: ReachSummary[];
  /** the same, read by position without an object per organisation */
  readonly list: ReachList;
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
  if (startOrdinal === undefined) return { reached: [], list: summaryList([]), evidence: noneReached, truncated: false, flowsFollowed: () => [] };

  const downstream = direction === "downstream";
  const offsets = downstream ? dense.outOffsets : dense.inOffsets;
  const members = downstream ? dense.outFlows : dense.inFlows;
  const far = downstream ? dense.flowTo : dense.flowFrom;
  const flowLevelRank = dense.flowLevelRank;
  const verdicts = verdictTable(graph, filters);
  const judged = verdicts.verdicts;
  const rows = verdicts.admittedRows(downstream);
  const scopes = graph.scopes;
  // Without roles or scoped flows every context is 0: skip the scope arithmetic altogether.
  const scoped = scopes.active;
  const scratch = takeScratch(dense);
  const states = new StateTable(dense.organisations.length, scoped ? (a, b) => scopes.covers(a, b, downstream) : null, scratch.index);
  // From here the scratch is lent: whatever happens, the table's index and the scratch go back.
  let withinMaxHops = 0;
  let chains: EvidenceChains;
  let reached: ReachColumns;
  let evidenceStates: number[];
  let truncated = false;
  try {
    states.add(startOrdinal, 0, DEFINITE_RANK, -1, -1, 0, scoped && downstream ? scopes.originContext(startOrdinal) : 0);

    /**
     * The states one hop beyond the frontier, keeping only those not dominated. States are added
     * breadth-first, so a frontier is a range of state numbers: `from` to the table's size when
     * called, and the states it adds are the next frontier.
     */
    const expand = (from: number): void => {
      const to = states.size;
      for (let state = from; state < to; state++) {
        const organisation = states.organisation[state];
        let begin = rows.start[organisation];
        if (begin === NOT_BUILT_YET) begin = rows.build(organisation);
        if (begin === NOT_KEPT_ROW) {
          expandThroughVerdicts(state);
          continue;
        }
        const end = rows.end[organisation];
        const rowFlow = rows.flow;
        const rowFar = rows.far;
        const rowLevelRank = rows.levelRank;
        const rowCertaintyRank = rows.certaintyRank;
        for (let e = begin; e < end; e++) follow(state, rowFlow[e], rowFar[e], rowLevelRank[e], rowCertaintyRank[e]);
      }
    };
    /** `expand` for one state whose organisation's row is not kept: through the whole adjacency. */
    const expandThroughVerdicts = (state: number): void => {
      const organisation = states.organisation[state];
      for (let e = offsets[organisation]; e < offsets[organisation + 1]; e++) {
        const flow = members[e];
        let verdict = judged[flow];
        if (verdict === NOT_JUDGED_YET) verdict = verdicts.verdict(flow);
        if (verdict === NOT_ADMITTED) continue;
        follow(state, flow, far[flow], flowLevelRank[flow], DEFINITE_VERDICT - verdict);
      }
    };
    /** Adds the state one admitted flow leads to from `state`, unless one found already dominates it. */
    const follow = (state: number, flow: number, target: number, flowLevel: number, flowCertainty: number): void => {
      let nextContext = 0;
      if (scoped) {
        const context = states.context[state];
        nextContext = downstream ? scopes.forward(context, flow) : scopes.backward(context, flow);
        if (nextContext === -1) return;
      }
      const levelRank = Math.max(states.levelRank[state], flowLevel);
      const certaintyRank = Math.max(states.certaintyRank[state], flowCertainty);
      if (states.isDominated(target, levelRank, certaintyRank, nextContext)) return;
      states.add(target, levelRank, certaintyRank, state, flow, states.hops[state] + 1, nextContext);
    };

    let frontier = 0;
    for (let hops = 1; hops <= filters.maxHops && frontier < states.size; hops++) {
      const next = states.size;
      expand(frontier);
      frontier = next;
    }
    withinMaxHops = states.size;

    // Upstream, a state counts for its organisation only if a chain starting there meets the
    // scopes on the way (a named school's data cannot take a flow scoped to another area).
    const admits =
      scoped && !downstream
        ? (state: number) => scopes.originAdmits(states.context[state], states.organisation[state]) && (sourceFilter === null || sourceFilter(states.organisation[state]))
        : sourceFilter !== null
          ? (state: number) => sourceFilter(states.organisation[state])
          : null;
    // Best level, certainty, hops and evidence per organisation reached (level and certainty also
    // for the truncation test below), in typed arrays by organisation rather than an object each.
    const reachedOrganisations = states.organisationsReached();
    chains = new EvidenceChains(graph, states, filters, direction === "downstream");
    const { bestLevelRank, bestCertaintyRank, hopsAt, evidenceAt } = scratch;
    // The scratch is written only at organisations in reachedOrganisations, a prefix of what the
    // table lists when the search ends (states are only added), so the finally clears all it wrote.
    let count = 0;
    for (let i = 0; i < reachedOrganisations.length; i++) {
      const organisation = reachedOrganisations[i];
      if (organisation === startOrdinal) continue;
      const evidence = states.bestInto(organisation, admits);
      if (evidence === -1) continue;
      bestLevelRank[organisation] = states.bestLevelRank;
      bestCertaintyRank[organisation] = states.bestCertaintyRank;
      hopsAt[organisation] = states.hops[evidence];
      evidenceAt[organisation] = evidence;
      count++;
    }
    const sorted = sortByHopsThenId(dense, reachedOrganisations, hopsAt, count, filters.maxHops);

    evidenceStates = new Array<number>(count);
    const ordinals = new Array<number>(count);
    const packed = new Array<number>(count);
    for (let i = 0; i < count; i++) {
      const organisation = sorted[i];
      evidenceStates[i] = evidenceAt[organisation];
      ordinals[i] = organisation;
      packed[i] = packReach(hopsAt[organisation], bestLevelRank[organisation], bestCertaintyRank[organisation]);
    }
    reached = new ReachColumns(dense.organisations, ordinals, packed, LEVELS, CERTAINTIES);

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
  } finally {
    putBackScratch(scratch, states);
  }
  const flowsFollowed = (): string[] => {
    const ids = new Set<string>();
    for (let state = 1; state < withinMaxHops; state++) {
      if (states.hops[state] <= filters.maxHops) ids.add(dense.flows[states.flow[state]].id);
    }
    return [...ids];
  };
  return {
    get reached() {
      return reached.summaries();
    },
    list: reached,
    evidence: (i) => chains.chainOf(evidenceStates[i]),
    truncated,
    flowsFollowed,
  };
}
