import { LEVELS, ORGANISATION_KINDS } from "../api/types";
import { KIND_VISUALS, LABEL_FONT, LEVEL_VISUALS, MAP_COLOURS } from "./visuals";

/** A Cytoscape style block as plain data (cast to Cytoscape's types where the map is built). */
export interface StyleBlock {
  selector: string;
  style: Record<string, string | number | number[]>;
}

/** Cytoscape takes a plain list of families (no quotes); system fonts only. */
const FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif";

/** Classes the map puts on elements; the stylesheet gives each its look. */
export const CLASSES = {
  focus: "focus",
  reached: "reached",
  possible: "possible",
  onChain: "on-chain",
} as const;

/** The class on every arrow while a large view is zoomed out: drawn solid, whatever its level. */
export const PLAIN_LINES = "plain-lines";

export interface StyleOptions {
  /** A national-scale view: straight arrows, and labels only once zoomed in. */
  large: boolean;
  /**
   * A highlight is shown: everything is faded unless it carries a highlight class. Fading by
   * default (rather than by a class on the faded) means a new highlight restyles only the
   * elements it lights or unlights, not the thousands left faded.
   */
  fadeUnlit?: boolean;
  /** Presenting to a room: larger names. */
  presenting?: boolean;
}

/** Least on-screen size of a name in a large view (smaller ones are not drawn). */
const LARGE_VIEW_NAME_PX = 9;

/**
 * The zoom from which a large view draws names, and dashes: below it a dash pattern shrinks
 * under 2-3 px, too fine to read, while drawing dashed lines took about 100 ms of each frame of a
 * 3,000-element view in bench:client (half its cost), and every highlight is a new frame.
 */
export const LINE_STYLES_MIN_ZOOM = LARGE_VIEW_NAME_PX / LABEL_FONT.normal;

/** Whether the map at this zoom draws its arrows' line styles (dashes and dots). */
export function lineStylesShown(large: boolean, zoom: number): boolean {
  return !large || zoom >= LINE_STYLES_MIN_ZOOM;
}

/** Opacity of what the highlight does not reach. */
export const FADED_OPACITY = 0.18;

/**
 * The map's stylesheet: shape and colour by organisation kind, line style by level, lighter
 * arrows for inferred flows, and the highlight classes. Pure data, so it is unit-tested.
 */
export function buildStylesheet(options: StyleOptions = { large: false }): StyleBlock[] {
  const lit = [CLASSES.focus, CLASSES.reached, CLASSES.possible, CLASSES.onChain].map((c) => `.${c}`).join(", ");
  const font = options.presenting ? LABEL_FONT.presenting : LABEL_FONT.normal;
  const blocks: StyleBlock[] = [
    {
      selector: "node",
      style: {
        label: "data(label)",
        width: 22,
        height: 22,
        "font-size": font,
        "font-family": FONT,
        color: MAP_COLOURS.text,
        // Names to the right of each node, in full: a column needs one name's height per
        // organisation, and the column layout stacks these boxes so none overlaps another.
        "text-valign": "center",
        "text-halign": "right",
        "text-margin-x": 6,
        // A large view draws names only once zoomed in: one line each, with no background box,
        // spares measuring and wrapping thousands of names before the first paint.
        "text-wrap": options.large ? "none" : "wrap",
        // (each property listed costs every node a little on the first frame: a large view
        // lists only what it draws)
        ...(options.large
          ? {}
          : { "text-max-width": `${font * 12}px`, "text-background-color": MAP_COLOURS.labelBackground, "text-background-opacity": 0.9, "text-background-padding": "1px" }),
        "border-width": 1.5,
        "border-color": "#ffffff",
        "min-zoomed-font-size": options.large ? LARGE_VIEW_NAME_PX : 0,
      },
    },
    {
      // A group of organisations of one kind: larger, with a double ring, named "7 health bodies".
      selector: "node[members]",
      style: { width: 30, height: 30, "border-width": 5, "border-style": "double", "border-color": "#1d2329", "font-weight": "bold" },
    },
    {
      // Where maxHops cut the drawing: a note in the next column that opens one more hop.
      selector: "node[?more]",
      style: { shape: "round-rectangle", width: 22, height: 22, "background-color": "#ffffff", "border-width": 2, "border-style": "dashed", "border-color": "#1d2329", "font-style": "italic" },
    },
  ];
  for (const kind of ORGANISATION_KINDS) {
    const visual = KIND_VISUALS[kind];
    blocks.push({ selector: `node[kind = "${kind}"]`, style: { shape: visual.shape, "background-color": visual.colour } });
  }
  // A processor is drawn smaller, its name in italics with whom it acts for, under that organisation.
  blocks.push({ selector: "node[actsFor]", style: { width: 14, height: 14, "font-style": "italic" } });
  blocks.push({
    selector: "edge",
    style: {
      "curve-style": options.large ? "straight" : "bezier",
      "target-arrow-shape": "triangle",
      "arrow-scale": 1.2,
      "line-color": MAP_COLOURS.edge,
      "target-arrow-color": MAP_COLOURS.edge,
      // No labels on arrows: the hovered arrow's fields show in a tooltip, the selected one's
      // on the map (its label's look is set on "edge:selected" alone, so thousands of unlabelled
      // arrows are not each given a dozen text properties) and in the details panel.
      label: "",
      // set here so the inferred and on-chain blocks below can change it
      color: "#1d2329",
    },
  });
  if (!options.large) {
    // Arrows within a column or going back arc out, so they do not run through the column's nodes.
    blocks.push({
      selector: "edge[span <= 0]",
      style: { "curve-style": "unbundled-bezier", "control-point-distances": 70, "control-point-weights": 0.5 },
    });
  }
  for (const level of LEVELS) {
    const visual = LEVEL_VISUALS[level];
    const style: StyleBlock["style"] = {
      "line-style": visual.lineStyle,
      width: visual.width,
      "target-arrow-shape": visual.arrow,
      "target-arrow-fill": visual.arrowFill,
    };
    if (visual.dash.length > 0) style["line-dash-pattern"] = visual.dash;
    blocks.push({ selector: `edge[level = "${level}"]`, style });
  }
  // A class, not another stylesheet: restyling a national view whole took 1.6 s, against about
  // 0.3 s for a class on every arrow. Each level keeps its width; its arrowhead, a few pixels at
  // this zoom, goes with the dashes: the columns read left to right, and a plain line (Cytoscape's
  // "haystack") draws in about two thirds of the time of a straight arrow.
  blocks.push({ selector: `edge.${PLAIN_LINES}`, style: { "line-style": "solid", "curve-style": "haystack", "haystack-radius": 0, "target-arrow-shape": "none" } });
  blocks.push(
    {
      selector: `edge[basis = "INFERRED"]`,
      style: { "line-color": MAP_COLOURS.inferredEdge, "target-arrow-color": MAP_COLOURS.inferredEdge, color: "#66707a" },
    },
    {
      selector: `node.${CLASSES.reached}, node.${CLASSES.possible}`,
      style: { "border-width": 3, "border-color": MAP_COLOURS.highlight },
    },
    { selector: `node.${CLASSES.possible}`, style: { "border-style": "dashed" } },
    {
      selector: `node.${CLASSES.focus}`,
      style: { width: 32, height: 32, "border-width": 4, "border-color": MAP_COLOURS.focusRing, "font-weight": "bold" },
    },
    {
      selector: `edge.${CLASSES.onChain}`,
      style: { "line-color": MAP_COLOURS.highlight, "target-arrow-color": MAP_COLOURS.highlight, color: "#000000", "z-index": 10 },
    },
    { selector: `edge.${CLASSES.onChain}[basis = "INFERRED"]`, style: { "line-color": "#5c5c5c", "target-arrow-color": "#5c5c5c" } },
    ...(options.fadeUnlit
      ? [
          { selector: "node, edge", style: { opacity: FADED_OPACITY } },
          { selector: lit, style: { opacity: 1 } },
          // the note where the hop limit cut the drawing is never faded: it says what is not drawn
          { selector: "node[?more]", style: { opacity: 1 } },
        ]
      : []),
    {
      selector: ":selected",
      style: { "overlay-color": MAP_COLOURS.selection, "overlay-opacity": 0.45, "overlay-padding": 6 },
    },
    {
      selector: "edge:selected",
      style: {
        label: "data(label)",
        "z-index": 20,
        opacity: 1,
        "font-size": Math.round(font * 0.85),
        "font-family": FONT,
        "text-rotation": "none",
        "text-background-color": MAP_COLOURS.labelBackground,
        "text-background-opacity": 1,
        "text-background-padding": "2px",
        "text-border-width": 1,
        "text-border-color": "#1d2329",
        "text-border-opacity": 1,
        "min-zoomed-font-size": options.large ? 10 : 0,
      },
    },
  );
  return blocks;
}
