import { fieldCoverage } from "./field-coverage";
import { admitHop, hopVerdict, type ResolvedFilters } from "./hop-filter";
import type { Direction } from "./chain-steps";
import type { IndexedGraph } from "./indexed-graph";
import { levelOfRank } from "./levels";
import type { Chain } from "./types";

/** What a bounded search found at one organisation. */
export interface ReachedOrganisation {
  readonly organisation: string;
  /** fewest hops */
  readonly hops: number;
  /** most identifying level over every chain, as a rank */
  readonly bestLevelRank: number;
  /** whether any chain is definite */
  readonly definite: boolean;
  /** a shortest chain, preferring the most identifying then definite one */
  readonly evidence: Chain;
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
  const dense = graph.dense;
  const startOrdinal = dense.ordinalOf.get(start);
  if (startOrdinal === undefined) return { reached: [], truncated: false };

  const downstream = direction === "downstream";
  const offsets = downstream ? dense.outOffsets : dense.inOffsets;
  const members = downstream ? dense.outFlows : dense.inFlows;
  const far = downstream ? dense.flowTo : dense.flowFrom;
  const coverage = filters.field === null ? null : fieldCoverage(graph, filters.field);
  // Judged afresh at each use rather than memoised: a flow is met at most once per state at
  // its end (at most 8), judging allocates nothing, and a per-request memo over ~500,000
  // flows would cost more than it saves.
  const verdictOn = (flow: number) => hopVerdict(dense.flows[flow], filters, coverage);

  // States live in parallel arrays; those at one organisation form a linked list.
  const states = new StateTable();
  states.add(startOrdinal, 0, true, -1, -1, 0);

  /** Frontier states one hop further, keeping only those not dominated. */
  const expand = (frontier: readonly number[]): number[] => {
    const next: number[] = [];
    for (const state of frontier) {
      const organisation = states.organisation[state];
      for (let e = offsets[organisation]; e < offsets[organisation + 1]; e++) {
        const flow = members[e];
        const verdict = verdictOn(flow);
        if (verdict === "REJECTED") continue;
        const target = far[flow];
        const levelRank = Math.max(states.levelRank[state], dense.flowLevelRank[flow]);
        const definite = states.definite[state] && verdict === "DEFINITE";
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

  const reached: ReachedOrganisation[] = [];
  const summaries = new Map<number, ReachedOrganisation>();
  for (const organisation of states.organisationsReached()) {
    if (organisation === startOrdinal) continue;
    const best = bestOf(states, organisation);
    const summary: ReachedOrganisation = {
      organisation: dense.organisations[organisation],
      hops: states.hops[best.evidence],
      bestLevelRank: best.levelRank,
      definite: best.definite,
      evidence: evidenceChain(graph, states, best.evidence, filters, direction),
    };
    reached.push(summary);
    summaries.set(organisation, summary);
  }

  // maxHops cut the answer exactly when one hop more would list a new organisation or improve
  // a level or certainty. One hop is enough to look: if it changes nothing, every state it
  // finds is matched, at some organisation already reached within maxHops, by a state at
  // least as identifying and as certain, and so is everything beyond it.
  const truncated = expand(frontier).some((state) => {
    const known = summaries.get(states.organisation[state]);
    return (
      known === undefined ||
      states.levelRank[state] < known.bestLevelRank ||
      (states.definite[state] && !known.definite)
    );
  });

  return { reached, truncated };
}

/** Growable parallel arrays of search states, indexed by state number. */
class StateTable {
  readonly organisation: number[] = [];
  readonly levelRank: number[] = [];
  readonly definite: boolean[] = [];
  /** state this one extends (toward the start), or -1 */
  readonly previous: number[] = [];
  /** flow ordinal of the hop that led here, or -1 */
  readonly flow: number[] = [];
  readonly hops: number[] = [];
  /** next state at the same organisation, or -1 */
  private readonly nextAtOrganisation: number[] = [];
  /**
   * Latest state at each organisation reached. A Map, not an array over all organisations,
   * so a search touching a thousand organisations does not pay for the other 24,000.
   */
  private readonly latestAt = new Map<number, number>();

  add(organisation: number, levelRank: number, definite: boolean, previous: number, flow: number, hops: number): number {
    const state = this.organisation.length;
    this.organisation.push(organisation);
    this.levelRank.push(levelRank);
    this.definite.push(definite);
    this.previous.push(previous);
    this.flow.push(flow);
    this.hops.push(hops);
    // Prepending keeps insertion O(1); readers that care about order use `hops`.
    this.nextAtOrganisation.push(this.latestAt.get(organisation) ?? -1);
    this.latestAt.set(organisation, state);
    return state;
  }

  /** Whether a state at `organisation` at least as identifying and as certain exists. */
  isDominated(organisation: number, levelRank: number, definite: boolean): boolean {
    for (let s = this.latestAt.get(organisation) ?? -1; s !== -1; s = this.nextAtOrganisation[s]) {
      if (this.levelRank[s] <= levelRank && (this.definite[s] || !definite)) return true;
    }
    return false;
  }

  /** Organisations with at least one state, in the order first reached. */
  organisationsReached(): Iterable<number> {
    return this.latestAt.keys();
  }

  /** States at `organisation`, most recently added first. */
  statesAt(organisation: number): number[] {
    const found: number[] = [];
    for (let s = this.latestAt.get(organisation) ?? -1; s !== -1; s = this.nextAtOrganisation[s]) found.push(s);
    return found;
  }
}

/** Best level and certainty over an organisation's states, and the state to show as evidence. */
function bestOf(
  states: StateTable,
  organisation: number,
): { levelRank: number; definite: boolean; evidence: number } {
  // Oldest first, so among equally good states the first found (deterministically) wins.
  const found = states.statesAt(organisation).reverse();
  let evidence = found[0];
  let levelRank = states.levelRank[evidence];
  let definite = states.definite[evidence];
  for (const s of found) {
    levelRank = Math.min(levelRank, states.levelRank[s]);
    definite ||= states.definite[s];
    // A shortest state is necessarily a simple path: a loop cut out of it would reach the
    // organisation in fewer hops.
    const shorter = states.hops[s] < states.hops[evidence];
    if (shorter || (states.hops[s] === states.hops[evidence] && isBetterEvidence(states, s, evidence))) {
      evidence = s;
    }
  }
  return { levelRank, definite, evidence };
}

function isBetterEvidence(states: StateTable, candidate: number, current: number): boolean {
  if (states.levelRank[candidate] !== states.levelRank[current]) {
    return states.levelRank[candidate] < states.levelRank[current];
  }
  return states.definite[candidate] && !states.definite[current];
}

/** The chain a state stands for, in travel order whichever way the search ran. */
function evidenceChain(
  graph: IndexedGraph,
  states: StateTable,
  state: number,
  filters: ResolvedFilters,
  direction: Direction,
): Chain {
  const { flows, organisations } = graph.dense;
  const hops: number[] = [];
  const orgs: string[] = [];
  for (let s = state; s !== -1; s = states.previous[s]) {
    orgs.push(organisations[states.organisation[s]]);
    if (states.flow[s] !== -1) hops.push(states.flow[s]);
  }
  // Walking back from a downstream state gives reverse travel order; from an upstream state
  // it already is travel order (source first, target last).
  if (direction === "downstream") {
    hops.reverse();
    orgs.reverse();
  }
  const last = flows[hops[hops.length - 1]];
  const coverage = filters.field === null ? null : fieldCoverage(graph, filters.field);
  return {
    hops: hops.map((h) => flows[h].id),
    organisations: orgs,
    level: levelOfRank(states.levelRank[state]),
    certainty: states.definite[state] ? "DEFINITE" : "POSSIBLE",
    fields: [...admitHop(last, filters, coverage)!.fields],
    inferredHops: hops.filter((h) => flows[h].basis === "INFERRED").map((h) => flows[h].id),
  };
}
