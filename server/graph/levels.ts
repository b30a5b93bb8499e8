import type { Level } from "./types";

/**
 * Levels from most to least identifying. A level's rank is its position here, so
 * "the least identifying level on a chain" is simply the highest rank on it.
 */
export const LEVELS_MOST_TO_LEAST_IDENTIFYING: readonly Level[] = [
  "INDIVIDUAL",
  "PSEUDONYMISED",
  "AGGREGATE",
  "ANONYMISED",
];

/** Highest rank that still identifies a pupil (PSEUDONYMISED). */
const LAST_IDENTIFIABLE_RANK = 1;

/** Rank of a level: 0 = INDIVIDUAL (most identifying) … 3 = ANONYMISED. */
export function levelRank(level: Level): number {
  // An unknown level (bad data) counts as INDIVIDUAL: overstating exposure is the safe error.
  return Math.max(0, LEVELS_MOST_TO_LEAST_IDENTIFYING.indexOf(level));
}

/** The level with the given rank (inverse of `levelRank`). */
export function levelOfRank(rank: number): Level {
  return LEVELS_MOST_TO_LEAST_IDENTIFYING[rank];
}

/** Whether data at this rank still identifies pupils (INDIVIDUAL or PSEUDONYMISED). */
export function isIdentifiableRank(rank: number): boolean {
  return rank <= LAST_IDENTIFIABLE_RANK;
}
