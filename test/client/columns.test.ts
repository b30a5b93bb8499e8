import type { OrganisationKind } from "../../client/src/api/types";
import { columnLayout, DEFAULT_COLUMNS, readableZoom, type ColumnBox } from "../../client/src/graph/columns";

const box = (id: string, rank: number, kind: OrganisationKind, width = 150, height = 30): ColumnBox => ({ id, rank, kind, name: id, width, height, offsetX: 11, offsetY: 0 });

/** The boxes as placed: left edge and vertical middle from each node's centre. */
function placed(boxes: ColumnBox[], positions: Map<string, { x: number; y: number }>) {
  return boxes.map((b) => {
    const p = positions.get(b.id)!;
    return { id: b.id, x1: p.x - b.offsetX, x2: p.x - b.offsetX + b.width, y1: p.y - b.height / 2, y2: p.y + b.height / 2 };
  });
}

describe("columnLayout", () => {
  const boxes = [
    box("focus", 0, "SCHOOL", 180, 40),
    box("la", 1, "LOCAL_AUTHORITY"),
    box("dfe", 1, "GOVERNMENT_DEPARTMENT", 160, 44),
    box("nhs", 1, "HEALTH"),
    box("a-school", 1, "SCHOOL"),
    ...Array.from({ length: 12 }, (_, i) => box(`r${i}`, 2, i % 2 ? "RESEARCH" : "OTHER", 120 + i * 5, 20 + (i % 3) * 15)),
  ];
  const positions = columnLayout(boxes, { ...DEFAULT_COLUMNS, viewport: { width: 1000, height: 600 } });
  const rects = placed(boxes, positions);

  it("places no box over another", () => {
    for (let i = 0; i < rects.length; i++)
      for (let j = i + 1; j < rects.length; j++) {
        const [a, b] = [rects[i], rects[j]];
        const overlap = Math.min(a.x2, b.x2) > Math.max(a.x1, b.x1) && Math.min(a.y2, b.y2) > Math.max(a.y1, b.y1);
        expect(overlap ? `${a.id} overlaps ${b.id}` : "").toBe("");
      }
  });

  it("reads left to right by rank, each column ordered by kind then name", () => {
    const x = (id: string) => positions.get(id)!.x;
    const y = (id: string) => positions.get(id)!.y;
    expect(x("focus")).toBeLessThan(x("la"));
    expect(Math.max(x("la"), x("dfe"), x("nhs"))).toBeLessThan(Math.min(...Array.from({ length: 12 }, (_, i) => x(`r${i}`))));
    // legend order: school, local authority, government department, ..., health
    expect([y("a-school"), y("la"), y("dfe"), y("nhs")]).toEqual([y("a-school"), y("la"), y("dfe"), y("nhs")].sort((a, b) => a - b));
  });

  it("splits a column that is too tall for a wide view into sub-columns", () => {
    const tall = Array.from({ length: 40 }, (_, i) => box(`t${i}`, 1, "OTHER"));
    const wide = columnLayout([box("f", 0, "SCHOOL"), ...tall], { ...DEFAULT_COLUMNS, viewport: { width: 1600, height: 400 } });
    expect(new Set(tall.map((b) => wide.get(b.id)!.x)).size).toBeGreaterThan(1);
  });
});

describe("readableZoom", () => {
  it("fits the drawing unless names would appear smaller than the least readable size", () => {
    expect(readableZoom(1.2, 15, 12)).toBe(1.2);
    expect(readableZoom(0.5, 15, 12)).toBeCloseTo(0.8);
    expect(readableZoom(3, 15, 12)).toBe(1.6);
  });
});
