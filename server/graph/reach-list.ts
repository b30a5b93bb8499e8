import type { Certainty, Level, Reach } from "./types";

/** An organisation reached, without its evidence chain (see `ReachSearch.evidence`). */
export type ReachSummary = Omit<Reach, "chain">;

/**
 * A search's answer read by position, without an object per organisation reached: what the lean
 * writer (server/lean/reach-json.ts) reads. `ReachSearch.reached` is the same answer as objects.
 */
export interface ReachList {
  readonly length: number;
  organisation(i: number): string;
  hops(i: number): number;
  level(i: number): Level;
  certainty(i: number): Certainty;
}

/**
 * A search's answer as the columns it was found in: organisations by number, and each one's
 * hops, level and certainty as small numbers.
 *
 * Why: a national recipients answer is 400 organisations, and the object per organisation that
 * `reached` holds outlived V8's young generation often enough (answers that are kept, such as
 * sources pages) that V8 began allocating them straight into the old one, where only a full
 * collection frees them: under load they were 40% of the heap the server grew by. The lean
 * writer reads these columns; the objects are made only when `summaries` is asked for.
 */
export class ReachColumns implements ReachList {
  private made: ReachSummary[] | null = null;

  constructor(
    /** every organisation's id, by number (the graph's dense numbering) */
    private readonly ids: readonly string[],
    /**
     * Each organisation reached by number, and its hops, level rank and certainty rank packed in
     * one small integer (`packReach`). Plain arrays of small integers rather than typed arrays:
     * each typed array has a buffer outside V8's heap, and five of them per question (a few
     * thousand a second) made V8 run full collections for that outside memory, 40-55 ms each.
     */
    private readonly ordinals: readonly number[],
    private readonly packed: readonly number[],
    private readonly levels: readonly Level[],
    private readonly certainties: readonly Certainty[],
  ) {}

  get length(): number {
    return this.ordinals.length;
  }
  organisation(i: number): string {
    return this.ids[this.ordinals[i]];
  }
  hops(i: number): number {
    return this.packed[i] >> 8;
  }
  level(i: number): Level {
    return this.levels[(this.packed[i] >> 4) & 15];
  }
  certainty(i: number): Certainty {
    return this.certainties[this.packed[i] & 15];
  }

  /** The answer as objects, made on first use and then kept. */
  summaries(): ReachSummary[] {
    if (this.made === null) {
      const made = new Array<ReachSummary>(this.length);
      for (let i = 0; i < made.length; i++) made[i] = { organisation: this.organisation(i), hops: this.hops(i), level: this.level(i), certainty: this.certainty(i) };
      this.made = made;
    }
    return this.made;
  }
}

/** Hops, level rank (under 16) and certainty rank (under 16) as one small integer, for ReachColumns. */
export function packReach(hops: number, levelRank: number, certaintyRank: number): number {
  return (hops << 8) | (levelRank << 4) | certaintyRank;
}

/** A list over answers already made as objects (merged searches, tests). */
export function summaryList(summaries: readonly ReachSummary[]): ReachList {
  return {
    length: summaries.length,
    organisation: (i) => summaries[i].organisation,
    hops: (i) => summaries[i].hops,
    level: (i) => summaries[i].level,
    certainty: (i) => summaries[i].certainty,
  };
}
