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
  /** The kind in the plural, as a group node names its members: "7 health bodies". */
  plural: string;
}

export const KIND_VISUALS: Record<OrganisationKind, KindVisual> = {
  SCHOOL: { label: "School", shape: "round-rectangle", colour: "#0072b2", rank: 0, plural: "schools" },
  LOCAL_AUTHORITY: { label: "Local authority", shape: "hexagon", colour: "#009e73", rank: 1, plural: "local authorities" },
  GOVERNMENT_DEPARTMENT: { label: "Government department", shape: "rectangle", colour: "#6a3d9a", rank: 2, plural: "government departments" },
  NATIONAL_DATABASE: { label: "National database", shape: "barrel", colour: "#8c564b", rank: 3, plural: "national databases" },
  REGULATOR: { label: "Regulator", shape: "diamond", colour: "#d55e00", rank: 4, plural: "regulators" },
  HEALTH: { label: "Health body", shape: "ellipse", colour: "#cc79a7", rank: 4, plural: "health bodies" },
  POLICE: { label: "Police", shape: "octagon", colour: "#1f3a93", rank: 4, plural: "police forces" },
  CAREERS_SERVICE: { label: "Careers service", shape: "triangle", colour: "#e69f00", rank: 4, plural: "careers services" },
  EDUCATION_PROVIDER: { label: "Education provider", shape: "pentagon", colour: "#56b4e9", rank: 4, plural: "education providers" },
  RESEARCH: { label: "Research", shape: "star", colour: "#999933", rank: 4, plural: "research bodies" },
  COMMERCIAL: { label: "Commercial supplier", shape: "tag", colour: "#6f6f6f", rank: 4, plural: "commercial suppliers" },
  FAMILY: { label: "Pupil and family", shape: "heptagon", colour: "#b15928", rank: 4, plural: "pupils and families" },
  OTHER: { label: "Other", shape: "rhomboid", colour: "#a6a6a6", rank: 4, plural: "other organisations" },
};

export interface LevelVisual {
  label: string;
  description: string;
  lineStyle: "solid" | "dashed" | "dotted";
  /** Cytoscape `line-dash-pattern` and SVG `stroke-dasharray`; empty for solid and dotted. */
  dash: number[];
  width: number;
  /** The arrowhead, so levels differ by more than the dashes: Cytoscape's arrow shapes. */
  arrow: "triangle" | "vee" | "circle" | "diamond";
  arrowFill: "filled" | "hollow";
}

/**
 * Four levels that cannot be confused: thick solid with a filled head; long dashes with an
 * open head; short dashes with a barbed head; thin dots ending in a ring.
 */
export const LEVEL_VISUALS: Record<Level, LevelVisual> = {
  INDIVIDUAL: { label: "Individual records", description: "identifies pupils", lineStyle: "solid", dash: [], width: 3.5, arrow: "triangle", arrowFill: "filled" },
  PSEUDONYMISED: { label: "Pseudonymised", description: "identifiers replaced; still personal data", lineStyle: "dashed", dash: [14, 4], width: 2.6, arrow: "triangle", arrowFill: "hollow" },
  AGGREGATE: { label: "Aggregate statistics", description: "groups, not pupils", lineStyle: "dashed", dash: [4, 5], width: 2, arrow: "vee", arrowFill: "filled" },
  ANONYMISED: { label: "Anonymised", description: "pupils cannot be identified", lineStyle: "dotted", dash: [], width: 1.5, arrow: "circle", arrowFill: "hollow" },
  NOT_STATED: { label: "Level not stated", description: "the notice does not say; it may identify pupils", lineStyle: "dashed", dash: [12, 4, 2, 4], width: 3, arrow: "diamond", arrowFill: "hollow" },
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

/** Elements at least this many are drawn the cheap way (WebGL, preset layered layout, labels on zoom). */
export const LARGE_VIEW_ELEMENTS = 400;

/** Font size of organisation names in model units, and the least size they may appear on screen. */
export const LABEL_FONT = { normal: 15, presenting: 19, minScreenPx: 12, minPresentingPx: 16, minOverviewPx: 10 } as const;
