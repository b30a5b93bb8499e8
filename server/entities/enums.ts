import { registerEnumType } from "type-graphql";

/** What kind of body an organisation is; drives the map's shapes and the `organisations(kind)` filter. */
export enum OrganisationKind {
  SCHOOL = "SCHOOL",
  LOCAL_AUTHORITY = "LOCAL_AUTHORITY",
  GOVERNMENT_DEPARTMENT = "GOVERNMENT_DEPARTMENT",
  NATIONAL_DATABASE = "NATIONAL_DATABASE",
  REGULATOR = "REGULATOR",
  HEALTH = "HEALTH",
  POLICE = "POLICE",
  CAREERS_SERVICE = "CAREERS_SERVICE",
  EDUCATION_PROVIDER = "EDUCATION_PROVIDER",
  RESEARCH = "RESEARCH",
  COMMERCIAL = "COMMERCIAL",
  /** the pupil and their parents or carers: not an organisation, but a recipient a notice names */
  FAMILY = "FAMILY",
  OTHER = "OTHER",
}

export enum FieldCategory {
  IDENTIFIERS = "IDENTIFIERS",
  CHARACTERISTICS = "CHARACTERISTICS",
  ATTENDANCE = "ATTENDANCE",
  ASSESSMENT = "ASSESSMENT",
  SEN = "SEN",
  MEDICAL = "MEDICAL",
  BEHAVIOUR = "BEHAVIOUR",
  PARENT = "PARENT",
  OTHER = "OTHER",
}

export enum DataSubject {
  PUPIL = "PUPIL",
  PARENT = "PARENT",
}

/** How identifying the data on a flow is, from most to least. */
export enum Level {
  INDIVIDUAL = "INDIVIDUAL",
  PSEUDONYMISED = "PSEUDONYMISED",
  AGGREGATE = "AGGREGATE",
  ANONYMISED = "ANONYMISED",
  /** the notice does not say; the chain algorithms treat it as INDIVIDUAL (the safe error) */
  NOT_STATED = "NOT_STATED",
}

/** Whether a notice includes a field on a flow outright, marks it optional, or only possibly includes it. */
export enum FieldInclusion {
  INCLUDED = "INCLUDED",
  OPTIONAL = "OPTIONAL",
  POSSIBLE = "POSSIBLE",
}

/** The recipient's role under UK GDPR, when a notice states it. */
export enum RecipientRole {
  CONTROLLER = "CONTROLLER",
  JOINT_CONTROLLER = "JOINT_CONTROLLER",
  PROCESSOR = "PROCESSOR",
  SUB_PROCESSOR = "SUB_PROCESSOR",
}

/** Where a fact the register records about an organisation (a name, a predecessor) comes from. */
export enum KnowledgeBasis {
  STATED = "STATED",
  OUTSIDE_KNOWLEDGE = "OUTSIDE_KNOWLEDGE",
}

export enum Basis {
  STATED = "STATED",
  INFERRED = "INFERRED",
}

/** Where a fact about an organisation (its lifetime) comes from. */
export enum LifetimeBasis {
  STATED = "STATED",
  OUTSIDE_KNOWLEDGE = "OUTSIDE_KNOWLEDGE",
}

/** Whose pupils a flow stated for a role speaks for. */
export enum ScopeKind {
  NATIONAL = "NATIONAL",
  AREA = "AREA",
  ORGANISATION = "ORGANISATION",
  COUNTERPART = "COUNTERPART",
}

export enum Certainty {
  DEFINITE = "DEFINITE",
  OPTIONAL = "OPTIONAL",
  POSSIBLE = "POSSIBLE",
}

registerEnumType(OrganisationKind, { name: "OrganisationKind", description: "What kind of body an organisation is." });
registerEnumType(FieldCategory, { name: "FieldCategory", description: "The group a pupil field belongs to." });
registerEnumType(DataSubject, { name: "DataSubject", description: "Whom a field is about." });
registerEnumType(Level, {
  name: "Level",
  description: "How identifying the data on a flow is, from most (INDIVIDUAL) to least (ANONYMISED).",
  valuesConfig: {
    INDIVIDUAL: { description: "Records about identifiable individual pupils." },
    PSEUDONYMISED: { description: "Individual records with direct identifiers replaced; still personal data." },
    AGGREGATE: { description: "Statistics about groups; individual pupils cannot be identified." },
    ANONYMISED: { description: "Data from which individual pupils cannot be identified." },
    NOT_STATED: { description: "The notice does not say at which level. Chain questions treat it as INDIVIDUAL (they never understate exposure) and list such hops in `unstatedLevelHops`." },
  },
});
registerEnumType(Basis, {
  name: "Basis",
  description: "Whether a notice states a flow outright or only implies it.",
  valuesConfig: {
    STATED: { description: "The notice says so outright." },
    INFERRED: { description: "Implied by a heading or context; see inferenceNote." },
  },
});
registerEnumType(FieldInclusion, {
  name: "FieldInclusion",
  description: "How a notice puts a field on a flow.",
  valuesConfig: {
    INCLUDED: { description: "The notice says the field passes." },
    OPTIONAL: { description: "The notice marks the field optional (\"not essential\"): the sender may leave it out." },
    POSSIBLE: { description: "The notice only possibly includes it (\"some of this data\"): which items pass is not said." },
  },
});
registerEnumType(RecipientRole, {
  name: "RecipientRole",
  description: "The recipient's role under UK GDPR, as the notice states it.",
  valuesConfig: {
    CONTROLLER: { description: "Decides for itself why and how it uses the data." },
    JOINT_CONTROLLER: { description: "Decides jointly with the sender." },
    PROCESSOR: { description: "Acts for the sender (an MIS, a messaging service): not an independent recipient." },
    SUB_PROCESSOR: { description: "Acts for a processor of the sender, on the controller's behalf (see actsFor)." },
  },
});
registerEnumType(KnowledgeBasis, {
  name: "KnowledgeBasis",
  description: "Where a fact about an organisation (another name, a predecessor) comes from.",
  valuesConfig: {
    STATED: { description: "A notice says so; see the citations." },
    OUTSIDE_KNOWLEDGE: { description: "Public knowledge outside the notices; see the note." },
  },
});
registerEnumType(Certainty, {
  name: "Certainty",
  description: "How surely the field travels the whole chain: the weakest hop decides.",
  valuesConfig: {
    DEFINITE: { description: "Every hop names the field (or an umbrella a reference source itemises it under)." },
    OPTIONAL: { description: "Every hop names it, but some notice marks it optional: the sender may leave it out." },
    POSSIBLE: { description: "Some hop only possibly carries it: an umbrella that may contain it, or a notice's \"some of this data\"." },
  },
});
registerEnumType(LifetimeBasis, {
  name: "LifetimeBasis",
  description: "Where an organisation's lifetime comes from.",
  valuesConfig: {
    STATED: { description: "A notice says so; see the citations." },
    OUTSIDE_KNOWLEDGE: { description: "Public knowledge outside the notices; see the note." },
  },
});
registerEnumType(ScopeKind, {
  name: "ScopeKind",
  description: "Whose pupils a flow speaks for, when a notice states it for a role (\"the school\").",
  valuesConfig: {
    NATIONAL: { description: "Every school (or LA) in England; named instances inherit it." },
    AREA: { description: "The schools (and the LA) of one LA's area; named instances there inherit it." },
    ORGANISATION: { description: "One named organisation's pupils." },
    COUNTERPART: { description: "The role stands for the other party of one pupil (the pupil's next school), not for the notice's subject; no instance inherits it." },
  },
});
