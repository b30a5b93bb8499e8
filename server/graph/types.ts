/**
 * Plain data the graph algorithms work on: no TypeORM, no GraphQL, no React.
 * The server builds one `RegisterGraph` snapshot from the database and rebuilds it after
 * every change; the algorithms in this folder only read it.
 */

export type Level = "INDIVIDUAL" | "PSEUDONYMISED" | "AGGREGATE" | "ANONYMISED";
export type Basis = "STATED" | "INFERRED";
export type Certainty = "DEFINITE" | "POSSIBLE";

export interface GraphField {
  id: string;
  /** ids of the fields directly under this umbrella field */
  narrower: string[];
}

export interface GraphOptOut {
  id: string;
  /** fields that still flow once the opt-out is exercised */
  remainingFieldIds: string[];
}

export interface GraphFlow {
  id: string;
  from: string;
  to: string;
  fieldIds: string[];
  level: Level;
  basis: Basis;
  minimumAge: number | null;
  /** ISO dates (YYYY-MM-DD) or null for open-ended */
  validFrom: string | null;
  validTo: string | null;
  optOuts: GraphOptOut[];
}

export interface GraphOrganisation {
  id: string;
}

export interface RegisterGraphData {
  organisations: GraphOrganisation[];
  fields: GraphField[];
  flows: GraphFlow[];
}

/** The filters shared by onwardChains, recipients and sources. */
export interface ChainFilters {
  /** follow only hops that carry this field (or a broader/narrower one); null = any data */
  field?: string | null;
  maxHops?: number | null;
  pupilAge?: number | null;
  optOuts?: string[] | null;
  /** ISO date: only flows valid on that day */
  asOf?: string | null;
  /** STATED: stated flows only; null/undefined: stated and inferred */
  basis?: Basis | null;
  identifiableOnly?: boolean | null;
}

export interface Chain {
  /** flow ids in travel order (for sources: still in travel order, ending at the target) */
  hops: string[];
  /** organisation ids in travel order: hops.length + 1 of them */
  organisations: string[];
  /** the least identifying level on the chain */
  level: Level;
  certainty: Certainty;
  /** ids of the field(s) that travel on the last hop for the question asked */
  fields: string[];
  /** ids of hops whose basis is INFERRED */
  inferredHops: string[];
}

export interface ChainResult {
  chains: Chain[];
  truncated: boolean;
}

export interface Reach {
  organisation: string;
  /** fewest hops */
  hops: number;
  /** the most identifying level over all chains */
  level: Level;
  /** DEFINITE if any chain is */
  certainty: Certainty;
  /** one shortest chain, as evidence */
  chain: Chain;
}
