/**
 * Certainty has three values because notices say three things about a field on a flow: it passes
 * (DEFINITE), it is optional, the sender may leave it out (OPTIONAL), or only some of the data
 * passes, which items not said (POSSIBLE). The weakest hop decides a chain's certainty; the best
 * chain decides a recipient's. A hop whose notice states no level counts as INDIVIDUAL and is listed.
 */
import { onwardChains } from "../../server/graph/onward-chains";
import { recipientsOf, sourcesOf } from "../../server/graph/reach";
import { FIELDS, flow, graphOf } from "./fixtures";

const graph = graphOf(
  [
    flow("ab", "A", "B", { fieldIds: ["upn", "name"], fieldInclusion: { upn: "OPTIONAL" } }),
    flow("bc", "B", "C", { fieldIds: ["upn"] }),
    flow("cd", "C", "D", { fieldIds: ["upn"], fieldInclusion: { upn: "POSSIBLE" }, level: "NOT_STATED" }),
    // A second way to D, surer than A>B>C>D but longer: D's certainty is the best over both.
    flow("ae", "A", "E", { fieldIds: ["upn"], level: "AGGREGATE" }),
    flow("ef", "E", "F", { fieldIds: ["upn"], level: "NOT_STATED" }),
    flow("fg", "F", "G", { fieldIds: ["upn"] }),
    flow("gd", "G", "D", { fieldIds: ["upn"] }),
  ],
  FIELDS,
);

describe("three-valued certainty", () => {
  it("gives each chain its weakest hop's certainty, and lists hops without a stated level", () => {
    const chains = onwardChains(graph, "A", { field: "upn", maxHops: 4 }).chains;
    const byPath = new Map(chains.map((c) => [c.hops.join(","), c]));
    expect(byPath.get("ab")!.certainty).toBe("OPTIONAL");
    expect(byPath.get("ab,bc")!.certainty).toBe("OPTIONAL");
    expect(byPath.get("ab,bc,cd")!.certainty).toBe("POSSIBLE");
    expect(byPath.get("ab,bc,cd")!.unstatedLevelHops).toEqual(["cd"]);
    // NOT_STATED counts as INDIVIDUAL: the chain never reads less identifying than it might be.
    expect(byPath.get("ab,bc,cd")!.level).toBe("INDIVIDUAL");
    expect(byPath.get("ae,ef,fg,gd")!).toMatchObject({ certainty: "DEFINITE", level: "AGGREGATE", unstatedLevelHops: ["ef"] });
  });

  it("gives a recipient the best certainty over its chains, and a shortest chain as evidence", () => {
    const reached = new Map(recipientsOf(graph, "A", { field: "upn", maxHops: 4 }).recipients.map((r) => [r.organisation, r]));
    expect(reached.get("B")!.certainty).toBe("OPTIONAL");
    expect(reached.get("D")!.certainty).toBe("DEFINITE");
    // The evidence is one shortest chain (it may be less certain than the best over all chains).
    expect(reached.get("D")!.chain.hops).toEqual(["ab", "bc", "cd"]);
    // Within 3 hops only the POSSIBLE chain reaches D.
    expect(new Map(recipientsOf(graph, "A", { field: "upn", maxHops: 3 }).recipients.map((r) => [r.organisation, r.certainty])).get("D")).toBe("POSSIBLE");
  });

  it("says the same upstream", () => {
    const sources = new Map(sourcesOf(graph, "C", { field: "upn" }).sources.map((r) => [r.organisation, r.certainty]));
    expect(sources).toEqual(new Map([["B", "DEFINITE"], ["A", "OPTIONAL"]]));
  });

  it("treats a flow with no field asked as carrying data certainly, whatever its inclusions", () => {
    expect(onwardChains(graph, "A", { maxHops: 1 }).chains.map((c) => c.certainty)).toEqual(["DEFINITE", "DEFINITE"]);
  });
});

describe("opt-outs never make a field more certain", () => {
  // A flow that only possibly carries identity; an opt-out leaves just the name.
  const narrowed = graphOf(
    [flow("ab", "A", "B", { fieldIds: ["identity"], fieldInclusion: { identity: "POSSIBLE" }, optOuts: [{ id: "oo", remainingFieldIds: ["name"] }] })],
    FIELDS,
  );

  it("keeps a remaining field as uncertain as what the flow lists", () => {
    const without = recipientsOf(narrowed, "A", { field: "name" }).recipients;
    const withOptOut = recipientsOf(narrowed, "A", { field: "name", optOuts: ["oo"] }).recipients;
    expect(without.map((r) => r.certainty)).toEqual(["POSSIBLE"]);
    expect(withOptOut.map((r) => r.certainty)).toEqual(["POSSIBLE"]);
    expect(onwardChains(narrowed, "A", { field: "name", optOuts: ["oo"] }).chains.map((c) => c.certainty)).toEqual(["POSSIBLE"]);
  });
});
