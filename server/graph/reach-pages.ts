import { createHash } from "node:crypto";
import { certaintyOfRank } from "./certainty";
import { resolveFilters } from "./hop-filter";
import type { IndexedGraph } from "./indexed-graph";
import { LEVELS_MOST_TO_LEAST_IDENTIFYING, levelRank } from "./levels";
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

/**
 * Fingerprint of the answer a search gives, for telling whether a later snapshot changed it: the
 * organisations in order with their hops, level and certainty, and `truncated`. Two 32-bit
 * multiply-xor lanes over the text, mixed at the end (cyrb53's scheme, kept to 64 bits), rather
 * than sha256: at national scale the answer is 24,000 lines, and building them as one string to
 * hash cost 5-15 ms of a first page's time; this reads the ids where they are. It
 * tells changes apart, not adversaries: a forged cursor can only ask for a page of an answer its
 * sender could ask for anyway.
 */
export function answerFingerprint(search: ReachSearch): string {
  const reached = search.reached;
  const levelRanks = LEVEL_RANKS;
  const certaintyRanks = CERTAINTY_RANKS;
  let h1 = 0xdeadbeef ^ (search.truncated ? 1 : 0);
  let h2 = 0x41c6ce57 ^ reached.length;
  for (let k = 0; k < reached.length; k++) {
    const r = reached[k];
    const id = r.organisation;
    for (let i = 0; i < id.length; i++) {
      const code = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
    // After the id, a code no character has (they stop at 0xffff): its hops, level and certainty.
    const tail = 0x10000 + r.hops * 64 + levelRanks.get(r.level)! * 8 + certaintyRanks.get(r.certainty)!;
    h1 = Math.imul(h1 ^ tail, 2654435761);
    h2 = Math.imul(h2 ^ tail, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const bytes = Buffer.alloc(8);
  bytes.writeUInt32BE(h1 >>> 0, 0);
  bytes.writeUInt32BE(h2 >>> 0, 4);
  return bytes.toString("base64url");
}

// Ranks by name in maps rather than a function per entry: 24,000 entries at national scale.
const LEVEL_RANKS = new Map<string, number>(LEVELS_MOST_TO_LEAST_IDENTIFYING.map((level) => [level, levelRank(level)]));
const CERTAINTY_RANKS = new Map<string, number>([0, 1, 2].map((rank) => [certaintyOfRank(rank), rank]));

/** A short fingerprint: 96 bits, so two questions or answers never share one by chance. */
function fingerprint(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 16);
}
