/**
 * Plain data the graph algorithms work on: no TypeORM, no GraphQL, no React.
 * The server builds one `RegisterGraph` snapshot from the database and rebuilds it after
 * every change; the algorithms in this folder only read it.
 */

export type Level = "INDIVIDUAL" | "PSEUDONYMISED" | "AGGREGATE" | "ANONYMISED" | "NOT_STATED";
export type Basis = "STATED" | "INFERRED";
export type Certainty = "DEFINITE" | "OPTIONAL" | "POSSIBLE";
/** How a notice puts a field on a flow (see FieldInclusion in the API). */
export type Inclusion = "INCLUDED" | "OPTIONAL" | "POSSIBLE";

export interface GraphField {
  id: string;
  /** ids of the fields directly under this umbrella field */
  narrower: string[];
  /**
   * the narrower fields a reference source itemises as certainly inside this umbrella (e.g. the
   * school census return's data items); a hop carrying the umbrella carries these DEFINITELY
   */
  itemised?: string[];
}

export interface GraphOptOut {
  id: string;
  /** fields that still flow once the opt-out is exercised */
  remainingFieldIds: string[];
  /**
   * whose data the opt-out binds on this flow: organisation ids (or roles, covering their
   * instances) the sender received it from. Null or absent: everything the flow carries.
   */
  receivedFrom?: string[] | null;
}

/**
 * Whose pupils a flow speaks for, when a notice states it for a role ("the school"):
 * - NATIONAL: every instance of the role (a DfE notice's "schools"); also the default;
 * - AREA: the instances in one LA's area (an area token: the LA's id, or `notice-area:<id>`
 *   for the notice's own unnamed LA);
 * - ORGANISATION: one named organisation's pupils;
 * - COUNTERPART: the role stands for the other party of one pupil ("the pupil's next school"),
 *   not for the notice's subject: no instance inherits it.
 */
export type FlowScope =
  | { kind: "NATIONAL" }
  | { kind: "AREA"; area: string }
  | { kind: "ORGANISATION"; organisation: string }
  | { kind: "COUNTERPART" };

export interface GraphFlow {
  id: string;
  from: string;
  to: string;
  fieldIds: string[];
  /**
   * the fields the notice does not simply include: OPTIONAL (the sender may leave it out) or
   * POSSIBLE ("some of this data"); absent fields are INCLUDED. Absent or empty for most flows.
   */
  fieldInclusion?: Readonly<Record<string, "OPTIONAL" | "POSSIBLE">> | null;
  level: Level;
  basis: Basis;
  minimumAge: number | null;
  /** ISO dates (YYYY-MM-DD) or null for open-ended */
  validFrom: string | null;
  validTo: string | null;
  optOuts: GraphOptOut[];
  /** whose pupils the flow speaks for; null or absent means NATIONAL */
  scope?: FlowScope | null;
  /**
   * set only on the copies `indexGraph` makes when a named instance inherits a role's flow:
   * the role the flow is stated for (the copy's `from` is the instance; its id is the flow's)
   */
  inheritedFrom?: string;
}

export interface GraphOrganisation {
  id: string;
  /** true for a general organisation a notice speaks of as a role ("a school", "the LA") */
  isRole?: boolean;
  /** for a named organisation, the role it is an instance of (e.g. `school`) */
  instanceOf?: string | null;
  /** the area token it belongs to (an LA's id; an LA's own area is itself), or null */
  area?: string | null;
  /** ISO dates of its lifetime, null = open; flows into or out of it hold only inside it */
  existedFrom?: string | null;
  existedTo?: string | null;
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
  /** ids of hops a named organisation inherits from its role (the flow's `from` is the role) */
  inheritedHops: string[];
  /** ids of hops whose notice does not state a level (counted as INDIVIDUAL in `level`) */
  unstatedLevelHops: string[];
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
