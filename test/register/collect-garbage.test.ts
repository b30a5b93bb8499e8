import { getHeapStatistics } from "node:v8";
import { collectGarbage } from "../../server/register/collect-garbage";

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
