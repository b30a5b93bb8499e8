import { flowInScope, hopFilter, resolveFilters } from "../../server/graph/hop-filter";
import { fieldsAfterOptOuts } from "../../server/graph/opt-outs";
import type { ChainFilters, GraphFlow } from "../../server/graph/types";
import { FIELDS, flow, graphOf } from "./fixtures";

const graph = graphOf([], FIELDS);

function admitted(f: GraphFlow, filters: ChainFilters) {
  return hopFilter(graph, resolveFilters(filters))(f);
}

describe("ages", () => {
  const teen = flow("f", "A", "B", { minimumAge: 13 });
  it("leaves out flows whose minimum age exceeds the pupil's", () => {
    expect(flowInScope(teen, resolveFilters({ pupilAge: 12 }))).toBe(false);
  });
  it("keeps flows whose minimum age equals the pupil's", () => {
    expect(flowInScope(teen, resolveFilters({ pupilAge: 13 }))).toBe(true);
  });
  it("keeps everything when no age is given, and age-free flows for any age", () => {
    expect(flowInScope(teen, resolveFilters({}))).toBe(true);
    expect(flowInScope(flow("g", "A", "B"), resolveFilters({ pupilAge: 4 }))).toBe(true);
  });
});

describe("dates", () => {
  const window = flow("f", "A", "B", { validFrom: "2020-09-01", validTo: "2024-08-31" });
  const inScopeOn = (asOf: string | null, f: GraphFlow = window) => flowInScope(f, resolveFilters({ asOf }));
  it("includes both ends of the validity window", () => {
    expect([inScopeOn("2020-08-31"), inScopeOn("2020-09-01"), inScopeOn("2024-08-31"), inScopeOn("2024-09-01")]).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
  it("treats null ends as open", () => {
    const openStart = flow("g", "A", "B", { validTo: "2024-08-31" });
    const openEnd = flow("h", "A", "B", { validFrom: "2020-09-01" });
    expect([inScopeOn("1900-01-01", openStart), inScopeOn("2024-09-01", openStart)]).toEqual([true, false]);
    expect([inScopeOn("2020-08-31", openEnd), inScopeOn("2999-12-31", openEnd)]).toEqual([false, true]);
  });
  it("ignores dates when asOf is not given", () => {
    expect(inScopeOn(null)).toBe(true);
  });
});

describe("basis", () => {
  const inferred = flow("f", "A", "B", { basis: "INFERRED" });
  it("STATED keeps only stated flows", () => {
    expect(flowInScope(inferred, resolveFilters({ basis: "STATED" }))).toBe(false);
    expect(flowInScope(flow("g", "A", "B"), resolveFilters({ basis: "STATED" }))).toBe(true);
  });
  it("null, undefined and INFERRED keep both", () => {
    expect(flowInScope(inferred, resolveFilters({ basis: null }))).toBe(true);
    expect(flowInScope(inferred, resolveFilters({}))).toBe(true);
    expect(flowInScope(inferred, resolveFilters({ basis: "INFERRED" }))).toBe(true);
  });
});

describe("identifiableOnly", () => {
  it("keeps INDIVIDUAL and PSEUDONYMISED hops only", () => {
    const levels = ["INDIVIDUAL", "PSEUDONYMISED", "AGGREGATE", "ANONYMISED"] as const;
    expect(levels.map((level) => flowInScope(flow("f", "A", "B", { level }), resolveFilters({ identifiableOnly: true })))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe("opt-outs", () => {
  const census = flow("census", "S", "LA", {
    fieldIds: ["pupil-information"],
    optOuts: [
      { id: "keep-identity", remainingFieldIds: ["name", "upn"] },
      { id: "keep-numbers", remainingFieldIds: ["upn", "ks2"] },
      { id: "keep-ks2", remainingFieldIds: ["ks2"] },
    ],
  });

  it("leaves the flow as listed when none of its opt-outs is exercised", () => {
    expect(fieldsAfterOptOuts(census, new Set(["unrelated"]))).toBe(census.fieldIds);
  });

  it("narrows the flow to the remaining fields", () => {
    expect(fieldsAfterOptOuts(census, new Set(["keep-identity"]))).toEqual(["name", "upn"]);
  });

  it("intersects the remaining fields of several exercised opt-outs", () => {
    expect(fieldsAfterOptOuts(census, new Set(["keep-identity", "keep-numbers"]))).toEqual(["upn"]);
    expect(fieldsAfterOptOuts(census, new Set(["keep-identity", "keep-ks2"]))).toEqual([]);
  });

  it("counts the remaining fields as named: definite for them, dropped for others", () => {
    const optOuts = ["keep-identity"];
    expect(admitted(census, { field: "upn", optOuts })).toMatchObject({ certaintyRank: 0, fields: ["upn"] });
    expect(admitted(census, { field: "identity", optOuts })).toMatchObject({ certaintyRank: 0, fields: ["name", "upn"] });
    expect(admitted(census, { field: "ks2", optOuts })).toBeNull();
    // Without the opt-out, the umbrella only makes ks2 possible.
    expect(admitted(census, { field: "ks2" })).toMatchObject({ certaintyRank: 2, fields: ["pupil-information"] });
  });

  it("drops the flow altogether when the opt-outs leave nothing, even with no field asked", () => {
    expect(admitted(census, { optOuts: ["keep-identity", "keep-ks2"] })).toBeNull();
  });

  it("reports the narrowed fields when no field is asked", () => {
    expect(admitted(census, { optOuts: ["keep-numbers"] })).toMatchObject({ certaintyRank: 0, fields: ["upn", "ks2"] });
  });
});

describe("hopFilter", () => {
  it("admits every in-scope flow as definite 'data' when no field is asked", () => {
    const f = flow("f", "A", "B", { fieldIds: ["ks2"], level: "AGGREGATE" });
    expect(admitted(f, {})).toEqual({ flow: f, levelRank: 2, certaintyRank: 0, fields: ["ks2"] });
  });
  it("judges each flow once per request", () => {
    const admit = hopFilter(graph, resolveFilters({ field: "upn" }));
    const f = flow("f", "A", "B", { fieldIds: ["identity"] });
    expect(admit(f)).toBe(admit(f));
  });
});
