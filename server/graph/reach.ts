import { resolveFilters } from "./hop-filter";
import { boundSetsFor } from "./received-from";
import type { IndexedGraph } from "./indexed-graph";
import { searchReach, type Direction, type ReachSearch } from "./state-search";
import { summaryList } from "./reach-list";
import type { ChainFilters, Reach } from "./types";

/** Organisations the data can reach, and whether maxHops cut the answer. */
export interface RecipientsResult {
  /** ordered by hops, then organisation id */
  recipients: Reach[];
  /** true when a larger maxHops would add an organisation or improve a level or certainty */
  truncated: boolean;
}

/** Organisations whose data can reach the target, and whether maxHops cut the answer. */
export interface SourcesResult {
  /** ordered by hops, then organisation id */
  sources: Reach[];
  /** true when a larger maxHops would add an organisation or improve a level or certainty */
  truncated: boolean;
}

/**
 * Every organisation (other than `from`) that data from `from` can reach within maxHops along
 * hops passing the filters: fewest hops, most identifying level and best certainty over all
 * chains to it, and one shortest chain as evidence.
 * @throws RangeError when `maxHops` is out of range.
 */
export function recipientsOf(
  graph: IndexedGraph,
  from: string,
  filters: ChainFilters = {},
): RecipientsResult {
  const { reaches, truncated } = reach(graph, from, filters, "downstream");
  return { recipients: reaches, truncated };
}

/**
 * The same question read upstream: every organisation (other than `to`) whose data can
 * reach `to` within maxHops. Evidence chains are in travel order, ending at `to`, and their
 * `fields` are those on the hop into `to`.
 * @throws RangeError when `maxHops` is out of range.
 */
export function sourcesOf(
  graph: IndexedGraph,
  to: string,
  filters: ChainFilters = {},
): SourcesResult {
  const { reaches, truncated } = reach(graph, to, filters, "upstream");
  return { sources: reaches, truncated };
}

/**
 * `recipientsOf` (downstream) or `sourcesOf` (upstream) with each evidence chain built only
 * when `evidence(i)` is called: for callers that often need no chains (the API).
 * @throws RangeError when `maxHops` is out of range.
 */
export function searchReachOf(graph: IndexedGraph, start: string, filters: ChainFilters, direction: Direction): ReachSearch {
  const resolved = resolveFilters(filters);
  if (direction === "downstream") return searchReach(graph, start, { ...resolved, boundSets: boundSetsFor(graph, start, resolved.optOuts) }, direction);
  // Upstream, whether a bound opt-out applies depends on the source: search once per class of
  // sources it applies to alike (once, when no bound opt-out is exercised), and merge.
  const classes = new Map<string, { boundSets: Set<string>; members: Set<number> }>();
  if (graph.boundOptOuts.some((b) => resolved.optOuts.has(b.optOut))) {
    graph.dense.organisations.forEach((id, ordinal) => {
      const boundSets = boundSetsFor(graph, id, resolved.optOuts);
      const key = [...boundSets].sort().join(" ");
      const entry = classes.get(key) ?? { boundSets, members: new Set<number>() };
      entry.members.add(ordinal);
      classes.set(key, entry);
    });
  }
  if (classes.size <= 1) return searchReach(graph, start, { ...resolved, boundSets: classes.values().next().value?.boundSets ?? new Set() }, direction);
  const searches = [...classes.values()].map(({ boundSets, members }) => searchReach(graph, start, { ...resolved, boundSets }, direction, (o) => members.has(o)));
  return mergeSearches(graph, searches);
}

/** One answer from searches whose sources are disjoint: ordered by hops, then id. */
function mergeSearches(graph: IndexedGraph, searches: ReachSearch[]): ReachSearch {
  const order = graph.dense.organisationOrder;
  const ordinalOf = graph.dense.ordinalOf;
  const entries = searches.flatMap((search) => search.reached.map((summary, i) => ({ summary, evidence: () => search.evidence(i) })));
  entries.sort((a, b) => a.summary.hops - b.summary.hops || order[ordinalOf.get(a.summary.organisation)!] - order[ordinalOf.get(b.summary.organisation)!]);
  const reached = entries.map((e) => e.summary);
  return {
    reached,
    list: summaryList(reached),
    evidence: (i) => entries[i].evidence(),
    truncated: searches.some((s) => s.truncated),
    flowsFollowed: () => [...new Set(searches.flatMap((s) => s.flowsFollowed()))],
  };
}

function reach(
  graph: IndexedGraph,
  start: string,
  filters: ChainFilters,
  direction: Direction,
): { reaches: Reach[]; truncated: boolean } {
  const { reached, evidence, truncated } = searchReachOf(graph, start, filters, direction);
  return { reaches: reached.map((summary, i) => ({ ...summary, chain: evidence(i) })), truncated };
}
