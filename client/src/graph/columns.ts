import type { OrganisationKind } from "../api/types";
import { KIND_VISUALS } from "./visuals";

/** What the column layout needs of a node: its column, kind and name, and its drawn box. */
export interface ColumnBox {
  id: string;
  rank: number;
  kind: OrganisationKind;
  name: string;
  /** width and height of the node with its label */
  width: number;
  height: number;
  /** from the box's left edge and vertical middle to the node's centre (the label is to its right) */
  offsetX: number;
  offsetY: number;
}

export interface ColumnOptions {
  /** empty space between one column's widest box and the next column: room for the arrows */
  columnGap: number;
  /** empty space between two boxes of a column */
  rowGap: number;
  /** extra space where one kind ends and the next begins */
  kindGap: number;
  /** the drawing area's shape, so a tall column can be split to fill a wide one */
  viewport: { width: number; height: number };
}

export const DEFAULT_COLUMNS: Omit<ColumnOptions, "viewport"> = { columnGap: 70, rowGap: 10, kindGap: 14 };

type Point = { x: number; y: number };

/** Kinds in legend order, then names: how a column reads from top to bottom. */
export function byKindThenName(a: Pick<ColumnBox, "kind" | "name">, b: Pick<ColumnBox, "kind" | "name">): number {
  const order = (kind: OrganisationKind) => Object.keys(KIND_VISUALS).indexOf(kind);
  return order(a.kind) - order(b.kind) || a.name.localeCompare(b.name);
}

/**
 * Lays nodes out in columns by rank (hops from the focus, or kind), left to right; within a
 * column by kind and name, each kind a block of its own. Boxes are stacked, never overlapped, so
 * no label touches another label or node. A column taller than the others' share of the
 * viewport's shape is split into side-by-side sub-columns (tried for every split, keeping the one
 * that can be drawn largest). Returns node centres.
 */
export function columnLayout(boxes: readonly ColumnBox[], options: ColumnOptions): Map<string, Point> {
  const ranks = new Map<number, ColumnBox[]>();
  for (const box of boxes) {
    const list = ranks.get(box.rank);
    if (list) list.push(box);
    else ranks.set(box.rank, [box]);
  }
  const columns = [...ranks.keys()].sort((a, b) => a - b).map((rank) => ranks.get(rank)!.sort(byKindThenName));
  const tallest = Math.max(1, ...columns.map((c) => c.length));
  let best: { scale: number; positions: Map<string, Point> } | null = null;
  for (let maxRows = tallest; maxRows >= Math.min(tallest, 4); maxRows--) {
    const { positions, width, height } = place(columns, maxRows, options);
    const scale = Math.min(options.viewport.width / Math.max(width, 1), options.viewport.height / Math.max(height, 1));
    if (!best || scale > best.scale * 1.02) best = { scale, positions };
  }
  return best?.positions ?? new Map();
}

function place(columns: ColumnBox[][], maxRows: number, options: ColumnOptions): { positions: Map<string, Point>; width: number; height: number } {
  const positions = new Map<string, Point>();
  let x = 0;
  let height = 0;
  for (const column of columns) {
    const parts = Math.ceil(column.length / maxRows);
    const perPart = Math.ceil(column.length / parts);
    for (let p = 0; p < parts; p++) {
      const part = column.slice(p * perPart, (p + 1) * perPart);
      let total = 0;
      part.forEach((box, i) => {
        if (i > 0) total += options.rowGap + (box.kind !== part[i - 1].kind ? options.kindGap : 0);
        total += box.height;
      });
      height = Math.max(height, total);
      let y = -total / 2;
      part.forEach((box, i) => {
        if (i > 0) y += options.rowGap + (box.kind !== part[i - 1].kind ? options.kindGap : 0);
        positions.set(box.id, { x: x + box.offsetX, y: y + box.height / 2 + box.offsetY });
        y += box.height;
      });
      x += Math.max(...part.map((b) => b.width)) + options.columnGap;
    }
  }
  return { positions, width: x - options.columnGap, height };
}

/**
 * The zoom a drawing is shown at: the largest that fits it in the view, but never so small
 * that labels drawn at `fontSize` appear under `minFontPx` on screen (the reader pans instead).
 */
export function readableZoom(fitZoom: number, fontSize: number, minFontPx: number, maxZoom = 1.6): number {
  return Math.min(maxZoom, Math.max(fitZoom, minFontPx / fontSize));
}
