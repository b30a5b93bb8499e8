import type { IndexedGraph } from "./indexed-graph";
import type { OrganisationIndex, StateTable } from "./state-table";

/**
 * A search's arrays by organisation (best level, certainty, hops and evidence of each reached).
 * At 24,000 schools they are 280 KB, zero-filled and then collected on every question, for the
 * few hundred organisations a school's recipients are: so one set is kept per graph and each
 * search puts back, before it returns, only the entries it wrote. Nothing reads them after.
 */
interface OrganisationScratch {
  bestLevelRank: Int8Array;
  bestCertaintyRank: Int8Array;
  hopsAt: Int32Array;
  evidenceAt: Int32Array;
  /** lent to the search's StateTable, which gives it back (detachIndex) before the search returns */
  index: OrganisationIndex;
  inUse: boolean;
}
const scratchByGraph = new WeakMap<IndexedGraph["dense"], OrganisationScratch>();

function newScratch(organisationCount: number): OrganisationScratch {
  const bestLevelRank = new Int8Array(organisationCount).fill(-1);
  return {
    bestLevelRank,
    bestCertaintyRank: new Int8Array(organisationCount),
    hopsAt: new Int32Array(organisationCount),
    evidenceAt: new Int32Array(organisationCount),
    index: { newestAt: new Int32Array(organisationCount).fill(-1), reachedInOrder: new Int32Array(organisationCount) },
    inUse: false,
  };
}

/** The graph's kept scratch, or a new one should a search be under way on it already. */
export function takeScratch(dense: IndexedGraph["dense"]): OrganisationScratch {
  let scratch = scratchByGraph.get(dense);
  if (scratch === undefined) scratchByGraph.set(dense, (scratch = newScratch(dense.organisations.length)));
  else if (scratch.inUse) return newScratch(dense.organisations.length);
  scratch.inUse = true;
  return scratch;
}

/**
 * Clears what a search wrote (only at the organisations it reached), takes the index back from
 * its table and gives the scratch back. The search calls it in a `finally`, so a search that
 * throws gives it back too: what it wrote is only ever at the organisations its table lists.
 */
export function putBackScratch(scratch: OrganisationScratch, states: StateTable): void {
  const reached = states.organisationsReached();
  for (let i = 0; i < reached.length; i++) {
    const organisation = reached[i];
    scratch.bestLevelRank[organisation] = -1;
    scratch.bestCertaintyRank[organisation] = 0;
    scratch.hopsAt[organisation] = 0;
    scratch.evidenceAt[organisation] = 0;
  }
  states.detachIndex();
  scratch.inUse = false;
}
