import { getHeapStatistics } from "node:v8";
import { collectGarbage, HeapBudget } from "../../server/register/collect-garbage";

// V8 sets a heap's next limit for a full collection from what was live at the last one; an import
// worker lets go of most of its first pass at once, and without a collection then its heap grew
// to four times that before the next (639 MB at 60,000 schools). `collectGarbage` must free what
// is unreachable now, not whenever V8 next decides to.
describe("collectGarbage", () => {
  it("frees this thread's unreachable objects at once, old space included", () => {
    // 400,000 small objects (tens of MB), moved to old space by a first collection...
    let kept: { id: string; n: number[] }[] | null = Array.from({ length: 400_000 }, (_, i) => ({ id: `flow-${i}-${"x".repeat(20)}`, n: [i, i + 1] }));
    collectGarbage();
    const held = getHeapStatistics().used_heap_size;
    expect(kept.length).toBe(400_000);
    // ...then let go of: nothing else is allocated in between that would start V8's own collection.
    kept = null;
    collectGarbage();
    const freed = held - getHeapStatistics().used_heap_size;
    expect(freed).toBeGreaterThan(30 * 1024 * 1024);
  });

  it("can be called again, and leaves no `gc` for new contexts", async () => {
    const { runInNewContext } = await import("node:vm");
    collectGarbage();
    collectGarbage();
    expect(runInNewContext("typeof gc")).toBe("undefined");
  });
});

describe("HeapBudget", () => {
  const MB = 1024 * 1024;
  const used = () => getHeapStatistics().used_heap_size;

  /** About `mb` MB of small arrays of short strings (an import's rows and ids), 2,000 rows a MB. */
  const rows = (mb: number, tag: string) => Array.from({ length: mb }, (_, m) => Array.from({ length: 2000 }, (_, i) => [`${tag}-${m}-${i}`, "flow", "field-" + i, String(i * 7), "x".repeat(40 + (i % 9))]));

  /**
   * Makes `total` MB of rows that each stay alive while `window` MB more are made (as an import's
   * rows wait for their batch), so that they outlive young collections and end in old space,
   * where only a full collection frees them; `between` runs after each MB. Returns the most heap used.
   */
  function churn(total: number, window: number, between: () => void): number {
    const live: unknown[][] = [];
    let most = used();
    for (let made = 0; made < total; made++) {
      live.push(rows(1, `r${made}`));
      if (live.length > window) live.shift();
      between();
      most = Math.max(most, used());
    }
    return most;
  }

  it("keeps the heap within its growth of what was live at its last collection, however much V8 would allow", () => {
    // A large live set (an import worker's first pass keeps 65-100 MB), which V8 would let the
    // heap grow to about four times before collecting in full.
    const kept = rows(100, "kept");
    const budget = new HeapBudget(48 * MB);
    const start = used();
    let collections = 0;
    const most = churn(300, 24, () => {
      if (budget.check()) collections++;
    });
    expect(kept.length).toBe(100);
    // The growth, the window of live rows and one step, with slack for the young generation
    // (measured: 62 MB with the budget, 170-181 MB without it).
    expect(most - start).toBeLessThan((48 + 24 + 1 + 48) * MB);
    // Its cost: at most a collection per 48 MB or so of the 300 MB made (none when V8 collects first).
    expect(collections).toBeLessThanOrEqual(12);
  });

  it("collects nothing more while the heap stays within its growth", () => {
    const budget = new HeapBudget(256 * MB);
    let collections = 0;
    churn(64, 8, () => {
      if (budget.check()) collections++;
    });
    expect(collections).toBe(0);
  });
});
