import { Origin, Problem, problemAt } from "./problems";
import { FlowRecord, NoticeRecord, OrganisationRecord, ScopeRecord } from "./records";

/** Ids that records may refer to: a Set, or a view over several (the register's and the import's). */
export interface IdSet {
  has(id: string): boolean;
}

/** Reports `id` as unknown unless `ids` holds it (validate.ts's reference check). */
export type Refer = (origin: Origin, path: (string | number)[], kind: string, id: string, ids: IdSet) => void;

/**
 * A flow's scope as stored (one text column): `NATIONAL`, `COUNTERPART`, `AREA:<token>` or
 * `ORGANISATION:<id>`; a notice's own unnamed area is the token `notice-area:<notice id>`.
 */
export function encodeScope(scope: ScopeRecord, noticeId: string | null): string {
  if (scope === "national") return "NATIONAL";
  if (scope === "counterpart") return "COUNTERPART";
  if (scope === "notice-area") return `AREA:notice-area:${noticeId}`;
  if ("area" in scope) return `AREA:${scope.area}`;
  return `ORGANISATION:${scope.organisation}`;
}

/** Checks an organisation's role, instance, area and lifetime; returns its area (an LA instance's is itself). */
export function checkRoleAndLifetime(
  value: OrganisationRecord,
  origin: Origin,
  roleIds: IdSet,
  orgIds: IdSet,
  refer: Refer,
  problems: Problem[],
): string | null {
  if (value.instanceOf !== null) {
    refer(origin, ["instanceOf"], "organisation", value.instanceOf, orgIds);
    if (orgIds.has(value.instanceOf) && !roleIds.has(value.instanceOf)) problems.push(problemAt(origin, ["instanceOf"], `\`${value.instanceOf}\` is not a role: mark the general organisation with \`role: true\``));
    if (value.role) problems.push(problemAt(origin, ["instanceOf"], "a role is not an instance of another role"));
  }
  if (value.area !== null) refer(origin, ["area"], "organisation", value.area, orgIds);
  if (value.existedFrom && value.existedTo && value.existedFrom > value.existedTo) problems.push(problemAt(origin, ["existedTo"], `ends (${value.existedTo}) before it starts (${value.existedFrom})`));
  if ((value.existedFrom || value.existedTo) && !value.lifetime) problems.push(problemAt(origin, ["lifetime"], "a lifetime needs its basis: `lifetime: { basis: STATED, citations: [...] }` or `{ basis: OUTSIDE_KNOWLEDGE, note: ... }`"));
  if (value.lifetime?.basis === "STATED" && value.lifetime.citations.length === 0) problems.push(problemAt(origin, ["lifetime", "citations"], "a STATED lifetime cites the notice that states it"));
  if (value.lifetime?.basis === "OUTSIDE_KNOWLEDGE" && !value.lifetime.note) problems.push(problemAt(origin, ["lifetime", "note"], "a lifetime from outside knowledge needs a note saying what it rests on"));
  return value.area ?? (value.instanceOf !== null && value.kind === "LOCAL_AUTHORITY" ? value.id : null);
}

/** A flow's scope, defaulting to its notice's for a flow to or from a role (else national), encoded. */
export function resolveFlowScope(
  flow: FlowRecord,
  fileNotice: NoticeRecord | null,
  origin: Origin,
  roleIds: IdSet,
  orgIds: IdSet,
  refer: Refer,
  problems: Problem[],
): string {
  const touchesRole = roleIds.has(flow.from) || roleIds.has(flow.to);
  const scope = flow.scope ?? (touchesRole ? (fileNotice?.scope ?? "national") : "national");
  if (scope === "counterpart" && !touchesRole) problems.push(problemAt(origin, ["scope"], "`counterpart` is for a flow to or from a role (e.g. the pupil's next school)"));
  if (scope === "notice-area" && !fileNotice) problems.push(problemAt(origin, ["scope"], "`notice-area` needs the file to declare its notice"));
  if (typeof scope === "object") refer(origin, ["scope", "area" in scope ? "area" : "organisation"], "organisation", "area" in scope ? scope.area : scope.organisation, orgIds);
  return encodeScope(scope, fileNotice?.id ?? null);
}
