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
registerEnumType(Certainty, {
  name: "Certainty",
  description: "Whether every hop of a chain names the field (DEFINITE) or some hop only carries an umbrella that may contain it (POSSIBLE).",
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
