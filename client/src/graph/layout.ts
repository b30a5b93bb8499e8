/** A node's place in a layered layout. */
export interface RankedNode {
  id: string;
  rank: number;
}

export interface LayeredOptions {
  columnSpacing: number;
  rowSpacing: number;
  /** Extra space between two ranks. */
  rankGap: number;
}

const DEFAULT_LAYERED: LayeredOptions = { columnSpacing: 90, rowSpacing: 56, rankGap: 260 };

/**
 * Positions for a large view without a costly layout: one band of columns per rank, left to
 * right, each band filled top to bottom and as tall as a square-ish picture needs. Nodes keep
 * the order given within a rank, so callers sort them (e.g. by name) first.
 */
export function layeredPositions(nodes: readonly RankedNode[], options: LayeredOptions = DEFAULT_LAYERED): Map<string, { x: number; y: number }> {
  const byRank = new Map<number, string[]>();
  for (const node of nodes) {
    const list = byRank.get(node.rank);
    if (list) list.push(node.id);
    else byRank.set(node.rank, [node.id]);
  }
  const rows = Math.max(8, Math.ceil(Math.sqrt(nodes.length * 2)));
  const positions = new Map<string, { x: number; y: number }>();
  let x = 0;
  for (const rank of [...byRank.keys()].sort((a, b) => a - b)) {
    const ids = byRank.get(rank)!;
    const columns = Math.ceil(ids.length / rows);
    const height = (Math.min(ids.length, rows) - 1) * options.rowSpacing;
    ids.forEach((id, i) => {
      const column = Math.floor(i / rows);
      const row = i % rows;
      // Alternate columns are nudged down half a row so labels of neighbours do not line up.
      const nudge = column % 2 === 1 ? options.rowSpacing / 2 : 0;
      positions.set(id, { x: x + column * options.columnSpacing, y: row * options.rowSpacing - height / 2 + nudge });
    });
    x += (columns - 1) * options.columnSpacing + options.rankGap;
  }
  return positions;
}

/**
 * Whether dagre should lay out along an arrow. Arrows going back (to a lower rank) are left out
 * so the focus, or the schools, stay on the left and data flows to the right; around a focus,
 * where ranks are hop counts, arrows within one rank are left out too, so each hop is a column.
 */
export function guidesLayout(sourceRank: number, targetRank: number, strict: boolean): boolean {
  return strict ? targetRank > sourceRank : targetRank >= sourceRank;
}

/** Options of the dagre layout: left to right, room for the labels under each node. */
export const DAGRE_OPTIONS = {
  name: "dagre",
  rankDir: "LR",
  nodeSep: 6,
  rankSep: 110,
  edgeSep: 10,
  ranker: "network-simplex",
  nodeDimensionsIncludeLabels: true,
  fit: true,
  padding: 24,
  animate: false,
} as const;

export interface WrapOptions {
  /** Most nodes one column keeps before it is split into side-by-side sub-columns. */
  maxRows: number;
  rowSpacing: number;
  /** Width of one sub-column (a node and its label). */
  columnWidth: number;
}

/**
 * Splits over-tall columns of a layered layout into sub-columns, so a focus with forty
 * recipients fills a wide screen instead of a thin strip with tiny text. Columns are found by
 * x; a split column is aligned on its leftmost node; nodes keep their top-to-bottom order, dealt left to right across sub-columns;
 * columns to the right move over to make room.
 */
export function wrapTallColumns(positions: ReadonlyMap<string, { x: number; y: number }>, options: WrapOptions): Map<string, { x: number; y: number }> {
  // A column's nodes have nearly the same x (dagre centres boxes of different widths), so x's
  // closer than half a column width to the column's first belong to it.
  const columns = new Map<number, { id: string; y: number }[]>();
  let current = -Infinity;
  for (const [id, p] of [...positions].sort((a, b) => a[1].x - b[1].x)) {
    if (p.x - current > options.columnWidth / 2) {
      current = p.x;
      columns.set(current, []);
    }
    columns.get(current)!.push({ id, y: p.y });
  }
  const result = new Map<string, { x: number; y: number }>();
  let shift = 0;
  for (const x of [...columns.keys()].sort((a, b) => a - b)) {
    const nodes = columns.get(x)!.sort((a, b) => a.y - b.y);
    const split = Math.ceil(nodes.length / options.maxRows);
    const rows = Math.ceil(nodes.length / split);
    const middle = nodes.reduce((sum, n) => sum + n.y, 0) / nodes.length;
    nodes.forEach((node, i) => {
      if (split === 1) {
        result.set(node.id, { x: positions.get(node.id)!.x + shift, y: node.y });
        return;
      }
      const sub = i % split;
      const row = Math.floor(i / split);
      result.set(node.id, { x: x + shift + sub * options.columnWidth, y: middle + (row - (rows - 1) / 2) * options.rowSpacing + (sub % 2) * (options.rowSpacing / 2) });
    });
    shift += (split - 1) * options.columnWidth;
  }
  return result;
}

/**
 * The wrap that lets the picture be drawn largest in a viewport: tries each row limit and keeps
 * the one whose bounding box (plus one column width for the last labels) needs the least zoom-out.
 */
export function bestWrap(
  positions: ReadonlyMap<string, { x: number; y: number }>,
  viewport: { width: number; height: number },
  options: Omit<WrapOptions, "maxRows">,
): Map<string, { x: number; y: number }> {
  let best: { zoom: number; positions: Map<string, { x: number; y: number }> } | null = null;
  const tallest = Math.max(1, positions.size);
  for (let maxRows = Math.min(tallest, 60); maxRows >= 4; maxRows--) {
    const wrapped = wrapTallColumns(positions, { ...options, maxRows });
    const xs = [...wrapped.values()].map((p) => p.x);
    const ys = [...wrapped.values()].map((p) => p.y);
    const width = Math.max(...xs) - Math.min(...xs) + options.columnWidth;
    const height = Math.max(...ys) - Math.min(...ys) + options.rowSpacing;
    const zoom = Math.min(viewport.width / width, viewport.height / height);
    if (!best || zoom > best.zoom * 1.02) best = { zoom, positions: wrapped };
  }
  return best?.positions ?? new Map(positions);
}
