import type { ReachData, ReachRecipient } from "../../client/src/api/types";
import { highlightFrom, litClasses } from "../../client/src/graph/highlight";

const recipient = (id: string, certainty: "DEFINITE" | "POSSIBLE", hops: string[]): ReachRecipient => ({
  hops: hops.length,
  level: "INDIVIDUAL",
  certainty,
  organisation: { id },
  chain: { organisations: [], fields: [], hops: hops.map((h) => ({ id: h })), inferredHops: [] },
});

const reach: ReachData = {
  recipientsReport: {
    truncated: false,
    organisations: [recipient("la", "DEFINITE", ["f1"]), recipient("dfe", "POSSIBLE", ["f1", "f3"]), recipient("npd", "DEFINITE", ["f1", "f9"])],
  },
  onwardChains: {
    truncated: true,
    chains: [
      { certainty: "DEFINITE", hops: [{ id: "f1" }] },
      { certainty: "POSSIBLE", hops: [{ id: "f1" }, { id: "f3" }] },
      { certainty: "DEFINITE", hops: [{ id: "f2" }, { id: "f4" }] },
    ],
  },
};

const edgeOfFlow = new Map([
  ["f1", "school->la"],
  ["f2", "school->la"],
  ["f3", "la->dfe"],
  ["f4", "la->x"],
  ["f9", "dfe->npd"],
]);

describe("highlightFrom", () => {
  it("splits recipients into reached and only possibly reached", () => {
    const h = highlightFrom(reach, "school", edgeOfFlow);
    expect(h.focus).toBe("school");
    expect(h.reached).toEqual(["la", "npd"]);
    expect(h.possible).toEqual(["dfe"]);
  });

  it("marks the arrow of every hop of every chain, and of each recipient's own chain", () => {
    const h = highlightFrom(reach, "school", edgeOfFlow);
    expect(h.chainEdges).toEqual(["dfe->npd", "la->dfe", "la->x", "school->la"]);
  });

  it("skips hops whose flows are not drawn", () => {
    const h = highlightFrom(reach, "school", new Map([["f1", "school->la"]]));
    expect(h.chainEdges).toEqual(["school->la"]);
  });

  it("never lists the focus as its own recipient", () => {
    const h = highlightFrom(reach, "la", edgeOfFlow);
    expect(h.reached).toEqual(["npd"]);
  });
});

describe("the classes each lit element carries", () => {
  const CLASSES = { focus: "focus", reached: "reached", possible: "possible", onChain: "on-chain" };

  it("lists the focus, the reached, the possibly reached and the chains' arrows, an id in two lists with both classes", () => {
    const lit = litClasses({ focus: "school", reached: ["la", "dfe"], possible: ["dfe", "npd"], chainEdges: ["school->la"] }, CLASSES);
    expect([...lit]).toEqual([
      ["school", "focus"],
      ["la", "reached"],
      ["dfe", "reached possible"],
      ["npd", "possible"],
      ["school->la", "on-chain"],
    ]);
  });

  it("lights nothing without a focus", () => {
    expect(litClasses({ focus: null, reached: ["la"], possible: [], chainEdges: [] }, CLASSES).size).toBe(0);
  });
});
