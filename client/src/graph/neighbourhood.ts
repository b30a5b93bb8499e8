import type { FlowSummary, Level, OrganisationKind, OrganisationSummary } from "../api/types";

/** What decides which flows and organisations are drawn (the highlight is the server's answer). */
export interface DrawFilters {
  asOf: string | null;
  statedOnly: boolean;
  identifiableOnly: boolean;
  pupilAge: number | null;
  hiddenKinds: ReadonlySet<OrganisationKind>;
}

const IDENTIFIABLE: ReadonlySet<Level> = new Set(["INDIVIDUAL", "PSEUDONYMISED"]);

/**
 * Whether a flow applies on the map's terms: held on `asOf` (its dates narrowed by its ends'
 * lifetimes, both ends inclusive, null open),
 * stated when only stated flows are wanted, identifying when only those are, and not limited
 * to pupils older than `pupilAge`. The same rules the API applies to each hop.
 */
export function flowVisible(flow: FlowSummary, filters: DrawFilters): boolean {
  if (filters.asOf !== null) {
    if (flow.heldFrom !== null && flow.heldFrom > filters.asOf) return false;
    if (flow.heldTo !== null && filters.asOf > flow.heldTo) return false;
  }
  if (filters.statedOnly && flow.basis !== "STATED") return false;
  if (filters.identifiableOnly && !IDENTIFIABLE.has(flow.level)) return false;
  if (filters.pupilAge !== null && flow.minimumAge !== null && flow.minimumAge > filters.pupilAge) return false;
  return true;
}

export interface DrawnGraph {
  organisations: OrganisationSummary[];
  flows: FlowSummary[];
  /** Column of each organisation, left to right: hops from the focus, or the kind's rank. */
  rank: Map<string, number>;
  /** Organisations one hop beyond the hop limit (0 when the limit cut nothing off). */
  beyond?: number;
}

/** Organisations whose kind is not hidden; the focus is always kept. */
function shownOrganisations(organisations: readonly OrganisationSummary[], filters: DrawFilters, focusId: string | null) {
  return organisations.filter((o) => o.id === focusId || !filters.hiddenKinds.has(o.kind));
}

/**
 * The whole register as drawn: every shown organisation and every visible flow between two
 * shown ones; columns follow `kindRank`.
 */
export function wholeRegister(
  organisations: readonly OrganisationSummary[],
  flows: readonly FlowSummary[],
  filters: DrawFilters,
  focusId: string | null,
  kindRank: (kind: OrganisationKind) => number,
): DrawnGraph {
  const shown = shownOrganisations(organisations, filters, focusId);
  const ids = new Set(shown.map((o) => o.id));
  return {
    organisations: shown,
    flows: flows.filter((f) => ids.has(f.from.id) && ids.has(f.to.id) && flowVisible(f, filters)),
    rank: new Map(shown.map((o) => [o.id, o.id === focusId ? 0 : kindRank(o.kind)])),
  };
}

/**
 * The focus and every organisation within `hops` visible flows onward of it (breadth first, not
 * passing through hidden kinds), with every visible flow among them; columns are hop counts.
 */
export function neighbourhood(
  organisations: readonly OrganisationSummary[],
  flows: readonly FlowSummary[],
  filters: DrawFilters,
  focusId: string,
  hops: number,
): DrawnGraph {
  const shown = shownOrganisations(organisations, filters, focusId);
  const byId = new Map(shown.map((o) => [o.id, o]));
  const visible = flows.filter((f) => byId.has(f.from.id) && byId.has(f.to.id) && flowVisible(f, filters));
  const outgoing = new Map<string, FlowSummary[]>();
  for (const flow of visible) {
    const list = outgoing.get(flow.from.id);
    if (list) list.push(flow);
    else outgoing.set(flow.from.id, [flow]);
  }
  const rank = new Map<string, number>();
  if (!byId.has(focusId)) return { organisations: [], flows: [], rank };
  rank.set(focusId, 0);
  let frontier = [focusId];
  for (let depth = 1; depth <= hops && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const flow of outgoing.get(id) ?? []) {
        if (rank.has(flow.to.id)) continue;
        rank.set(flow.to.id, depth);
        next.push(flow.to.id);
      }
    }
    frontier = next;
  }
  // What the hop limit cut off: the organisations the last column passes data to, not drawn.
  const beyond = new Set<string>();
  for (const id of frontier) for (const flow of outgoing.get(id) ?? []) if (!rank.has(flow.to.id)) beyond.add(flow.to.id);
  return {
    organisations: shown.filter((o) => rank.has(o.id)),
    flows: visible.filter((f) => rank.has(f.from.id) && rank.has(f.to.id)),
    rank,
    beyond: beyond.size,
  };
}
