import { fieldCarriedByHop, fieldCoverage } from "../../server/graph/field-coverage";
import { FIELDS, graphOf } from "./fixtures";

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

  it("is definite when the hop names the field", () => {
    expect(fieldCarriedByHop(identity, ["identity", "ks2"])).toEqual({ fields: ["identity"], definite: true });
  });

  it("is definite when the hop names a narrower field", () => {
    expect(fieldCarriedByHop(identity, ["ks2", "upn", "name"])).toEqual({ fields: ["upn", "name"], definite: true });
  });

  it("is possible when the hop names only an umbrella", () => {
    expect(fieldCarriedByHop(identity, ["pupil-information"])).toEqual({ fields: ["pupil-information"], definite: false });
  });

  it("lists every matching id, umbrella included, once each", () => {
    expect(fieldCarriedByHop(identity, ["pupil-information", "upn", "upn"])).toEqual({
      fields: ["pupil-information", "upn"],
      definite: true,
    });
  });

  it("is null for unrelated (sibling) fields", () => {
    expect(fieldCarriedByHop(identity, ["ks2", "attainment"])).toBeNull();
    expect(fieldCarriedByHop(fieldCoverage(graph, "upn"), ["name"])).toBeNull();
  });
});
