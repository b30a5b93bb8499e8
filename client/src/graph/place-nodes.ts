import type { Core } from "cytoscape";
import { columnLayout, DEFAULT_COLUMNS, readableZoom, type ColumnBox } from "./columns";
import { layeredPositions } from "./layout";
import type { OrganisationNodeData } from "./to-elements";

export interface PlaceOptions {
  /** a national-scale view: preset layered positions, labels only once zoomed in */
  large: boolean;
  /** organisation names' font size in model units, and the least they may appear on screen */
  fontSize: number;
  minFontPx: number;
}

const PADDING = 16;

/**
 * Places the map's nodes (the only code that moves them) and sets the first zoom. A focused or
 * register view is laid out in columns from each node's measured box (node and name), so no
 * name overlaps another or a node, and shown no smaller than `minFontPx`; a large view gets
 * preset layered positions without measuring thousands of labels.
 */
export function placeNodes(cy: Core, options: PlaceOptions): void {
  if (options.large) {
    const nodes = cy
      .nodes()
      .map((n) => n.data() as OrganisationNodeData)
      .sort((a, b) => a.rank - b.rank || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
    const positions = layeredPositions(nodes);
    cy.batch(() => cy.nodes().positions((node) => positions.get(node.id()) ?? { x: 0, y: 0 }));
    fitPoints(cy, [...positions.values()], 40);
    return;
  }
  const boxes: ColumnBox[] = cy.nodes().map((node) => {
    const data = node.data() as OrganisationNodeData & { more?: boolean };
    // A processor sits right under the organisation it acts for: in its kind block, sorted after it.
    const controller = data.actsFor ? (cy.getElementById(data.actsFor).data() as OrganisationNodeData | undefined) : undefined;
    const box = node.boundingBox({ includeLabels: true, includeOverlays: false });
    const at = node.position();
    return {
      id: node.id(),
      rank: data.rank,
      kind: controller ? controller.kind : data.kind,
      // the "more beyond" note goes last in its column
      name: data.more ? "\uffff" : controller ? `${controller.name}\u0001${data.name}` : data.name,
      width: box.w,
      height: box.h,
      offsetX: at.x - box.x1,
      offsetY: at.y - (box.y1 + box.y2) / 2,
    };
  });
  const viewport = { width: Math.max(cy.width() - 2 * PADDING, 1), height: Math.max(cy.height() - 2 * PADDING, 1) };
  const positions = columnLayout(boxes, { ...DEFAULT_COLUMNS, viewport });
  cy.batch(() => {
    cy.nodes().positions((node) => positions.get(node.id()) ?? { x: 0, y: 0 });
    // An arrow going right starts where its sender's name ends, so it never runs through it.
    const nameEnds = new Map(boxes.map((box) => [box.id, box.width - box.offsetX]));
    cy.edges("[span > 0]").forEach((edge) => {
      edge.style("source-endpoint", `${Math.round(nameEnds.get(edge.source().id()) ?? 0)}px 0px`);
    });
  });
  showReadable(cy, options);
}

/**
 * Fits the drawing in the view unless that would shrink names below the least readable size;
 * then it is shown at that size from its left edge (where the focus is), centred vertically,
 * and the reader pans.
 */
export function showReadable(cy: Core, options: Pick<PlaceOptions, "fontSize" | "minFontPx">): void {
  const box = cy.nodes().boundingBox({ includeLabels: true, includeOverlays: false });
  if (box.w === 0 && box.h === 0) return;
  const fit = Math.min((cy.width() - 2 * PADDING) / Math.max(box.w, 1), (cy.height() - 2 * PADDING) / Math.max(box.h, 1));
  const zoom = readableZoom(fit, options.fontSize, options.minFontPx);
  const fits = box.w * zoom <= cy.width() - 2 * PADDING;
  const x = fits ? cy.width() / 2 - zoom * (box.x1 + box.x2) / 2 : PADDING - zoom * box.x1;
  const fitsHigh = box.h * zoom <= cy.height() - 2 * PADDING;
  // Too tall: from the top, where each column's first kinds are, unless that leaves the focus
  // (at y = 0, the middle of its column) below the view; then centred on the focus.
  const top = PADDING - zoom * box.y1;
  const focusVisible = top + zoom * 0 <= cy.height() - 4 * PADDING;
  const y = fitsHigh ? cy.height() / 2 - zoom * (box.y1 + box.y2) / 2 : focusVisible ? top : cy.height() / 2;
  cy.viewport({ zoom, pan: { x, y } });
}

/** Zooms and pans so the points fill the view, without asking Cytoscape for bounding boxes. */
function fitPoints(cy: Core, points: { x: number; y: number }[], padding: number): void {
  if (points.length === 0) return;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const zoom = Math.min((cy.width() - 2 * padding) / Math.max(maxX - minX, 1), (cy.height() - 2 * padding) / Math.max(maxY - minY, 1), 1.5);
  cy.viewport({ zoom, pan: { x: cy.width() / 2 - zoom * (minX + maxX) / 2, y: cy.height() / 2 - zoom * (minY + maxY) / 2 } });
}
