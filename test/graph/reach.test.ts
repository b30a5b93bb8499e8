import { onwardChains } from "../../server/graph/onward-chains";
import { recipientsOf, sourcesOf } from "../../server/graph/reach";
import type { Reach } from "../../server/graph/types";
import { FIELDS, flow, graphOf, DIAMOND_FLOWS } from "./fixtures";

/** Compact view of a reach: organisation, hops, level, certainty, evidence path. */
const view = (r: Reach) => [r.organisation, r.hops, r.level, r.certainty, r.chain.organisations.join(">")];

/** The same diamond with cycles as in the onwardChains tests. */
const diamond = graphOf([...DIAMOND_FLOWS]);

describe("recipientsOf", () => {
  it("lists each organisation once with fewest hops and the best level over both branches", () => {
    const result = recipientsOf(diamond, "A");
    expect(result.truncated).toBe(false);
    expect(result.recipients.map(view)).toEqual([
      ["B", 1, "INDIVIDUAL", "DEFINITE", "A>B"],
      ["C", 1, "AGGREGATE", "DEFINITE", "A>C"],
      ["D", 2, "PSEUDONYMISED", "DEFINITE", "A>B>D"],
      ["E", 3, "PSEUDONYMISED", "DEFINITE", "A>B>D>E"],
    ]);
  });

  it("gives a full evidence chain in travel order", () => {
    expect(recipientsOf(diamond, "A").recipients[3]).toEqual({
      organisation: "E",
      hops: 3,
      level: "PSEUDONYMISED",
      certainty: "DEFINITE",
      chain: {
        hops: ["ab", "bd", "de"],
        organisations: ["A", "B", "D", "E"],
        level: "PSEUDONYMISED",
        certainty: "DEFINITE",
        fields: ["name"],
        inferredHops: ["de"],
        inheritedHops: [], unstatedLevelHops: [],
      },
    });
  });

  it("never lists the origin, even when a cycle leads back to it", () => {
    expect(recipientsOf(diamond, "B").recipients.map(view)).toEqual([
      ["D", 1, "PSEUDONYMISED", "DEFINITE", "B>D"],
      ["A", 2, "PSEUDONYMISED", "DEFINITE", "B>D>A"],
      ["E", 2, "PSEUDONYMISED", "DEFINITE", "B>D>E"],
      ["C", 3, "AGGREGATE", "DEFINITE", "B>D>A>C"],
    ]);
  });

  it("takes the level from a longer chain when it is more identifying than the shortest", () => {
    const uneven = graphOf([
      flow("ac", "A", "C", { level: "AGGREGATE" }),
      flow("cd", "C", "D", { level: "AGGREGATE" }),
      flow("ab", "A", "B"),
      flow("bx", "B", "X"),
      flow("xd", "X", "D"),
    ]);
    const d = recipientsOf(uneven, "A").recipients.find((r) => r.organisation === "D")!;
    expect(view(d)).toEqual(["D", 2, "INDIVIDUAL", "DEFINITE", "A>C>D"]);
    expect(d.chain.level).toBe("AGGREGATE");
  });

  it("prefers, among shortest chains, the most identifying then the definite one as evidence", () => {
    const twoWays = graphOf(
      [
        flow("a1", "A", "B1", { fieldIds: ["pupil-information"] }),
        flow("a2", "A", "B2", { fieldIds: ["upn"], level: "PSEUDONYMISED" }),
        flow("a3", "A", "B3", { fieldIds: ["upn"] }),
        flow("b1", "B1", "D", { fieldIds: ["upn"] }),
        flow("b2", "B2", "D", { fieldIds: ["upn"] }),
        flow("b3", "B3", "D", { fieldIds: ["identity"] }),
      ],
      FIELDS,
    );
    const d = recipientsOf(twoWays, "A", { field: "upn" }).recipients.find((r) => r.organisation === "D")!;
    // Via B1 and B3 the chain is INDIVIDUAL but only POSSIBLE (umbrella / broader field); via
    // B2 it is DEFINITE but PSEUDONYMISED. Identifiability comes first.
    expect(view(d)).toEqual(["D", 2, "INDIVIDUAL", "DEFINITE", "A>B1>D"]);
    expect(d.chain).toMatchObject({ level: "INDIVIDUAL", certainty: "POSSIBLE" });
    // An INDIVIDUAL and DEFINITE chain of the same length is preferred over both.
    const withBest = graphOf(
      [...twoWays.data.flows, flow("a4", "A", "B4", { fieldIds: ["upn"] }), flow("b4", "B4", "D", { fieldIds: ["upn"] })],
      FIELDS,
    );
    const best = recipientsOf(withBest, "A", { field: "upn" }).recipients.find((r) => r.organisation === "D")!;
    expect(best.chain).toMatchObject({ organisations: ["A", "B4", "D"], level: "INDIVIDUAL", certainty: "DEFINITE" });
  });

  it("is DEFINITE if any chain is, even a longer one", () => {
    const g = graphOf(
      [
        flow("umbrella", "A", "D", { fieldIds: ["pupil-information"] }),
        flow("ab", "A", "B", { fieldIds: ["upn"] }),
        flow("bd", "B", "D", { fieldIds: ["name", "upn"] }),
      ],
      FIELDS,
    );
    expect(recipientsOf(g, "A", { field: "upn" }).recipients.map(view)).toEqual([
      ["B", 1, "INDIVIDUAL", "DEFINITE", "A>B"],
      ["D", 1, "INDIVIDUAL", "DEFINITE", "A>D"],
    ]);
    expect(recipientsOf(g, "A", { field: "upn" }).recipients[1].chain).toMatchObject({ certainty: "POSSIBLE", fields: ["pupil-information"] });
    expect(recipientsOf(g, "A", { field: "name" }).recipients.map(view)).toEqual([["D", 1, "INDIVIDUAL", "POSSIBLE", "A>D"]]);
  });

  it("respects identifiableOnly", () => {
    expect(recipientsOf(diamond, "A", { identifiableOnly: true }).recipients.map(view)).toEqual([
      ["B", 1, "INDIVIDUAL", "DEFINITE", "A>B"],
      ["D", 2, "PSEUDONYMISED", "DEFINITE", "A>B>D"],
      ["E", 3, "PSEUDONYMISED", "DEFINITE", "A>B>D>E"],
    ]);
  });
});

describe("maxHops in recipientsOf", () => {
  it("leaves out organisations beyond maxHops and flags it", () => {
    const line = graphOf([flow("ab", "A", "B"), flow("bc", "B", "C")]);
    expect(recipientsOf(line, "A", { maxHops: 1 })).toMatchObject({ truncated: true, recipients: [{ organisation: "B" }] });
    expect(recipientsOf(line, "A", { maxHops: 2 }).truncated).toBe(false);
  });

  it("flags when a longer chain would improve a level", () => {
    const g = graphOf([flow("ac", "A", "C", { level: "AGGREGATE" }), flow("ab", "A", "B"), flow("bc", "B", "C")]);
    expect(recipientsOf(g, "A", { maxHops: 1 })).toMatchObject({
      truncated: true,
      recipients: [{ organisation: "B", level: "INDIVIDUAL" }, { organisation: "C", level: "AGGREGATE" }],
    });
    expect(recipientsOf(g, "A", { maxHops: 2 })).toMatchObject({
      truncated: false,
      recipients: [{ organisation: "B", level: "INDIVIDUAL" }, { organisation: "C", level: "INDIVIDUAL" }],
    });
  });

  it("does not flag longer chains that would change nothing", () => {
    const g = graphOf([flow("ac", "A", "C"), flow("ab", "A", "B"), flow("bc", "B", "C")]);
    expect(recipientsOf(g, "A", { maxHops: 1 }).truncated).toBe(false);
  });

  it("does not flag a longer chain that only combines level and certainty differently", () => {
    // Within one hop C is INDIVIDUAL (umbrella, POSSIBLE) and DEFINITE (AGGREGATE); the
    // PSEUDONYMISED and DEFINITE chain via B is new but improves neither.
    const g = graphOf(
      [
        flow("p", "A", "C", { fieldIds: ["pupil-information"] }),
        flow("q", "A", "C", { fieldIds: ["upn"], level: "AGGREGATE" }),
        flow("ab", "A", "B", { fieldIds: ["upn"], level: "PSEUDONYMISED" }),
        flow("bc", "B", "C", { fieldIds: ["upn"] }),
      ],
      FIELDS,
    );
    expect(recipientsOf(g, "A", { field: "upn", maxHops: 1 })).toMatchObject({
      truncated: false,
      recipients: [
        { organisation: "B", level: "PSEUDONYMISED", certainty: "DEFINITE" },
        { organisation: "C", level: "INDIVIDUAL", certainty: "DEFINITE", chain: { hops: ["p"] } },
      ],
    });
  });

  it("flags when a longer chain would make an organisation DEFINITE", () => {
    const g = graphOf(
      [flow("umbrella", "A", "C", { fieldIds: ["pupil-information"] }), flow("ab", "A", "B", { fieldIds: ["upn"] }), flow("bc", "B", "C", { fieldIds: ["upn"] })],
      FIELDS,
    );
    expect(recipientsOf(g, "A", { field: "upn", maxHops: 1 })).toMatchObject({
      truncated: true,
      recipients: [{ organisation: "B", certainty: "DEFINITE" }, { organisation: "C", certainty: "POSSIBLE" }],
    });
    expect(recipientsOf(g, "A", { field: "upn", maxHops: 2 })).toMatchObject({
      truncated: false,
      recipients: [{ organisation: "B", certainty: "DEFINITE" }, { organisation: "C", certainty: "DEFINITE" }],
    });
  });

  it("rejects out-of-range maxHops", () => {
    expect(() => recipientsOf(diamond, "A", { maxHops: 13 })).toThrow(RangeError);
    expect(() => sourcesOf(diamond, "A", { maxHops: 0 })).toThrow("maxHops must be an integer from 1 to 12 (got 0)");
  });
});

describe("sourcesOf", () => {
  it("reads the same question upstream, chains in travel order ending at the target", () => {
    const result = sourcesOf(diamond, "D");
    expect(result.truncated).toBe(false);
    expect(result.sources.map(view)).toEqual([
      ["B", 1, "PSEUDONYMISED", "DEFINITE", "B>D"],
      ["C", 1, "INDIVIDUAL", "DEFINITE", "C>D"],
      ["A", 2, "PSEUDONYMISED", "DEFINITE", "A>B>D"],
      ["E", 2, "ANONYMISED", "DEFINITE", "E>B>D"],
    ]);
    expect(result.sources[3].chain).toEqual({
      hops: ["eb", "bd"],
      organisations: ["E", "B", "D"],
      level: "ANONYMISED",
      certainty: "DEFINITE",
      fields: ["upn"],
      inferredHops: [],
      inheritedHops: [], unstatedLevelHops: [],
    });
  });

  it("is symmetric with recipientsOf: same hops, level and certainty", () => {
    const orgs = ["A", "B", "C", "D", "E"];
    for (const filters of [{}, { identifiableOnly: true }, { basis: "STATED" as const }, { maxHops: 2 }, { field: "upn" }]) {
      for (const from of orgs) {
        for (const r of recipientsOf(diamond, from, filters).recipients) {
          const s = sourcesOf(diamond, r.organisation, filters).sources.find((x) => x.organisation === from);
          expect(s && [s.hops, s.level, s.certainty]).toEqual([r.hops, r.level, r.certainty]);
        }
      }
    }
  });

  it("field queries report the fields on the hop into the target", () => {
    const g = graphOf(
      [flow("census", "S", "LA", { fieldIds: ["name"] }), flow("upload", "LA", "DFE", { fieldIds: ["identity", "ks2"] })],
      FIELDS,
    );
    expect(sourcesOf(g, "DFE", { field: "name" }).sources.map((s) => [view(s), s.chain.fields])).toEqual([
      [["LA", 1, "INDIVIDUAL", "POSSIBLE", "LA>DFE"], ["identity"]],
      [["S", 2, "INDIVIDUAL", "POSSIBLE", "S>LA>DFE"], ["identity"]],
    ]);
  });
});

describe("unknown ids", () => {
  it("give empty answers, not errors", () => {
    expect(recipientsOf(diamond, "nowhere")).toEqual({ recipients: [], truncated: false });
    expect(sourcesOf(diamond, "nowhere")).toEqual({ sources: [], truncated: false });
    expect(recipientsOf(diamond, "A", { field: "no-such-field" })).toEqual({ recipients: [], truncated: false });
    expect(recipientsOf(diamond, "A", { optOuts: ["no-such-opt-out"] }).recipients).toHaveLength(4);
  });

  it("an isolated organisation has neither recipients nor sources", () => {
    const g = graphOf([flow("ab", "A", "B")], [], ["LONELY"]);
    expect(recipientsOf(g, "LONELY")).toEqual({ recipients: [], truncated: false });
    expect(sourcesOf(g, "LONELY")).toEqual({ sources: [], truncated: false });
    expect(onwardChains(g, "LONELY")).toEqual({ chains: [], truncated: false });
  });
});
