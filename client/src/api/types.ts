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
  "FAMILY",
  "OTHER",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const LEVELS = ["INDIVIDUAL", "PSEUDONYMISED", "AGGREGATE", "ANONYMISED", "NOT_STATED"] as const;
export type Level = (typeof LEVELS)[number];

export type Basis = "STATED" | "INFERRED";
export type ChainBasis = "STATED" | "STATED_OR_INFERRED";
export type Certainty = "DEFINITE" | "OPTIONAL" | "POSSIBLE";
/** How a notice puts a field on a flow: outright, marked optional, or only possibly. */
export type Inclusion = "INCLUDED" | "OPTIONAL" | "POSSIBLE";
export type RecipientRole = "CONTROLLER" | "JOINT_CONTROLLER" | "PROCESSOR" | "SUB_PROCESSOR";

export type KnowledgeBasis = "STATED" | "OUTSIDE_KNOWLEDGE";

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
  fields: { inclusion: Inclusion; field: { id: string } }[];
  /** the recipient's role when the notice states it; a processor acts for `actsFor` */
  recipientRole?: RecipientRole | null;
  actsFor?: { id: string } | null;
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
  chain: {
    organisations: { id: string }[];
    fields: { id: string }[];
    hops: { id: string }[];
    inferredHops: { id: string }[];
    /** hops whose notice states no level: the register counts them as individual (absent in older answers) */
    unstatedLevelHops?: { id: string }[];
  };
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
  /** true when the quote was checked against the notice's stored text */
  verbatim: boolean;
  notice: { id: string; title: string };
}

/** A hop of an evidence chain, with what a plain sentence needs. */
export interface SentenceHop {
  id: string;
  basis: Basis;
  level: Level;
  from: { id: string; name: string };
  to: { id: string; name: string };
  fields: { inclusion: Inclusion; field: { id: string; label: string } }[];
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
  fields: { inclusion: Inclusion; field: { id: string; label: string } }[];
  optOuts: { id: string; label: string; exercisedBy: string; note: string | null; remainingFields: { id: string; label: string }[] }[];
  citations: CitationData[];
  recipientRole: RecipientRole | null;
  actsFor: { id: string; name: string } | null;
  conflicts: { note: string; flow: { id: string; basis: Basis; level: Level; from: { id: string; name: string }; to: { id: string; name: string } } }[];
}

export interface FlowsBetweenData {
  flows: FlowDetail[];
}

export interface OrganisationFlowRef {
  id: string;
  level: Level;
  basis: Basis;
  recipientRole: RecipientRole | null;
  from: { id: string; name: string };
  to: { id: string; name: string };
  fields: { inclusion: Inclusion; field: { id: string; label: string } }[];
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
    isUnnamed: boolean;
    aliasSources: { name: string; basis: KnowledgeBasis; note: string | null; citations: CitationData[] }[];
    predecessorSources: { organisation: { id: string; name: string }; basis: KnowledgeBasis; note: string | null; citations: CitationData[] }[];
    holds: { id: string; retention: string | null; retentionSetBy: string | null; note: string | null; fields: { id: string; label: string }[]; citations: CitationData[] }[];
    actsFor: { id: string; name: string }[];
    incoming: OrganisationFlowRef[];
    outgoing: OrganisationFlowRef[];
  } | null;
}
