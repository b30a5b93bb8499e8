import { onwardChains } from "../../server/graph/onward-chains";
import type { Chain } from "../../server/graph/types";
import { FIELDS, flow, graphOf, DIAMOND_FLOWS } from "./fixtures";

/** Compact view of a chain: organisations and hops. */
const path = (c: Chain) => `${c.organisations.join(">")} via ${c.hops.join(",")}`;

/**
 * A diamond A->{B,C}->D with a cycle back D->A, an inferred hop D->E and a cycle E->B.
 */
const diamond = graphOf([...DIAMOND_FLOWS]);

describe("onwardChains on a diamond with cycles", () => {
  it("finds every simple path, both sides of the diamond, never revisiting", () => {
    const result = onwardChains(diamond, "A");
    expect(result.truncated).toBe(false);
    expect(result.chains.map(path)).toEqual([
      "A>B via ab",
      "A>C via ac",
      "A>B>D via ab,bd",
      "A>C>D via ac,cd",
      "A>B>D>E via ab,bd,de",
      "A>C>D>E via ac,cd,de",
      "A>C>D>E>B via ac,cd,de,eb",
    ]);
  });

  it("reports the least identifying level, last hop's fields and inferred hops", () => {
    const { chains } = onwardChains(diamond, "A");
    expect(chains[2]).toEqual({
      hops: ["ab", "bd"],
      organisations: ["A", "B", "D"],
      level: "PSEUDONYMISED",
      certainty: "DEFINITE",
      fields: ["upn"],
      inferredHops: [],
      inheritedHops: [], unstatedLevelHops: [],
    });
    expect(chains[6]).toEqual({
      hops: ["ac", "cd", "de", "eb"],
      organisations: ["A", "C", "D", "E", "B"],
      level: "ANONYMISED",
      certainty: "DEFINITE",
      fields: ["ks2"],
      inferredHops: ["de"],
      inheritedHops: [], unstatedLevelHops: [],
    });
  });

  it("identifiableOnly stops at AGGREGATE and ANONYMISED hops", () => {
    const result = onwardChains(diamond, "A", { identifiableOnly: true });
    expect(result.chains.map(path)).toEqual(["A>B via ab", "A>B>D via ab,bd", "A>B>D>E via ab,bd,de"]);
    expect(result.chains.map((c) => c.level)).toEqual(["INDIVIDUAL", "PSEUDONYMISED", "PSEUDONYMISED"]);
  });

  it("basis STATED leaves out inferred hops", () => {
    const result = onwardChains(diamond, "A", { basis: "STATED" });
    expect(result.chains.map(path)).toEqual(["A>B via ab", "A>C via ac", "A>B>D via ab,bd", "A>C>D via ac,cd"]);
    expect(result.chains.flatMap((c) => c.inferredHops)).toEqual([]);
  });

  it("starts anywhere on a cycle without going round it", () => {
    expect(onwardChains(diamond, "D").chains.map(path)).toEqual([
      "D>A via da",
      "D>E via de",
      "D>A>B via da,ab",
      "D>A>C via da,ac",
      "D>E>B via de,eb",
    ]);
  });
});

describe("ordering", () => {
  const fan = graphOf([
    flow("z1", "A", "Z"),
    flow("m2", "A", "M"),
    flow("m1", "A", "M"),
    flow("mb", "M", "B"),
    flow("zb", "Z", "B"),
  ]);

  it("orders by hop count, then organisation ids, then flow ids (parallel flows)", () => {
    expect(onwardChains(fan, "A").chains.map(path)).toEqual([
      "A>M via m1",
      "A>M via m2",
      "A>Z via z1",
      "A>M>B via m1,mb",
      "A>M>B via m2,mb",
      "A>Z>B via z1,zb",
    ]);
  });

  it("first keeps the leading chains in that order and flags the cut", () => {
    const result = onwardChains(fan, "A", { first: 4 });
    expect(result.chains.map(path)).toEqual(["A>M via m1", "A>M via m2", "A>Z via z1", "A>M>B via m1,mb"]);
    expect(result.truncated).toBe(true);
  });

  it("first equal to the number of chains is not a cut", () => {
    expect(onwardChains(fan, "A", { first: 6 }).truncated).toBe(false);
  });
});

describe("maxHops", () => {
  const line = graphOf([flow("ab", "A", "B"), flow("bc", "B", "C"), flow("cd", "C", "D"), flow("db", "D", "B")]);

  it("stops at maxHops and flags that chains go further", () => {
    const result = onwardChains(line, "A", { maxHops: 2 });
    expect(result.chains.map(path)).toEqual(["A>B via ab", "A>B>C via ab,bc"]);
    expect(result.truncated).toBe(true);
  });

  it("is not truncated when the only way on revisits an organisation", () => {
    const result = onwardChains(line, "A", { maxHops: 3 });
    expect(result.chains.map(path)).toEqual(["A>B via ab", "A>B>C via ab,bc", "A>B>C>D via ab,bc,cd"]);
    expect(result.truncated).toBe(false);
  });

  it("is not truncated when the hop further is filtered out", () => {
    const filtered = graphOf([flow("ab", "A", "B"), flow("bc", "B", "C", { basis: "INFERRED" })]);
    expect(onwardChains(filtered, "A", { maxHops: 1, basis: "STATED" })).toEqual({
      chains: [{ hops: ["ab"], organisations: ["A", "B"], level: "INDIVIDUAL", certainty: "DEFINITE", fields: ["data"], inferredHops: [], inheritedHops: [], unstatedLevelHops: [] }],
      truncated: false,
    });
    expect(onwardChains(filtered, "A", { maxHops: 1 }).truncated).toBe(true);
  });

  it("defaults to 6 hops", () => {
    const long = graphOf(Array.from({ length: 8 }, (_, i) => flow(`f${i}`, `N${i}`, `N${i + 1}`)));
    const result = onwardChains(long, "N0");
    expect(result.chains.map((c) => c.hops.length)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(result.truncated).toBe(true);
  });
});

describe("limits", () => {
  const g = graphOf([flow("ab", "A", "B")]);
  it.each([0, 13, 2.5, -1, Number.NaN])("rejects maxHops %p with a RangeError naming it", (maxHops) => {
    expect(() => onwardChains(g, "A", { maxHops })).toThrow(new RangeError(`maxHops must be an integer from 1 to 12 (got ${maxHops})`));
  });
  it.each([0, 1001, 1.5])("rejects first %p with a RangeError naming it", (first) => {
    expect(() => onwardChains(g, "A", { first })).toThrow(new RangeError(`first must be an integer from 1 to 1000 (got ${first})`));
  });
  it("accepts the ends of the ranges", () => {
    expect(onwardChains(g, "A", { maxHops: 1, first: 1 }).chains).toHaveLength(1);
    expect(onwardChains(g, "A", { maxHops: 12, first: 1000 }).chains).toHaveLength(1);
  });
});

describe("fields", () => {
  const school = graphOf(
    [
      flow("census", "S", "LA", { fieldIds: ["pupil-information"] }),
      flow("upload", "LA", "DFE", { fieldIds: ["upn", "ks2"] }),
      flow("mis", "S", "SUP", { fieldIds: ["name"] }),
      flow("resell", "SUP", "X", { fieldIds: ["identity"] }),
    ],
    FIELDS,
  );
  const view = (c: Chain) => [path(c), c.certainty, c.fields];

  it("umbrella hops make a chain POSSIBLE; narrower fields count as DEFINITE", () => {
    expect(onwardChains(school, "S", { field: "identity" }).chains.map(view)).toEqual([
      ["S>LA via census", "POSSIBLE", ["pupil-information"]],
      ["S>SUP via mis", "DEFINITE", ["name"]],
      ["S>LA>DFE via census,upload", "POSSIBLE", ["upn"]],
      ["S>SUP>X via mis,resell", "DEFINITE", ["identity"]],
    ]);
  });

  it("leaves out hops carrying only unrelated fields", () => {
    expect(onwardChains(school, "S", { field: "upn" }).chains.map(view)).toEqual([
      ["S>LA via census", "POSSIBLE", ["pupil-information"]],
      ["S>LA>DFE via census,upload", "POSSIBLE", ["upn"]],
    ]);
  });

  it("an exercised opt-out makes the narrowed hop name the field", () => {
    const withOptOut = graphOf(
      [
        flow("census", "S", "LA", {
          fieldIds: ["pupil-information"],
          optOuts: [{ id: "no-attainment", remainingFieldIds: ["name", "upn"] }],
        }),
        flow("upload", "LA", "DFE", { fieldIds: ["upn", "ks2"] }),
      ],
      FIELDS,
    );
    expect(onwardChains(withOptOut, "S", { field: "upn", optOuts: ["no-attainment"] }).chains.map(view)).toEqual([
      ["S>LA via census", "DEFINITE", ["upn"]],
      ["S>LA>DFE via census,upload", "DEFINITE", ["upn"]],
    ]);
    expect(onwardChains(withOptOut, "S", { field: "ks2", optOuts: ["no-attainment"] }).chains).toEqual([]);
    expect(onwardChains(withOptOut, "S", { field: "ks2" }).chains.map(view)).toEqual([
      ["S>LA via census", "POSSIBLE", ["pupil-information"]],
      ["S>LA>DFE via census,upload", "POSSIBLE", ["ks2"]],
    ]);
  });

  it("with no field, chain fields are the last hop's (narrowed) fields", () => {
    expect(onwardChains(school, "S").chains.map(view)).toEqual([
      ["S>LA via census", "DEFINITE", ["pupil-information"]],
      ["S>SUP via mis", "DEFINITE", ["name"]],
      ["S>LA>DFE via census,upload", "DEFINITE", ["upn", "ks2"]],
      ["S>SUP>X via mis,resell", "DEFINITE", ["identity"]],
    ]);
  });
});

describe("ages and dates along a chain", () => {
  const g = graphOf([
    flow("ab", "A", "B", { minimumAge: 13 }),
    flow("ac", "A", "C", { validFrom: "2021-01-01", validTo: "2021-12-31" }),
    flow("cd", "C", "D", { validFrom: "2022-01-01" }),
  ]);
  it("drops hops above the pupil's age and outside the day asked", () => {
    expect(onwardChains(g, "A", { pupilAge: 12, asOf: "2021-12-31" }).chains.map(path)).toEqual(["A>C via ac"]);
    expect(onwardChains(g, "A", { pupilAge: 13, asOf: "2021-01-01" }).chains.map(path)).toEqual(["A>B via ab", "A>C via ac"]);
    expect(onwardChains(g, "A", { asOf: "2022-01-01" }).chains.map(path)).toEqual(["A>B via ab"]);
  });
});

describe("unknown ids", () => {
  it("give empty answers, not errors", () => {
    expect(onwardChains(diamond, "nowhere")).toEqual({ chains: [], truncated: false });
    expect(onwardChains(diamond, "A", { field: "no-such-field" })).toEqual({ chains: [], truncated: false });
    expect(onwardChains(diamond, "A", { optOuts: ["no-such-opt-out"] }).chains).toHaveLength(7);
  });
});
