import { compareIds } from "../../server/graph/compare-ids";
import { sortByHopsThenId } from "../../server/graph/reach-order";
import { graphOf, prng } from "./fixtures";

describe("the order of a reach answer", () => {
  it("is by fewest hops, then id, for few and for most organisations reached", () => {
    const random = prng(7);
    // Ids whose string order differs from the order they are numbered in.
    const ids = Array.from({ length: 500 }, (_, i) => `org-${(i * 7919) % 500}-${i % 3 === 0 ? "b" : "a"}`);
    const graph = graphOf([], [], ids);
    const dense = graph.dense;
    for (const share of [0.01, 0.05, 0.5, 1]) {
      for (let round = 0; round < 20; round++) {
        const maxHops = 1 + Math.floor(random() * 12);
        const hopsAt = new Int32Array(ids.length);
        const reached: number[] = [];
        for (let ordinal = 0; ordinal < ids.length; ordinal++) {
          if (random() >= share) continue;
          reached.push(ordinal);
          // Some reached organisations are not listed (the start, or one no source counts for).
          hopsAt[ordinal] = random() < 0.1 ? 0 : 1 + Math.floor(random() * maxHops);
        }
        const listed = reached.filter((o) => hopsAt[o] > 0);
        const expected = [...listed].sort((a, b) => hopsAt[a] - hopsAt[b] || compareIds(dense.organisations[a], dense.organisations[b]));
        expect([...sortByHopsThenId(dense, reached, hopsAt, listed.length, maxHops)]).toEqual(expected);
      }
    }
  });
});
