import { DEFINITE_RANK, OPTIONAL_RANK } from "./certainty";
import { fieldCarriedByHop, fieldCoverage, hopCertaintyRank, type FieldCoverage } from "./field-coverage";
import type { IndexedGraph } from "./indexed-graph";
import { isIdentifiableRank, levelRank } from "./levels";
import { MAX_HOPS, resolveLimit } from "./limits";
import { fieldsAfterOptOuts } from "./opt-outs";
import type { ChainFilters, GraphFlow } from "./types";

/** `ChainFilters` with defaults applied and limits checked, ready for per-hop tests. */
export interface ResolvedFilters {
  readonly field: string | null;
  readonly maxHops: number;
  readonly pupilAge: number | null;
  readonly optOuts: ReadonlySet<string>;
  readonly asOf: string | null;
  readonly statedOnly: boolean;
  readonly identifiableOnly: boolean;
  /**
   * sender sets whose bound opt-outs apply: those holding the chain's origin (see
   * received-from.ts); empty by default, so bound opt-outs spare the sender's own data
   */
  readonly boundSets: ReadonlySet<string>;
}

/** A flow that passed the filters, with what it contributes to a chain. */
export interface AdmittedHop {
  readonly flow: GraphFlow;
  /** rank of the flow's level (0 = INDIVIDUAL … 3 = ANONYMISED) */
  readonly levelRank: number;
  /** certainty rank (see certainty.ts): 0 when the hop surely carries the field */
  readonly certaintyRank: number;
  /** what a chain ending with this hop reports as `fields` */
  readonly fields: readonly string[];
}

/** How a flow fares under the filters, without building an `AdmittedHop`. */
export type HopVerdict = "REJECTED" | "POSSIBLE" | "OPTIONAL" | "DEFINITE";

/** Admits a flow as a hop for one request, or returns null when the filters leave it out. */
export type HopFilter = (flow: GraphFlow) => AdmittedHop | null;

/**
 * Applies defaults and checks limits.
 * @throws RangeError when `maxHops` is out of range.
 */
export function resolveFilters(filters: ChainFilters = {}): ResolvedFilters {
  return {
    field: filters.field ?? null,
    maxHops: resolveLimit(MAX_HOPS, filters.maxHops),
    pupilAge: filters.pupilAge ?? null,
    optOuts: new Set(filters.optOuts ?? []),
    asOf: filters.asOf ?? null,
    // Only STATED narrows: INFERRED, like null, means "inferred flows are welcome too".
    statedOnly: filters.basis === "STATED",
    identifiableOnly: filters.identifiableOnly ?? false,
    boundSets: new Set(),
  };
}

/**
 * Whether a flow applies to the pupil and day asked about, whatever the field: its age
 * threshold, validity window (both ends inclusive, null = open), basis, and level.
 */
export function flowInScope(flow: GraphFlow, filters: ResolvedFilters): boolean {
  if (filters.pupilAge !== null && flow.minimumAge !== null && flow.minimumAge > filters.pupilAge) {
    return false;
  }
  if (filters.asOf !== null) {
    // ISO YYYY-MM-DD strings order the same way as the dates they name.
    if (flow.validFrom !== null && flow.validFrom > filters.asOf) return false;
    if (flow.validTo !== null && filters.asOf > flow.validTo) return false;
  }
  if (filters.statedOnly && flow.basis !== "STATED") return false;
  // Levels only degrade along a chain, so a non-identifying hop can never lead to an
  // identifying chain: leaving it out stops traversal there.
  if (filters.identifiableOnly && !isIdentifiableRank(levelRank(flow.level))) return false;
  return true;
}

/**
 * A per-request hop test. Admissibility depends only on the flow and the filters, never on
 * the path taken, so each flow is judged once and remembered for the rest of the request.
 */
export function hopFilter(graph: IndexedGraph, filters: ResolvedFilters): HopFilter {
  const coverage = filters.field === null ? null : fieldCoverage(graph, filters.field);
  const judged = new Map<GraphFlow, AdmittedHop | null>();
  return (flow) => {
    let hop = judged.get(flow);
    if (hop === undefined) {
      hop = admitHop(flow, filters, coverage);
      judged.set(flow, hop);
    }
    return hop;
  };
}

/**
 * Whether the filters admit `flow`, and how; `coverage` is that of the field asked about
 * (null when none). Unmemoised: use `hopFilter` unless you keep your own memo.
 */
export function admitHop(
  flow: GraphFlow,
  filters: ResolvedFilters,
  coverage: FieldCoverage | null,
): AdmittedHop | null {
  const fieldIds = admittedFieldIds(flow, filters);
  if (fieldIds === null) return null;
  const rank = levelRank(flow.level);
  if (coverage === null) {
    // With no field asked, every flow carries "data", certainly.
    return { flow, levelRank: rank, certaintyRank: DEFINITE_RANK, fields: fieldIds };
  }
  const carried = fieldCarriedByHop(coverage, flow, fieldIds);
  if (carried === null) return null;
  return { flow, levelRank: rank, certaintyRank: carried.certaintyRank, fields: carried.fields };
}

/**
 * The same judgement as `admitHop`, allocating nothing unless an exercised opt-out narrows
 * the flow: for searches that meet hundreds of thousands of flows and need only the verdict.
 */
export function hopVerdict(
  flow: GraphFlow,
  filters: ResolvedFilters,
  coverage: FieldCoverage | null,
): HopVerdict {
  if (coverage === null && filters.optOuts.size === 0) {
    // The common unfiltered question: decide without touching the flow's field lists.
    return flowInScope(flow, filters) ? "DEFINITE" : "REJECTED";
  }
  const fieldIds = admittedFieldIds(flow, filters);
  if (fieldIds === null) return "REJECTED";
  if (coverage === null) return "DEFINITE";
  const rank = hopCertaintyRank(coverage, flow, fieldIds);
  return rank === -1 ? "REJECTED" : rank === DEFINITE_RANK ? "DEFINITE" : rank === OPTIONAL_RANK ? "OPTIONAL" : "POSSIBLE";
}

/** The fields an in-scope flow carries after opt-outs, or null when it is left out. */
function admittedFieldIds(flow: GraphFlow, filters: ResolvedFilters): readonly string[] | null {
  if (!flowInScope(flow, filters)) return null;
  if (filters.optOuts.size === 0 || flow.optOuts.length === 0) return flow.fieldIds;
  const fieldIds = fieldsAfterOptOuts(flow, filters.optOuts, filters.boundSets);
  // An opt-out that leaves nothing stops the flow altogether, even when no field is asked.
  return fieldIds !== flow.fieldIds && fieldIds.length === 0 ? null : fieldIds;
}
