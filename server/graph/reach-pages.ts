import { createHash } from "node:crypto";
import { resolveFilters } from "./hop-filter";
import type { IndexedGraph } from "./indexed-graph";
import { searchReachOf } from "./reach";
import type { Direction, ReachSearch } from "./state-search";
import type { ChainFilters } from "./types";

/** How many finished searches each snapshot keeps for the pages after the first. */
export const REACH_SEARCHES_KEPT = 8;

/** A recipients or sources search, finished, with the fingerprints a page's cursor carries. */
export interface FinishedReach {
  readonly search: ReachSearch;
  /** fingerprint of the question: start, direction and filters as the search applies them */
  readonly question: string;
  /**
   * fingerprint of the answer (who, in what order, with what hops, level and certainty, and
   * whether maxHops cut it): equal on every snapshot that gives the same answer, in any process
   */
  readonly answer: () => string;
}

/**
 * Finished searches by snapshot. A snapshot is replaced, never changed, on every register
 * change, so a search kept on it can never be stale, and goes with it.
 */
const finishedBySnapshot = new WeakMap<IndexedGraph, Map<string, FinishedReach>>();

/**
 * The search `searchReachOf` makes, with its fingerprints. With `keep` (a paged question), it is
 * kept on the snapshot so that the pages after the first do not search again: at national scale
 * `sources(to: npd)` searches for tens of milliseconds and a page of 100 takes far less to send.
 * At most REACH_SEARCHES_KEPT per snapshot, least recently used dropped first (one national
 * answer holds about 24,000 entries and the search's states behind its evidence chains).
 * @throws RangeError when `maxHops` is out of range.
 */
export function finishedReach(graph: IndexedGraph, start: string, filters: ChainFilters, direction: Direction, keep = true): FinishedReach {
  const key = questionKey(start, filters, direction);
  if (!keep) return finish(searchReachOf(graph, start, filters, direction), key);
  let kept = finishedBySnapshot.get(graph);
  if (!kept) finishedBySnapshot.set(graph, (kept = new Map()));
  const found = kept.get(key);
  if (found) {
    // Most recently used last, so the first key is the one to drop.
    kept.delete(key);
    kept.set(key, found);
    return found;
  }
  const finished = finish(searchReachOf(graph, start, filters, direction), key);
  if (kept.size >= REACH_SEARCHES_KEPT) kept.delete(kept.keys().next().value!);
  kept.set(key, finished);
  return finished;
}

function finish(search: ReachSearch, key: string): FinishedReach {
  let answer: string | null = null;
  return { search, question: fingerprint(key), answer: () => (answer ??= answerFingerprint(search)) };
}

/** The question as the search applies it: defaults filled in, opt-outs in one order. */
function questionKey(start: string, filters: ChainFilters, direction: Direction): string {
  const resolved = resolveFilters(filters);
  return JSON.stringify([
    direction,
    start,
    resolved.field,
    resolved.maxHops,
    resolved.pupilAge,
    [...resolved.optOuts].sort(),
    resolved.asOf,
    resolved.statedOnly,
    resolved.identifiableOnly,
  ]);
}

/** Fingerprint of the answer a search gives, for telling whether a later snapshot changed it. */
export function answerFingerprint(search: ReachSearch): string {
  const lines = search.reached.map((r) => `${r.organisation}\t${r.hops}\t${r.level}\t${r.certainty}`);
  return fingerprint(`${search.truncated ? "truncated" : "whole"}\n${lines.join("\n")}`);
}

/** A short fingerprint: 96 bits, so two questions or answers never share one by chance. */
function fingerprint(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 16);
}
