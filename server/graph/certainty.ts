import type { Certainty, GraphFlow } from "./types";

/**
 * Certainties from most to least sure. A rank is the position here, so a chain's certainty is
 * simply the highest rank of its hops (the weakest hop decides), and "at least as certain" is
 * "rank at most".
 */
const CERTAINTIES_MOST_TO_LEAST_SURE: readonly Certainty[] = ["DEFINITE", "OPTIONAL", "POSSIBLE"];

export const DEFINITE_RANK = 0;
export const OPTIONAL_RANK = 1;
export const POSSIBLE_RANK = 2;

export function certaintyOfRank(rank: number): Certainty {
  return CERTAINTIES_MOST_TO_LEAST_SURE[rank];
}

/**
 * How surely `flow` carries a field it lists: DEFINITE when the notice includes it, OPTIONAL when
 * the notice marks it optional (the sender may leave it out), POSSIBLE when the notice only
 * possibly includes it. A field the flow does not list itself (an opt-out's remaining field
 * standing in for what the flow lists) takes the weakest inclusion on the flow: an opt-out narrows
 * what passes, it never makes a field the notice only possibly includes certain.
 */
export function inclusionRank(flow: GraphFlow, fieldId: string): number {
  const inclusions = flow.fieldInclusion;
  if (!inclusions) return DEFINITE_RANK;
  const inclusion = inclusions[fieldId];
  if (inclusion !== undefined) return inclusion === "OPTIONAL" ? OPTIONAL_RANK : POSSIBLE_RANK;
  if (flow.fieldIds.includes(fieldId)) return DEFINITE_RANK;
  let weakest = DEFINITE_RANK;
  for (const id in inclusions) weakest = Math.max(weakest, inclusions[id] === "OPTIONAL" ? OPTIONAL_RANK : POSSIBLE_RANK);
  return weakest;
}
