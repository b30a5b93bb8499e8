import { copyFlow } from "./flow-copy";
import type { GraphFlow, GraphOrganisation } from "./types";

/**
 * Organisations' lifetimes bound their flows: a flow into or out of a body holds only while
 * the body existed, so a notice with no end date (DESC's c.2006 template) stops sending to
 * ContactPoint or Connexions when they closed.
 */

/** The later of two ISO dates, null meaning open (no bound). */
const later = (a: string | null, b: string | null | undefined): string | null => (b == null ? a : a === null || b > a ? b : a);
/** The earlier of two ISO dates, null meaning open (no bound). */
const earlier = (a: string | null, b: string | null | undefined): string | null => (b == null ? a : a === null || b < a ? b : a);

/**
 * The flow with its validity narrowed to the lifetimes of its two ends; the same object when
 * neither end's lifetime narrows it (so most flows are not copied).
 */
export function boundedByLifetimes(flow: GraphFlow, from: GraphOrganisation | undefined, to: GraphOrganisation | undefined): GraphFlow {
  // Most flows join two bodies with no recorded lifetime: nothing to narrow, nothing to allocate.
  if (from?.existedFrom == null && from?.existedTo == null && to?.existedFrom == null && to?.existedTo == null) return flow;
  const { validFrom, validTo } = heldBetween(flow, from, to);
  if (validFrom === flow.validFrom && validTo === flow.validTo) return flow;
  return copyFlow(flow, { validFrom, validTo });
}

/** A validity narrowed to the lifetimes of a flow's two ends. */
export function heldBetween(
  validity: { validFrom: string | null; validTo: string | null },
  from: GraphOrganisation | undefined,
  to: GraphOrganisation | undefined,
): { validFrom: string | null; validTo: string | null } {
  return {
    validFrom: later(later(validity.validFrom, from?.existedFrom), to?.existedFrom),
    validTo: earlier(earlier(validity.validTo, from?.existedTo), to?.existedTo),
  };
}

/** Whether an organisation existed on `asOf` (both ends inclusive); null asks about every era. */
export function existedOn(organisation: GraphOrganisation | undefined, asOf: string | null): boolean {
  if (asOf === null || !organisation) return true;
  if (organisation.existedFrom != null && organisation.existedFrom > asOf) return false;
  if (organisation.existedTo != null && asOf > organisation.existedTo) return false;
  return true;
}
