import type { Page } from "playwright-core";

/** A box in model coordinates, named for the message when two overlap. */
export interface NamedBox {
  owner: string;
  what: "label" | "node";
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Pairs of boxes, of different elements, that overlap by more than `tolerance` each way. */
export function overlappingPairs(boxes: readonly NamedBox[], tolerance = 0.5): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.owner === b.owner) continue;
      const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
      const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
      if (w > tolerance && h > tolerance) found.push(`${a.what} of ${a.owner} / ${b.what} of ${b.owner}`);
    }
  }
  return found;
}

/**
 * The map's label and node boxes as Cytoscape reports them (`boundingBox` with and without
 * labels): every node's name, every node's body, and the label of any arrow that shows one.
 */
export function mapBoxes(page: Page): Promise<NamedBox[]> {
  return page.evaluate(() => {
    const cy = window.__onwardCy!;
    const boxes: NamedBox[] = [];
    cy.nodes().forEach((node) => {
      const body = node.boundingBox({ includeLabels: false, includeOverlays: false });
      boxes.push({ owner: node.id(), what: "node", x1: body.x1, y1: body.y1, x2: body.x2, y2: body.y2 });
      if (String(node.style("label")) !== "") {
        const label = node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
        boxes.push({ owner: node.id(), what: "label", x1: label.x1, y1: label.y1, x2: label.x2, y2: label.y2 });
      }
    });
    cy.edges().forEach((edge) => {
      if (String(edge.style("label")) === "") return;
      const label = edge.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
      boxes.push({ owner: edge.id(), what: "label", x1: label.x1, y1: label.y1, x2: label.x2, y2: label.y2 });
    });
    return boxes;
  });
}

/** The smallest organisation name as drawn on screen: font size times zoom, in CSS pixels. */
export function smallestLabelPx(page: Page): Promise<number> {
  return page.evaluate(() => {
    const cy = window.__onwardCy!;
    const sizes = cy.nodes().map((node) => parseFloat(String(node.style("font-size"))) * cy.zoom());
    return Math.min(...sizes);
  });
}

/** How many arrows show a label on the canvas. */
export function labelledEdges(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    window
      .__onwardCy!.edges()
      .filter((edge) => String(edge.style("label")) !== "")
      .map((edge) => edge.id()),
  );
}
