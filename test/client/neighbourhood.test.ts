import { flowVisible, neighbourhood, wholeRegister, type DrawFilters } from "../../client/src/graph/neighbourhood";
import { KIND_VISUALS } from "../../client/src/graph/visuals";
import { FLOWS, flow, ORGANISATIONS } from "./fixtures";

const NONE: DrawFilters = { asOf: null, statedOnly: false, identifiableOnly: false, pupilAge: null, hiddenKinds: new Set() };
const ids = (list: { id: string }[]) => list.map((x) => x.id).sort();

describe("flowVisible", () => {
  it("keeps a flow valid on the as-of date, both ends inclusive", () => {
    const f = flow("x", "a", "b", [], { validFrom: "2010-01-01", validTo: "2012-03-31" });
    expect(flowVisible(f, { ...NONE, asOf: "2010-01-01" })).toBe(true);
    expect(flowVisible(f, { ...NONE, asOf: "2012-03-31" })).toBe(true);
    expect(flowVisible(f, { ...NONE, asOf: "2009-12-31" })).toBe(false);
    expect(flowVisible(f, { ...NONE, asOf: "2012-04-01" })).toBe(false);
  });

  it("leaves out a flow with no end date once its recipient had closed", () => {
    const f = flow("x", "desc", "connexions", [], { validFrom: "2006-01-01", validTo: null, heldTo: "2012-04-04" });
    expect(flowVisible(f, { ...NONE, asOf: "2011-06-01" })).toBe(true);
    expect(flowVisible(f, { ...NONE, asOf: "2024-01-01" })).toBe(false);
  });

  it("leaves out inferred flows when only stated ones are wanted", () => {
    expect(flowVisible(flow("x", "a", "b", [], { basis: "INFERRED" }), { ...NONE, statedOnly: true })).toBe(false);
  });

  it("leaves out aggregate and anonymised flows when only identifiable ones are wanted", () => {
    expect(flowVisible(flow("x", "a", "b", [], { level: "PSEUDONYMISED" }), { ...NONE, identifiableOnly: true })).toBe(true);
    expect(flowVisible(flow("x", "a", "b", [], { level: "AGGREGATE" }), { ...NONE, identifiableOnly: true })).toBe(false);
  });

  it("leaves out flows for older pupils than the one asked about", () => {
    const f = flow("x", "a", "b", [], { minimumAge: 13 });
    expect(flowVisible(f, { ...NONE, pupilAge: 12 })).toBe(false);
    expect(flowVisible(f, { ...NONE, pupilAge: 13 })).toBe(true);
  });
});

describe("neighbourhood", () => {
  it("takes the focus and what is within the hop limit onward, with hop counts as ranks", () => {
    const drawn = neighbourhood(ORGANISATIONS, FLOWS, NONE, "school-a", 2);
    expect(ids(drawn.organisations)).toEqual(["careers", "dfe", "la-a", "school-a"]);
    expect(Object.fromEntries(drawn.rank)).toEqual({ "school-a": 0, "la-a": 1, careers: 1, dfe: 2 });
    expect(ids(drawn.flows)).toEqual(["f1", "f2", "f3", "f6", "f7"]);
  });

  it("goes as far as the hops allow, through a cycle without looping", () => {
    const drawn = neighbourhood(ORGANISATIONS, FLOWS, NONE, "school-a", 12);
    expect(drawn.rank.get("researcher")).toBe(4);
    expect(drawn.rank.get("la-a")).toBe(1);
  });

  it("follows only flows the filters keep", () => {
    const drawn = neighbourhood(ORGANISATIONS, FLOWS, { ...NONE, asOf: "2009-06-01" }, "school-a", 6);
    expect(ids(drawn.organisations)).toEqual(["careers", "la-a", "school-a"]);
  });

  it("does not pass through a hidden kind, but always keeps the focus", () => {
    const drawn = neighbourhood(ORGANISATIONS, FLOWS, { ...NONE, hiddenKinds: new Set(["LOCAL_AUTHORITY", "SCHOOL"]) }, "school-a", 6);
    expect(ids(drawn.organisations)).toEqual(["careers", "school-a"]);
  });

  it("draws nothing around an unknown focus", () => {
    expect(neighbourhood(ORGANISATIONS, FLOWS, NONE, "nobody", 2).organisations).toEqual([]);
  });
});

describe("wholeRegister", () => {
  it("draws every shown organisation, ranked by kind, with the focus first", () => {
    const drawn = wholeRegister(ORGANISATIONS, FLOWS, NONE, "dfe", (kind) => KIND_VISUALS[kind].rank);
    expect(drawn.organisations).toHaveLength(ORGANISATIONS.length);
    expect(drawn.flows).toHaveLength(FLOWS.length);
    expect(drawn.rank.get("dfe")).toBe(0);
    expect(drawn.rank.get("npd")).toBe(3);
    expect(drawn.rank.get("researcher")).toBe(4);
  });
});
