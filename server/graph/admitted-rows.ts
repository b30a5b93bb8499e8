/** A row not built yet (see `AdmittedRows.start`). */
export const NOT_BUILT = -1;
/** A row that is not kept: the table's entries ran out, and the search reads the whole adjacency. */
export const NOT_KEPT = -2;

/**
 * Entries the admitted rows of one snapshot's verdict tables may hold together, both directions
 * (10 bytes each, so 20 MB, and up to twice that in arrays while they grow): a national `sources(to: npd)` with a field uses about 75,000, without
 * one about 320,000, and every row of a table without a field 1,250,000.
 */
export const ADMITTED_ENTRIES_KEPT = 1 << 21;

/** What building a row reads: one direction of the adjacency and the filters' verdicts. */
export interface RowSource {
  readonly offsets: Int32Array;
  readonly members: Int32Array;
  /** the organisation at the far end of each flow, by flow ordinal */
  readonly far: Int32Array;
  readonly flowLevelRank: Int8Array;
  /** the certainty rank under the filters of the flow with this ordinal, or -1 when they reject it */
  readonly certaintyRank: (flow: number) => number;
}

/** Room shared by the rows of a snapshot's verdict tables (see ADMITTED_ENTRIES_KEPT). */
export interface EntryBudget {
  left: number;
}

/**
 * One direction of the adjacency with only the flows one set of filters admits, each with what a
 * search needs of it side by side (flow, far end, level rank, certainty rank), built one
 * organisation's row at a time when a search first expands it.
 *
 * Why: `sources(to: npd)` examines 220,000 flows at national scale, two thirds of which its field
 * rejects, and reading each one's verdict, far end and level from arrays indexed by flow ordinal
 * (scattered over 600,000 flows) was most of the search's time, in cache misses. A row here is
 * read in order, and the rejected flows are not in it. Rows depend on the filters alone, so they
 * live with the verdict table and serve every later search with the same filters. The tables of
 * a snapshot keep at most ADMITTED_ENTRIES_KEPT entries together, and a table dropped gives its
 * room back: past that, rows are not kept and a search reads them from the whole adjacency as
 * before, with the same answer.
 */
export class AdmittedRows {
  /** first entry of each organisation's row, or NOT_BUILT, or NOT_KEPT */
  readonly start: Int32Array;
  /** end (exclusive) of each organisation's row, once built */
  readonly end: Int32Array;
  flow = new Int32Array(1024);
  far = new Int32Array(1024);
  levelRank = new Int8Array(1024);
  certaintyRank = new Int8Array(1024);
  /** entries held: `build` appends to the arrays */
  size = 0;

  constructor(
    private readonly source: RowSource,
    private readonly budget: EntryBudget,
  ) {
    const organisations = source.offsets.length - 1;
    this.start = new Int32Array(organisations).fill(NOT_BUILT);
    this.end = new Int32Array(organisations);
  }

  /**
   * Builds the row of `organisation` and returns its first entry, or NOT_KEPT when the table has no
   * room left for it. The entry arrays may be replaced: read them again afterwards.
   */
  build(organisation: number): number {
    const { offsets, members, far, flowLevelRank, certaintyRank } = this.source;
    const first = offsets[organisation];
    const last = offsets[organisation + 1];
    if (last - first > this.budget.left) return (this.start[organisation] = NOT_KEPT);
    const begin = this.size;
    for (let e = first; e < last; e++) {
      const flow = members[e];
      const rank = certaintyRank(flow);
      if (rank === -1) continue;
      if (this.size === this.flow.length) this.grow();
      const entry = this.size++;
      this.flow[entry] = flow;
      this.far[entry] = far[flow];
      this.levelRank[entry] = flowLevelRank[flow];
      this.certaintyRank[entry] = rank;
    }
    this.budget.left -= this.size - begin;
    this.end[organisation] = this.size;
    return (this.start[organisation] = begin);
  }

  private grow(): void {
    const capacity = this.flow.length * 2;
    const grown = <T extends Int32Array | Int8Array>(array: T): T => {
      const bigger = new (array.constructor as new (length: number) => T)(capacity);
      bigger.set(array);
      return bigger;
    };
    this.flow = grown(this.flow);
    this.far = grown(this.far);
    this.levelRank = grown(this.levelRank);
    this.certaintyRank = grown(this.certaintyRank);
  }
}
