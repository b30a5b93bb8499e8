/** The API's enums and the shapes of the client's query results (see schema/schema.graphql). */

export const ORGANISATION_KINDS = [
  "SCHOOL",
  "LOCAL_AUTHORITY",
  "GOVERNMENT_DEPARTMENT",
  "NATIONAL_DATABASE",
  "REGULATOR",
  "HEALTH",
  "POLICE",
  "CAREERS_SERVICE",
  "EDUCATION_PROVIDER",
  "RESEARCH",
  "COMMERCIAL",
  "OTHER",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const LEVELS = ["INDIVIDUAL", "PSEUDONYMISED", "AGGREGATE", "ANONYMISED"] as const;
export type Level = (typeof LEVELS)[number];

export type Basis = "STATED" | "INFERRED";
export type ChainBasis = "STATED" | "STATED_OR_INFERRED";
export type Certainty = "DEFINITE" | "POSSIBLE";

export interface OrganisationSummary {
  id: string;
  name: string;
  kind: OrganisationKind;
  aliases: string[];
}

export interface FieldSummary {
  id: string;
  label: string;
  category: string;
  broader: { id: string }[];
}

/** A flow as the map draws it: enough to place, style, label and filter it. */
export interface FlowSummary {
  id: string;
  from: { id: string };
  to: { id: string };
  level: Level;
  basis: Basis;
  validFrom: string | null;
  validTo: string | null;
  /** validFrom/validTo narrowed by the lifetimes of the flow's two ends: what the map draws by */
  heldFrom: string | null;
  heldTo: string | null;
  minimumAge: number | null;
  fields: { optional: boolean; field: { id: string } }[];
}

export interface OptOutSummary {
  id: string;
  label: string;
}

export interface RegisterData {
  organisations: OrganisationSummary[];
  fields: FieldSummary[];
  flows: FlowSummary[];
  optOuts: OptOutSummary[];
}

/** The filters every reach question takes (the arguments of `recipients` and `onwardChains`). */
export interface ReachVariables {
  from: string;
  field?: string | null;
  maxHops: number;
  pupilAge?: number | null;
  optOuts?: string[] | null;
  asOf?: string | null;
  basis?: ChainBasis | null;
  identifiableOnly?: boolean | null;
}

export interface ReachRecipient {
  hops: number;
  level: Level;
  certainty: Certainty;
  organisation: { id: string };
  chain: { organisations: { id: string }[]; fields: { id: string }[]; hops: { id: string }[]; inferredHops: { id: string }[] };
}

export interface ReachChain {
  certainty: Certainty;
  hops: { id: string }[];
}

export interface ReachData {
  recipientsReport: { truncated: boolean; organisations: ReachRecipient[] };
  onwardChains: { truncated: boolean; chains: ReachChain[] };
}

export interface CitationData {
  quote: string;
  notice: { id: string; title: string };
}

/** A hop of an evidence chain, with what a plain sentence needs. */
export interface SentenceHop {
  id: string;
  basis: Basis;
  level: Level;
  from: { id: string; name: string };
  to: { id: string; name: string };
  fields: { optional: boolean; field: { id: string; label: string } }[];
  citations: CitationData[];
}

export interface EvidenceData {
  recipients: {
    hops: number;
    certainty: Certainty;
    organisation: { id: string };
    chain: { hops: SentenceHop[] };
  }[];
}

export interface FlowDetail {
  id: string;
  from: { id: string; name: string };
  to: { id: string; name: string };
  level: Level;
  basis: Basis;
  inferenceNote: string | null;
  purposes: string[];
  lawfulBasis: string | null;
  conditions: string | null;
  minimumAge: number | null;
  onRequest: boolean;
  approval: string | null;
  validFrom: string | null;
  validTo: string | null;
  heldFrom: string | null;
  heldTo: string | null;
  scope: { kind: "NATIONAL" | "AREA" | "ORGANISATION" | "COUNTERPART"; description: string };
  fields: { optional: boolean; field: { id: string; label: string } }[];
  optOuts: { id: string; label: string; exercisedBy: string; note: string | null; remainingFields: { id: string; label: string }[] }[];
  citations: CitationData[];
}

export interface FlowsBetweenData {
  flows: FlowDetail[];
}

export interface OrganisationFlowRef {
  id: string;
  level: Level;
  basis: Basis;
  from: { id: string; name: string };
  to: { id: string; name: string };
  fields: { optional: boolean; field: { id: string; label: string } }[];
}

export interface OrganisationDetailData {
  organisation: {
    id: string;
    name: string;
    kind: OrganisationKind;
    aliases: string[];
    contact: string | null;
    website: string | null;
    predecessors: { id: string; name: string }[];
    incoming: OrganisationFlowRef[];
    outgoing: OrganisationFlowRef[];
  } | null;
}
