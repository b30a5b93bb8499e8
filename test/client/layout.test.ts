import { bestWrap, guidesLayout, layeredPositions, wrapTallColumns } from "../../client/src/graph/layout";

describe("layeredPositions", () => {
  const nodes = [
    ...Array.from({ length: 3 }, (_, i) => ({ id: `s${i}`, rank: 0 })),
    ...Array.from({ length: 40 }, (_, i) => ({ id: `la${i}`, rank: 1 })),
    ...Array.from({ length: 200 }, (_, i) => ({ id: `t${i}`, rank: 4 })),
  ];
  const positions = layeredPositions(nodes);

  it("places every node once", () => {
    expect(positions.size).toBe(nodes.length);
    const places = new Set([...positions.values()].map((p) => `${p.x},${p.y}`));
    expect(places.size).toBe(nodes.length);
  });

  it("puts lower ranks strictly to the left of higher ones", () => {
    const xs = (prefix: string) => [...positions.entries()].filter(([id]) => id.startsWith(prefix)).map(([, p]) => p.x);
    expect(Math.max(...xs("s"))).toBeLessThan(Math.min(...xs("la")));
    expect(Math.max(...xs("la"))).toBeLessThan(Math.min(...xs("t")));
  });

  it("wraps a big rank into several columns so the picture stays roughly square", () => {
    const columns = new Set([...positions.entries()].filter(([id]) => id.startsWith("t")).map(([, p]) => p.x));
    expect(columns.size).toBeGreaterThan(3);
    const ys = [...positions.values()].map((p) => p.y);
    const xs = [...positions.values()].map((p) => p.x);
    const height = Math.max(...ys) - Math.min(...ys);
    const width = Math.max(...xs) - Math.min(...xs);
    expect(width / height).toBeGreaterThan(0.5);
    expect(width / height).toBeLessThan(4);
  });
});

describe("guidesLayout", () => {
  it("lays out along arrows that go right; around a focus only from one hop to the next", () => {
    expect(guidesLayout(0, 1, true)).toBe(true);
    expect(guidesLayout(1, 1, true)).toBe(false);
    expect(guidesLayout(1, 1, false)).toBe(true);
    expect(guidesLayout(2, 1, false)).toBe(false);
  });
});

describe("wrapTallColumns", () => {
  const tall = new Map<string, { x: number; y: number }>([["focus", { x: 0, y: 0 }]]);
  for (let i = 0; i < 30; i++) tall.set(`a${i}`, { x: 200, y: i * 30 });
  for (let i = 0; i < 5; i++) tall.set(`b${i}`, { x: 400, y: i * 30 });
  const wrapped = wrapTallColumns(tall, { maxRows: 12, rowSpacing: 30, columnWidth: 150 });

  it("splits a column taller than maxRows into side-by-side sub-columns", () => {
    const xs = new Set([...wrapped.entries()].filter(([id]) => id.startsWith("a")).map(([, p]) => p.x));
    expect(xs).toEqual(new Set([200, 350, 500]));
    const ys = [...wrapped.entries()].filter(([id]) => id.startsWith("a")).map(([, p]) => p.y);
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThanOrEqual(12 * 30);
  });

  it("moves later columns right to make room and leaves short columns as they were", () => {
    expect(wrapped.get("focus")).toEqual({ x: 0, y: 0 });
    expect(wrapped.get("b0")).toEqual({ x: 400 + 2 * 150, y: 0 });
    expect(Math.min(...[...wrapped.entries()].filter(([id]) => id.startsWith("b")).map(([, p]) => p.x))).toBeGreaterThan(500);
  });

  it("keeps every node and puts no two in the same place", () => {
    expect(wrapped.size).toBe(tall.size);
    expect(new Set([...wrapped.values()].map((p) => `${p.x},${p.y}`)).size).toBe(tall.size);
  });
});

describe("wrapTallColumns with dagre's uneven columns", () => {
  it("treats nodes a few pixels apart in x as one column", () => {
    const ragged = new Map<string, { x: number; y: number }>();
    for (let i = 0; i < 20; i++) ragged.set(`n${i}`, { x: 300 + (i % 3) * 20, y: i * 30 });
    const wrapped = wrapTallColumns(ragged, { maxRows: 10, rowSpacing: 30, columnWidth: 200 });
    expect(new Set([...wrapped.values()].map((p) => p.x))).toEqual(new Set([300, 500]));
  });
});

describe("bestWrap", () => {
  it("wraps a tall, narrow picture to suit a wide viewport, and leaves a picture that already fits", () => {
    // as dagre draws it: the focus level with the middle of its forty recipients
    const tall = new Map<string, { x: number; y: number }>([["focus", { x: 0, y: 780 }]]);
    for (let i = 0; i < 40; i++) tall.set(`a${i}`, { x: 250, y: i * 40 });
    const wide = bestWrap(tall, { width: 1200, height: 600 }, { rowSpacing: 34, columnWidth: 200 });
    const ys = [...wide.values()].map((p) => p.y);
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThan(40 * 40 / 2);
    const small = new Map([["a", { x: 0, y: 0 }], ["b", { x: 250, y: 0 }]]);
    expect(bestWrap(small, { width: 1200, height: 600 }, { rowSpacing: 34, columnWidth: 200 })).toEqual(small);
  });
});
