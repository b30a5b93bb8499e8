import type { Basis, FlowSummary, Level, OrganisationKind, OrganisationSummary } from "../api/types";
import { clip, shortFieldList } from "./field-labels";

/** Longest organisation name drawn under a node. */
export const MAX_NODE_LABEL = 48;

export interface OrganisationNodeData {
  id: string;
  label: string;
  name: string;
  kind: OrganisationKind;
  /** Column, left to right, used by the layouts. */
  rank: number;
}

/**
 * An arrow: every flow from one organisation to another at the same level and basis, so that
 * one arrow has one line style; its label names the fields of all of them.
 */
export interface FlowEdgeData {
  id: string;
  source: string;
  target: string;
  level: Level;
  basis: Basis;
  flowIds: string[];
  fieldIds: string[];
  label: string;
  /** target's rank minus source's: 1 goes one column right, 0 or less stays or goes back */
  span: number;
}

export interface MapElement {
  group: "nodes" | "edges";
  data: OrganisationNodeData | FlowEdgeData;
}

export interface ElementInput {
  organisations: readonly OrganisationSummary[];
  /** Only flows whose two ends are among `organisations` are drawn. */
  flows: readonly FlowSummary[];
  fieldLabels: ReadonlyMap<string, string>;
  rank: ReadonlyMap<string, number>;
}

/** The id of the arrow a flow is drawn on. */
export function edgeIdFor(flow: Pick<FlowSummary, "from" | "to" | "level" | "basis">): string {
  return `${flow.from.id}->${flow.to.id}:${flow.level.toLowerCase()}:${flow.basis.toLowerCase()}`;
}

/** Reads back an arrow id's two ends, or null when `id` is not one. */
export function edgeEnds(id: string): { from: string; to: string } | null {
  const match = /^(.+)->(.+):[a-z]+:[a-z]+$/.exec(id);
  return match ? { from: match[1], to: match[2] } : null;
}

/**
 * Turns register data into Cytoscape elements: one node per organisation, one arrow per
 * (from, to, level, basis). Pure: same input, same output, in a stable order.
 */
export function toElements(input: ElementInput): MapElement[] {
  const present = new Set(input.organisations.map((o) => o.id));
  const nodes: MapElement[] = input.organisations.map((o) => ({
    group: "nodes",
    data: { id: o.id, label: clip(o.name, MAX_NODE_LABEL), name: o.name, kind: o.kind, rank: input.rank.get(o.id) ?? 0 },
  }));
  const edges = new Map<string, FlowEdgeData>();
  for (const flow of input.flows) {
    if (!present.has(flow.from.id) || !present.has(flow.to.id)) continue;
    const id = edgeIdFor(flow);
    let edge = edges.get(id);
    if (!edge) {
      const span = (input.rank.get(flow.to.id) ?? 0) - (input.rank.get(flow.from.id) ?? 0);
      edge = { id, source: flow.from.id, target: flow.to.id, level: flow.level, basis: flow.basis, flowIds: [], fieldIds: [], label: "", span };
      edges.set(id, edge);
    }
    edge.flowIds.push(flow.id);
    for (const { field } of flow.fields) if (!edge.fieldIds.includes(field.id)) edge.fieldIds.push(field.id);
  }
  const edgeElements: MapElement[] = [...edges.values()].map((edge) => {
    const labels = edge.fieldIds.map((id) => input.fieldLabels.get(id) ?? id);
    const label = shortFieldList(labels) + (edge.basis === "INFERRED" ? " (inferred)" : "");
    return { group: "edges", data: { ...edge, label } };
  });
  return [...nodes, ...edgeElements];
}
