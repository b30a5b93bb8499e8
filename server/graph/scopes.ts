import type { FlowScope, GraphFlow, GraphOrganisation } from "./types";

/**
 * Roles, instances and scopes: which chains through a general organisation ("a school") are
 * true of a named one.
 *
 * A notice states some flows for a role ("the school passes ... to the LA"), each with a scope:
 * whose pupils it speaks for (NATIONAL, an LA's AREA, one ORGANISATION, or a COUNTERPART such as
 * "the pupil's next school"). A chain's data are about some set of pupils: every pupil when it
 * starts at a body that is not a named instance of a role (the DfE, a role itself), the pupils of
 * the start when it starts at a named school or LA. Each scoped hop narrows that set to its
 * scope; a hop whose scope does not meet the set is not part of the chain. Two hops are ordered:
 * - a COUNTERPART hop INTO a role ("to the pupil's next school") leaves the data about a pupil
 *   of some unknown school, so only NATIONAL hops follow it;
 * - a COUNTERPART hop OUT OF a role ("from the pupil's previous school") is followed only by a
 *   chain about every pupil (one that started at the role, the DfE, ...), never by one that
 *   came from a named school through the role.
 * A named instance also sends what its role sends under a scope covering it (inheritance).
 *
 * The search tracks this as a small integer context per state, so contexts stay in typed arrays.
 * Downstream, a context is (phase, pupils): phase 0 normal, 1 after a counterpart hop into a
 * role. Upstream, a context is the requirement the rest of the chain (toward the source) must
 * meet: phase 0 none, 1 no counterpart hop into a role, 2 only NATIONAL hops and a source that
 * is not a named instance. `pupils` is 0 for everyone, then one code per area, then one per
 * organisation ordinal.
 */
export interface ScopeModel {
  /** false when the register has no roles and no scoped flows: every context is 0 */
  readonly active: boolean;
  /** the context a downstream search starts with at this organisation */
  originContext(organisation: number): number;
  /** downstream: the context after taking flow `flow` (an ordinal) from context `context`, or -1 */
  forward(context: number, flow: number): number;
  /** `forward` for a flow given as an object (for the chain enumeration, which has no ordinals) */
  forwardFlow(context: number, flow: GraphFlow): number;
  /** upstream: the requirement before flow `flow` given requirement `requirement` after it, or -1 */
  backward(requirement: number, flow: number): number;
  /** upstream: whether a chain from `organisation` meets `requirement` */
  originAdmits(requirement: number, organisation: number): boolean;
  /** whether a state with context `a` admits at least every continuation one with `b` does */
  covers(a: number, b: number, downstream: boolean): boolean;
}

const NATIONAL = 0;
const AREA = 1;
const ORGANISATION = 2;
const INTO_COUNTERPART = 3;
const OUT_OF_COUNTERPART = 4;
const NEVER = 5;

/** The area token of a notice's own LA when the notice does not name it. */
export function noticeAreaToken(noticeId: string): string {
  return `notice-area:${noticeId}`;
}

/** Whether an instance (with its area) is among those a role flow's scope speaks for. */
export function scopeCovers(scope: FlowScope | null | undefined, instance: GraphOrganisation): boolean {
  if (!scope || scope.kind === "NATIONAL") return true;
  if (scope.kind === "AREA") return instance.area != null && instance.area === scope.area;
  if (scope.kind === "ORGANISATION") return scope.organisation === instance.id;
  return false;
}

/**
 * Flows a named instance inherits from its role: every flow out of the role whose scope covers
 * the instance (never a counterpart), other than one to the instance itself.
 */
export function inheritedFlows(organisations: readonly GraphOrganisation[], flows: readonly GraphFlow[]): { flow: GraphFlow; from: string }[] {
  const roles = new Set(organisations.filter((o) => o.isRole).map((o) => o.id));
  const instancesOf = new Map<string, GraphOrganisation[]>();
  for (const o of organisations) {
    if (!o.instanceOf || !roles.has(o.instanceOf) || o.isRole) continue;
    const list = instancesOf.get(o.instanceOf);
    if (list) list.push(o);
    else instancesOf.set(o.instanceOf, [o]);
  }
  const inherited: { flow: GraphFlow; from: string }[] = [];
  for (const flow of flows) {
    const instances = instancesOf.get(flow.from);
    if (!instances) continue;
    for (const instance of instances) {
      if (instance.id !== flow.to && scopeCovers(flow.scope, instance)) inherited.push({ flow, from: instance.id });
    }
  }
  return inherited;
}

/** Builds the context arithmetic for a numbered register. */
export function buildScopeModel(
  organisations: readonly GraphOrganisation[],
  organisationIds: readonly string[],
  ordinalOf: ReadonlyMap<string, number>,
  flows: readonly GraphFlow[],
): ScopeModel {
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const areaIndex = new Map<string, number>();
  const areaOf = (token: string): number => {
    let index = areaIndex.get(token);
    if (index === undefined) areaIndex.set(token, (index = areaIndex.size));
    return index;
  };
  const n = organisationIds.length;
  const orgArea = new Int32Array(n).fill(-1);
  const isInstance = new Uint8Array(n);
  const isRole = new Uint8Array(n);
  let active = false;
  organisationIds.forEach((id, ordinal) => {
    const o = byId.get(id);
    if (!o) return;
    if (o.isRole) (isRole[ordinal] = 1), (active = true);
    else if (o.instanceOf) (isInstance[ordinal] = 1), (active = true);
    if (o.area != null) orgArea[ordinal] = areaOf(o.area);
  });
  const classify = (flow: GraphFlow): [kind: number, value: number] => {
    const scope = flow.scope;
    if (!scope || scope.kind === "NATIONAL") return [NATIONAL, 0];
    if (scope.kind === "AREA") return [AREA, areaOf(scope.area)];
    if (scope.kind === "ORGANISATION") {
      const ordinal = ordinalOf.get(scope.organisation);
      return ordinal === undefined ? [NEVER, 0] : [ORGANISATION, ordinal];
    }
    if (isRole[ordinalOf.get(flow.to)!]) return [INTO_COUNTERPART, 0];
    if (isRole[ordinalOf.get(flow.from)!]) return [OUT_OF_COUNTERPART, 0];
    return [NATIONAL, 0];
  };
  const scopeKind = new Int8Array(flows.length);
  const scopeValue = new Int32Array(flows.length);
  flows.forEach((flow, i) => {
    if (!flow.scope || flow.scope.kind === "NATIONAL") return;
    active = true;
    [scopeKind[i], scopeValue[i]] = classify(flow);
  });
  const areas = areaIndex.size;
  /** codes of the pupils part: 0 everyone, 1..areas an area, then organisations */
  const K = 1 + areas + n;
  const areaCode = (area: number) => 1 + area;
  const orgCode = (ordinal: number) => 1 + areas + ordinal;
  const isArea = (code: number) => code >= 1 && code <= areas;
  const areaOfCode = (code: number): number => (isArea(code) ? code - 1 : orgArea[code - 1 - areas]);

  /** The pupils both sets speak for, or -1 when none. */
  const meet = (a: number, b: number): number => {
    if (a === 0 || a === b) return b;
    if (b === 0) return a;
    if (isArea(a) && !isArea(b)) return orgArea[b - 1 - areas] === a - 1 ? b : -1;
    if (isArea(b) && !isArea(a)) return orgArea[a - 1 - areas] === b - 1 ? a : -1;
    return -1;
  };
  /** Whether pupils `a` include pupils `b`. */
  const includes = (a: number, b: number): boolean => a === 0 || a === b || (isArea(a) && !isArea(b) && b !== 0 && areaOfCode(b) === a - 1);
  const scopeCode = (kind: number, value: number) => (kind === AREA ? areaCode(value) : orgCode(value));
  const forward = (context: number, kind: number, value: number): number => {
    if (kind === NATIONAL) return context;
    const phase = (context / K) | 0;
    const pupils = context - phase * K;
    if (kind === AREA || kind === ORGANISATION) return phase === 1 ? -1 : meet(pupils, scopeCode(kind, value));
    if (kind === INTO_COUNTERPART) return phase === 1 ? -1 : K;
    if (kind === OUT_OF_COUNTERPART) return context === 0 ? 0 : -1;
    return -1;
  };

  return {
    active,
    originContext: (organisation) => (isInstance[organisation] ? orgCode(organisation) : 0),
    forward: (context, flow) => forward(context, scopeKind[flow], scopeValue[flow]),
    forwardFlow: (context, flow) => (flow.scope && flow.scope.kind !== "NATIONAL" ? forward(context, ...classify(flow)) : context),
    backward(requirement, flow) {
      const kind = scopeKind[flow];
      if (kind === NATIONAL) return requirement;
      const phase = (requirement / K) | 0;
      const pupils = requirement - phase * K;
      if (kind === AREA || kind === ORGANISATION) {
        if (phase === 2) return -1;
        const met = meet(pupils, scopeCode(kind, scopeValue[flow]));
        return met === -1 ? -1 : phase * K + met;
      }
      if (kind === INTO_COUNTERPART) return requirement === 0 ? K : -1;
      if (kind === OUT_OF_COUNTERPART) return 2 * K;
      return -1;
    },
    originAdmits(requirement, organisation) {
      const phase = (requirement / K) | 0;
      if (phase === 2) return !isInstance[organisation];
      return !isInstance[organisation] || meet(requirement - phase * K, orgCode(organisation)) !== -1;
    },
    covers(a, b, downstream) {
      if (a === b) return true;
      const phaseA = (a / K) | 0;
      const phaseB = (b / K) | 0;
      if (phaseA > phaseB) return false;
      // Past the last phase's marker the pupils no longer matter (see forward and backward).
      if (phaseB === (downstream ? 1 : 2)) return true;
      return includes(a - phaseA * K, b - phaseB * K);
    },
  };
}
