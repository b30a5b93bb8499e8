import { ADMITTED_ENTRIES_KEPT, AdmittedRows, type EntryBudget } from "./admitted-rows";
import { fieldCoverage, type FieldCoverage } from "./field-coverage";
import { hopVerdict, type ResolvedFilters } from "./hop-filter";
import type { IndexedGraph } from "./indexed-graph";

/** A flow's verdict as `VerdictTable` stores it; 0 means not judged yet. */
export const NOT_JUDGED = 0;
export const REJECTED = 1;
export const POSSIBLE = 2;
export const OPTIONAL = 3;
export const DEFINITE = 4;

const CODE = { REJECTED, POSSIBLE, OPTIONAL, DEFINITE } as const;

/** The certainty rank (see certainty.ts) of an admitted verdict: DEFINITE 0, OPTIONAL 1, POSSIBLE 2. */
export function verdictCertaintyRank(verdict: number): number {
  return DEFINITE - verdict;
}

/** How many sets of filters keep their table on a snapshot (each is one byte per flow). */
export const VERDICT_TABLES_KEPT = 16;

/**
 * Every flow's verdict under one set of filters, by flow ordinal, judged on first use.
 *
 * Why: a recipients search from a school judges thousands of flows (every flow out of the DfE,
 * the NPD, the LA...), and the next question about the same field judges most of them again.
 * A verdict depends only on the flow and the filters, never on the question's start or path,
 * so it is kept on the snapshot and shared by every question with the same filters: one byte
 * per flow (600 KB at national scale), at most `VERDICT_TABLES_KEPT` tables, least recently
 * used dropped first. A new snapshot (after any change) starts with none.
 */
export class VerdictTable {
  /**
   * The verdicts judged so far, by flow ordinal (NOT_JUDGED for the others): a search's inner
   * loop reads them here and calls `verdict` only for those not judged yet, as a method call per
   * flow examined showed in its profile.
   */
  readonly verdicts: Uint8Array;
  private readonly coverage: FieldCoverage | null;
  private readonly admitted: { downstream: AdmittedRows | null; upstream: AdmittedRows | null } = { downstream: null, upstream: null };

  constructor(
    private readonly graph: IndexedGraph,
    private readonly filters: ResolvedFilters,
    /** room for its admitted rows (see admitted-rows.ts): the snapshot's when the table is kept on it */
    private readonly entriesLeft: EntryBudget = { left: ADMITTED_ENTRIES_KEPT },
  ) {
    this.verdicts = new Uint8Array(graph.dense.flows.length);
    this.coverage = filters.field === null ? null : fieldCoverage(graph, filters.field);
  }

  /** REJECTED, POSSIBLE, OPTIONAL or DEFINITE for the flow with this ordinal. */
  verdict(flow: number): number {
    let verdict = this.verdicts[flow];
    if (verdict === NOT_JUDGED) {
      verdict = CODE[hopVerdict(this.graph.dense.flows[flow], this.filters, this.coverage)];
      this.verdicts[flow] = verdict;
    }
    return verdict;
  }

  /** The flows out of (downstream) or into (upstream) each organisation that these filters admit. */
  admittedRows(downstream: boolean): AdmittedRows {
    const kept = downstream ? this.admitted.downstream : this.admitted.upstream;
    if (kept !== null) return kept;
    const dense = this.graph.dense;
    const rows = new AdmittedRows(
      {
        offsets: downstream ? dense.outOffsets : dense.inOffsets,
        members: downstream ? dense.outFlows : dense.inFlows,
        far: downstream ? dense.flowTo : dense.flowFrom,
        flowLevelRank: dense.flowLevelRank,
        certaintyRank: (flow) => {
          const verdict = this.verdict(flow);
          return verdict === REJECTED ? -1 : verdictCertaintyRank(verdict);
        },
      },
      this.entriesLeft,
    );
    if (downstream) this.admitted.downstream = rows;
    else this.admitted.upstream = rows;
    return rows;
  }

  /** Entries its admitted rows hold. */
  admittedEntries(): number {
    return (this.admitted.downstream?.size ?? 0) + (this.admitted.upstream?.size ?? 0);
  }
}

/** The shared table for these filters on this snapshot, made if needed. */
export function verdictTable(graph: IndexedGraph, filters: ResolvedFilters): VerdictTable {
  const cache = graph.verdictCache;
  const key = filtersKey(filters);
  let table = cache.get(key);
  if (table) {
    // Most recently used last, so the first key is the one to drop.
    cache.delete(key);
  } else {
    // An unknown field id never has a table kept: odd requests must not evict useful ones.
    if (filters.field !== null && !graph.fieldIds.has(filters.field)) return new VerdictTable(graph, filters);
    table = new VerdictTable(graph, filters, graph.admittedEntriesLeft);
    if (cache.size >= VERDICT_TABLES_KEPT) {
      const dropped = cache.keys().next().value!;
      graph.admittedEntriesLeft.left += cache.get(dropped)!.admittedEntries();
      cache.delete(dropped);
    }
  }
  cache.set(key, table);
  return table;
}

/** Everything a verdict depends on (maxHops does not: it limits the search, not the hops): the key its table is kept under. */
export function filtersKey(filters: ResolvedFilters): string {
  return JSON.stringify([
    filters.field,
    filters.pupilAge,
    [...filters.optOuts].sort(),
    filters.asOf,
    filters.statedOnly,
    filters.identifiableOnly,
    [...filters.boundSets].sort(),
  ]);
}
