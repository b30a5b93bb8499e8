import type { GraphFlow } from "./types";

/**
 * A plain copy of a flow with some properties changed. Every key is written out, not spread:
 * a flow read from the snapshot file keeps its properties as getters on its prototype
 * (server/snapshot/flow-columns.ts), which `{ ...flow }` would not copy.
 */
export function copyFlow(flow: GraphFlow, changes: Partial<GraphFlow>): GraphFlow {
  const copy: GraphFlow = {
    id: flow.id,
    from: flow.from,
    to: flow.to,
    fieldIds: flow.fieldIds,
    level: flow.level,
    basis: flow.basis,
    minimumAge: flow.minimumAge,
    validFrom: flow.validFrom,
    validTo: flow.validTo,
    optOuts: flow.optOuts,
  };
  // The optional keys only when set, as a spread gives them.
  if (flow.fieldInclusion !== undefined) copy.fieldInclusion = flow.fieldInclusion;
  if (flow.scope !== undefined) copy.scope = flow.scope;
  if (flow.inheritedFrom !== undefined) copy.inheritedFrom = flow.inheritedFrom;
  return Object.assign(copy, changes);
}
