import { fieldCarriedByHop, fieldCoverage } from "../../server/graph/field-coverage";
import { FIELDS, flow, graphOf } from "./fixtures";

const graph = graphOf([], FIELDS);

describe("fieldCoverage", () => {
  it("collects the field and everything narrower, transitively", () => {
    const coverage = fieldCoverage(graph, "pupil-information");
    expect([...coverage.naming].sort()).toEqual(["attainment", "identity", "ks2", "name", "pupil-information", "upn"]);
    expect([...coverage.broader]).toEqual([]);
  });

  it("collects every umbrella above the field, transitively", () => {
    const coverage = fieldCoverage(graph, "upn");
    expect([...coverage.naming]).toEqual(["upn"]);
    expect([...coverage.broader].sort()).toEqual(["identity", "pupil-information"]);
  });

  it("terminates on a cycle in narrower, counting the other field as narrower", () => {
    const coverage = fieldCoverage(graph, "loop-a");
    expect([...coverage.naming].sort()).toEqual(["loop-a", "loop-b"]);
    expect([...coverage.broader]).toEqual([]);
  });

  it("caches per field on the graph", () => {
    expect(fieldCoverage(graph, "identity")).toBe(fieldCoverage(graph, "identity"));
  });

  it("treats an unknown field as covering only itself", () => {
    const coverage = fieldCoverage(graph, "no-such-field");
    expect([...coverage.naming]).toEqual(["no-such-field"]);
    expect([...coverage.broader]).toEqual([]);
    expect(graph.coverageCache.has("no-such-field")).toBe(false);
  });
});

describe("fieldCarriedByHop", () => {
  const identity = fieldCoverage(graph, "identity");
  const plain = flow("plain", "a", "b", { fieldIds: [] });

  it("is definite when the hop names the field", () => {
    expect(fieldCarriedByHop(identity, plain, ["identity", "ks2"])).toEqual({ fields: ["identity"], certaintyRank: 0 });
  });

  it("is definite when the hop names a narrower field", () => {
    expect(fieldCarriedByHop(identity, plain, ["ks2", "upn", "name"])).toEqual({ fields: ["upn", "name"], certaintyRank: 0 });
  });

  it("is possible when the hop names only an umbrella", () => {
    expect(fieldCarriedByHop(identity, plain, ["pupil-information"])).toEqual({ fields: ["pupil-information"], certaintyRank: 2 });
  });

  it("lists every matching id, umbrella included, once each", () => {
    expect(fieldCarriedByHop(identity, plain, ["pupil-information", "upn", "upn"])).toEqual({
      fields: ["pupil-information", "upn"],
      certaintyRank: 0,
    });
  });

  it("is OPTIONAL when the notice marks the named field optional, and the surest field decides", () => {
    const optional = flow("f", "a", "b", { fieldIds: ["upn", "name"], fieldInclusion: { upn: "OPTIONAL", name: "POSSIBLE" } });
    expect(fieldCarriedByHop(identity, optional, ["upn", "name"])).toEqual({ fields: ["upn", "name"], certaintyRank: 1 });
    expect(fieldCarriedByHop(fieldCoverage(graph, "name"), optional, ["upn", "name"])).toEqual({ fields: ["name"], certaintyRank: 2 });
    expect(fieldCarriedByHop(identity, optional, ["ks2", "name"])).toEqual({ fields: ["name"], certaintyRank: 2 });
    // Naming the field outright beats an umbrella, however the umbrella is included.
    expect(fieldCarriedByHop(identity, flow("g", "a", "b", { fieldIds: ["pupil-information", "upn"], fieldInclusion: { "pupil-information": "OPTIONAL" } }), ["pupil-information", "upn"])).toEqual({
      fields: ["pupil-information", "upn"],
      certaintyRank: 0,
    });
  });

  it("is null for unrelated (sibling) fields", () => {
    expect(fieldCarriedByHop(identity, plain, ["ks2", "attainment"])).toBeNull();
    expect(fieldCarriedByHop(fieldCoverage(graph, "upn"), plain, ["name"])).toBeNull();
  });
});
