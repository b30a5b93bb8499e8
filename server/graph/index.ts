/**
 * Pure graph algorithms over the register: who passes which pupil data to whom, onwards.
 * Build an `IndexedGraph` once per register change, then answer requests against it.
 */
export * from "./types";
export { indexGraph, type IndexedGraph } from "./indexed-graph";
export { onwardChains, type OnwardChainsOptions } from "./onward-chains";
export { recipientsOf, sourcesOf, searchReachOf, type RecipientsResult, type SourcesResult } from "./reach";
export type { Direction, ReachSearch, ReachSummary } from "./state-search";
export { summaryList, type ReachList } from "./reach-list";
export { fieldCoverage, fieldCarriedByHop, type FieldCoverage, type CarriedField } from "./field-coverage";
export { LEVELS_MOST_TO_LEAST_IDENTIFYING, levelRank, levelOfRank, isIdentifiableRank } from "./levels";
export { MAX_HOPS, FIRST, resolveLimit, type Limit } from "./limits";
export { finishedReach, answerFingerprint, REACH_SEARCHES_KEPT, type FinishedReach } from "./reach-pages";
