import type { Level, OrganisationKind } from "../api/types";

/**
 * The map's visual vocabulary, shared by the Cytoscape stylesheet, the legend and the exports:
 * every kind has a shape AND a colour, so colour is never the only clue.
 */

export type NodeShape =
  | "round-rectangle"
  | "hexagon"
  | "rectangle"
  | "barrel"
  | "diamond"
  | "ellipse"
  | "octagon"
  | "triangle"
  | "pentagon"
  | "star"
  | "tag"
  | "rhomboid"
  | "heptagon";

export interface KindVisual {
  label: string;
  shape: NodeShape;
  colour: string;
  /** Left-to-right column in the whole-register view: schools first, third parties last. */
  rank: number;
}

export const KIND_VISUALS: Record<OrganisationKind, KindVisual> = {
  SCHOOL: { label: "School", shape: "round-rectangle", colour: "#0072b2", rank: 0 },
  LOCAL_AUTHORITY: { label: "Local authority", shape: "hexagon", colour: "#009e73", rank: 1 },
  GOVERNMENT_DEPARTMENT: { label: "Government department", shape: "rectangle", colour: "#6a3d9a", rank: 2 },
  NATIONAL_DATABASE: { label: "National database", shape: "barrel", colour: "#8c564b", rank: 3 },
  REGULATOR: { label: "Regulator", shape: "diamond", colour: "#d55e00", rank: 4 },
  HEALTH: { label: "Health body", shape: "ellipse", colour: "#cc79a7", rank: 4 },
  POLICE: { label: "Police", shape: "octagon", colour: "#1f3a93", rank: 4 },
  CAREERS_SERVICE: { label: "Careers service", shape: "triangle", colour: "#e69f00", rank: 4 },
  EDUCATION_PROVIDER: { label: "Education provider", shape: "pentagon", colour: "#56b4e9", rank: 4 },
  RESEARCH: { label: "Research", shape: "star", colour: "#999933", rank: 4 },
  COMMERCIAL: { label: "Commercial supplier", shape: "tag", colour: "#6f6f6f", rank: 4 },
  FAMILY: { label: "Pupil and family", shape: "heptagon", colour: "#b15928", rank: 4 },
  OTHER: { label: "Other", shape: "rhomboid", colour: "#a6a6a6", rank: 4 },
};

export interface LevelVisual {
  label: string;
  description: string;
  lineStyle: "solid" | "dashed" | "dotted";
  /** Cytoscape `line-dash-pattern` and SVG `stroke-dasharray`; empty for solid and dotted. */
  dash: number[];
  width: number;
}

export const LEVEL_VISUALS: Record<Level, LevelVisual> = {
  INDIVIDUAL: { label: "Individual records", description: "identifies pupils", lineStyle: "solid", dash: [], width: 2.5 },
  PSEUDONYMISED: { label: "Pseudonymised", description: "identifiers replaced; still personal data", lineStyle: "dashed", dash: [9, 3], width: 2.2 },
  AGGREGATE: { label: "Aggregate statistics", description: "groups, not pupils", lineStyle: "dashed", dash: [4, 4], width: 1.8 },
  ANONYMISED: { label: "Anonymised", description: "pupils cannot be identified", lineStyle: "dotted", dash: [], width: 1.8 },
  NOT_STATED: { label: "Level not stated", description: "the notice does not say; it may identify pupils", lineStyle: "dashed", dash: [1, 5], width: 2.5 },
};

/** Colours of the map's states; the highlight is black, a colour no kind uses. */
export const MAP_COLOURS = {
  edge: "#6b7785",
  inferredEdge: "#aab3bd",
  highlight: "#111111",
  focusRing: "#111111",
  selection: "#f2c200",
  labelBackground: "#ffffff",
  text: "#1d2329",
} as const;

/** Elements at least this many are drawn the cheap way (preset layered layout, labels on zoom). */
export const LARGE_VIEW_ELEMENTS = 600;
