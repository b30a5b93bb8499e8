import type { Basis, FlowSummary, Level, OrganisationKind, OrganisationSummary } from "../api/types";
import { clip, shortFieldList } from "./field-labels";
import { groupLabel, type OrganisationGroup } from "./grouping";

/** Longest organisation name drawn beside a node (the seed's longest is 128 characters). */
export const MAX_NODE_LABEL = 140;

export interface OrganisationNodeData {
  id: string;
  label: string;
  name: string;
  kind: OrganisationKind;
  /** Column, left to right, used by the layouts. */
  rank: number;
  /** A group node stands for this many organisations (collapsed); absent on an organisation. */
  members?: number;
  /** The note where the hop limit cut the drawing (clicking it shows one more hop). */
  more?: boolean;
  /** What a group or the note says in full, for the tooltip. */
  title?: string;
  /** For a processor drawn beside the organisation it acts for: that organisation's id and name. */
  actsFor?: string;
  actsForName?: string;
}

/** The id of the note where the hop limit cut the drawing. */
export const MORE_NODE = "more~beyond";

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
  /** every field named, for the tooltip */
  title?: string;
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
  /** The node each organisation is drawn on (grouping.ts); by default its own. */
  nodeOf?: ReadonlyMap<string, string>;
  /** Groups of organisations; the collapsed ones are drawn as one node each. */
  groups?: readonly OrganisationGroup[];
  /** Organisations one hop beyond the drawing's hop limit, drawn as a note in the next column. */
  beyond?: { count: number; hops: number };
  /** Processors drawn as part of the organisation they act for: processor id -> controller id. */
  processors?: ReadonlyMap<string, string>;
}

/** The id of the arrow a flow is drawn on. */
export function edgeIdFor(flow: Pick<FlowSummary, "from" | "to" | "level" | "basis">, nodeOf?: ReadonlyMap<string, string>): string {
  const end = (id: string) => nodeOf?.get(id) ?? id;
  return `${end(flow.from.id)}->${end(flow.to.id)}:${flow.level.toLowerCase()}:${flow.basis.toLowerCase()}`;
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
  const nodeOf = (id: string) => input.nodeOf?.get(id) ?? id;
  const names = new Map(input.organisations.map((o) => [o.id, o.name]));
  const nodes: MapElement[] = input.organisations
    .filter((o) => nodeOf(o.id) === o.id)
    .map((o) => {
      const data: OrganisationNodeData = { id: o.id, label: clip(o.name, MAX_NODE_LABEL), name: o.name, kind: o.kind, rank: input.rank.get(o.id) ?? 0 };
      const controller = input.processors?.get(o.id);
      if (controller) {
        const controllerName = names.get(controller) ?? controller;
        Object.assign(data, { actsFor: controller, actsForName: controllerName, label: `${data.label}\n(processor for ${clip(controllerName, 60)})` });
      }
      return { group: "nodes", data };
    });
  for (const group of input.groups ?? []) {
    if (!group.collapsed) continue;
    const name = groupLabel(group);
    const names = group.members.slice(0, 12).map((m) => m.name).join("; ") + (group.members.length > 12 ? "; …" : "");
    nodes.push({
      group: "nodes",
      data: { id: group.id, label: `${name}\n(click to list)`, name, kind: group.kind, rank: group.rank, members: group.members.length, title: `${name}: ${names}. Click to show them.` },
    });
  }
  if (input.beyond && input.beyond.count > 0) {
    const { count, hops } = input.beyond;
    const rank = Math.max(0, ...input.rank.values()) + 1;
    const label = `${count} more ${count === 1 ? "organisation" : "organisations"} beyond ${hops} ${hops === 1 ? "hop" : "hops"}\n(click for one more hop)`;
    nodes.push({ group: "nodes", data: { id: MORE_NODE, label, name: label, kind: "OTHER", rank, more: true, title: label.replace("\n", " ") } });
  }
  const edges = new Map<string, FlowEdgeData>();
  for (const flow of input.flows) {
    if (!present.has(flow.from.id) || !present.has(flow.to.id)) continue;
    const [source, target] = [nodeOf(flow.from.id), nodeOf(flow.to.id)];
    // Flows among the members of one collapsed group are not drawn until it is opened.
    if (source === target) continue;
    const id = edgeIdFor(flow, input.nodeOf);
    let edge = edges.get(id);
    if (!edge) {
      const span = (input.rank.get(flow.to.id) ?? 0) - (input.rank.get(flow.from.id) ?? 0);
      edge = { id, source, target, level: flow.level, basis: flow.basis, flowIds: [], fieldIds: [], label: "", span };
      edges.set(id, edge);
    }
    edge.flowIds.push(flow.id);
    for (const { field } of flow.fields) if (!edge.fieldIds.includes(field.id)) edge.fieldIds.push(field.id);
  }
  const edgeElements: MapElement[] = [...edges.values()].map((edge) => {
    const labels = edge.fieldIds.map((id) => input.fieldLabels.get(id) ?? id);
    const label = shortFieldList(labels) + (edge.basis === "INFERRED" ? " (inferred)" : "");
    return { group: "edges", data: { ...edge, label, title: labels.join(", ") } };
  });
  return [...nodes, ...edgeElements];
}
