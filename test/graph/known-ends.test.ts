import { buildDenseAdjacency } from "../../server/graph/dense-adjacency";
import type { GraphFlow } from "../../server/graph/types";
import { flow, prng } from "./fixtures";

/** The numbering and rows a build gives, comparable with toEqual. */
function shape(dense: ReturnType<typeof buildDenseAdjacency>) {
  return {
    organisations: [...dense.organisations],
    flowFrom: [...dense.flowFrom],
    flowTo: [...dense.flowTo],
    outFlows: [...dense.outFlows],
    inFlows: [...dense.inFlows],
  };
}

describe("numbering flows' ends from what a reader already knows (KnownEnds)", () => {
  it("gives the same adjacency as looking every end up, whether the known ends are right, partly missing or wrong", () => {
    const random = prng(11);
    for (let round = 0; round < 60; round++) {
      const listed = Array.from({ length: 2 + Math.floor(random() * 30) }, (_, i) => `org-${round}-${i}`);
      // Some flows name organisations that are not listed: they are numbered after the listed ones.
      const pick = () => (random() < 0.9 ? listed[Math.floor(random() * listed.length)] : `unlisted-${Math.floor(random() * 4)}`);
      const flows: GraphFlow[] = Array.from({ length: Math.floor(random() * 120) }, (_, i) => flow(`f-${i}`, pick(), pick()));
      const expected = shape(buildDenseAdjacency(listed, flows));
      const positionOf = (id: string) => listed.indexOf(id);
      const right = { from: Int32Array.from(flows, (f) => positionOf(f.from)), to: Int32Array.from(flows, (f) => positionOf(f.to)) };
      expect(shape(buildDenseAdjacency(listed, flows, undefined, right))).toEqual(expected);
      // Known for only the first flows (a register's inherited copies come after the stored flows).
      const cut = Math.floor(random() * (flows.length + 1));
      const partial = { from: right.from.slice(0, cut), to: right.to.slice(0, cut) };
      expect(shape(buildDenseAdjacency(listed, flows, undefined, partial))).toEqual(expected);
      // Wrong numbers (another organisation's, out of range, negative) are not believed.
      const wrong = (n: number) => [n + 1, listed.length + 3, -7, 2 ** 30][Math.floor(random() * 4)];
      const damaged = { from: right.from.map(wrong), to: right.to.map(wrong) };
      expect(shape(buildDenseAdjacency(listed, flows, undefined, damaged))).toEqual(expected);
    }
  });
});
