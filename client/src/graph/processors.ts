import type { FlowSummary, OrganisationSummary } from "../api/types";

/**
 * Which drawn organisations are processors drawn as part of the organisation they act for: an
 * organisation every drawn flow into which is a PROCESSOR or SUB_PROCESSOR flow acting for one
 * and the same drawn controller (Millbrook's MIS, its safeguarding system). One that also receives
 * data in its own right, or acts for several, stays an independent node. Pure.
 * Returns processor id -> controller id.
 */
export function processorControllers(organisations: readonly OrganisationSummary[], flows: readonly FlowSummary[]): Map<string, string> {
  const present = new Set(organisations.map((o) => o.id));
  const controllerOf = new Map<string, string | null>();
  for (const flow of flows) {
    const to = flow.to.id;
    if (!present.has(to)) continue;
    const processing = (flow.recipientRole === "PROCESSOR" || flow.recipientRole === "SUB_PROCESSOR") && flow.actsFor ? flow.actsFor.id : null;
    const known = controllerOf.get(to);
    if (known === undefined) controllerOf.set(to, processing);
    else if (known !== processing) controllerOf.set(to, null);
  }
  const result = new Map<string, string>();
  for (const [processor, controller] of controllerOf) {
    if (controller !== null && controller !== processor && present.has(controller)) result.set(processor, controller);
  }
  return result;
}

/** Ranks with each processor moved into its controller's column, so it is drawn beside it. */
export function withProcessorsBesideControllers(rank: ReadonlyMap<string, number>, processors: ReadonlyMap<string, string>): Map<string, number> {
  const moved = new Map(rank);
  for (const [processor, controller] of processors) {
    const column = rank.get(controller);
    if (column !== undefined) moved.set(processor, column);
  }
  return moved;
}
