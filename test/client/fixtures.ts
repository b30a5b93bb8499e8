import type { FlowSummary, OrganisationKind, OrganisationSummary } from "../../client/src/api/types";

/** A small register for the client's pure modules: a school, its LA, the DfE, the NPD, a researcher. */
export const org = (id: string, kind: OrganisationKind, aliases: string[] = []): OrganisationSummary => ({
  id,
  name: id
    .split("-")
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(" "),
  kind,
  aliases,
});

export function flow(id: string, from: string, to: string, fields: string[], extra: Partial<FlowSummary> = {}): FlowSummary {
  return {
    id,
    from: { id: from },
    to: { id: to },
    level: "INDIVIDUAL",
    basis: "STATED",
    validFrom: null,
    validTo: null,
    minimumAge: null,
    fields: fields.map((f) => ({ inclusion: "INCLUDED" as const, field: { id: f, label: f } })),
    ...extra,
    heldFrom: extra.heldFrom ?? extra.validFrom ?? null,
    heldTo: extra.heldTo ?? extra.validTo ?? null,
  };
}

export const ORGANISATIONS = [
  org("school-a", "SCHOOL", ["School A"]),
  org("la-a", "LOCAL_AUTHORITY", ["the LA"]),
  org("dfe", "GOVERNMENT_DEPARTMENT", ["DCSF", "DfES"]),
  org("npd", "NATIONAL_DATABASE", ["NPD"]),
  org("researcher", "RESEARCH"),
  org("careers", "CAREERS_SERVICE"),
];

export const FLOWS = [
  flow("f1", "school-a", "la-a", ["ethnicity", "gender"]),
  flow("f2", "school-a", "la-a", ["attendance"]),
  flow("f3", "la-a", "dfe", ["ethnicity"], { validFrom: "2010-01-01" }),
  flow("f4", "dfe", "npd", ["ethnicity", "gender", "upn", "name"], { basis: "INFERRED" }),
  flow("f5", "npd", "researcher", ["ethnicity"], { level: "PSEUDONYMISED" }),
  flow("f6", "school-a", "careers", ["name"], { minimumAge: 13, validTo: "2012-03-31" }),
  flow("f7", "dfe", "la-a", ["ethnicity"], { level: "AGGREGATE" }),
];

export const FIELD_LABELS = new Map([
  ["ethnicity", "Ethnicity"],
  ["gender", "Gender"],
  ["attendance", "Attendance"],
  ["upn", "Unique Pupil Number (UPN)"],
  ["name", "Pupil name"],
]);
