import { resolveFilters } from "./hop-filter";
import type { IndexedGraph } from "./indexed-graph";
import { searchReach, type Direction, type ReachSearch } from "./state-search";
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
  return searchReach(graph, start, resolveFilters(filters), direction);
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
