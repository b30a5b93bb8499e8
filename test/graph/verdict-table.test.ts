import { fieldCoverage } from "../../server/graph/field-coverage";
import { hopVerdict, resolveFilters } from "../../server/graph/hop-filter";
import { recipientsOf, sourcesOf } from "../../server/graph/reach";
import type { ChainFilters, GraphFlow } from "../../server/graph/types";
import { DEFINITE, OPTIONAL, POSSIBLE, REJECTED, VERDICT_TABLES_KEPT, verdictTable } from "../../server/graph/verdict-table";
import { FIELDS, flow, graphOf } from "./fixtures";

const OPT_OUT = { id: "opt", remainingFieldIds: ["name"] };
const FLOWS: GraphFlow[] = [
  flow("f1", "A", "B", { fieldIds: ["name", "ks2"] }),
  flow("f2", "B", "C", { fieldIds: ["pupil-information"], level: "AGGREGATE" }),
  flow("f3", "B", "D", { fieldIds: ["upn"], minimumAge: 13, basis: "INFERRED" }),
  flow("f4", "A", "D", { fieldIds: ["name", "upn"], optOuts: [OPT_OUT] }),
  flow("f5", "D", "E", { fieldIds: ["identity"], validFrom: "2010-01-01", validTo: "2012-12-31" }),
];
const CODES = { REJECTED, POSSIBLE, OPTIONAL, DEFINITE };

describe("the verdict table kept on a snapshot", () => {
  const filterSets: ChainFilters[] = [
    {},
    { field: "name" },
    { field: "upn", pupilAge: 12 },
    { field: "ks2", optOuts: ["opt"] },
    { field: "identity", asOf: "2011-05-05", basis: "STATED" },
    { field: "pupil-information", identifiableOnly: true },
    { optOuts: ["opt"], field: "upn" },
  ];

  it.each(filterSets)("gives every flow the verdict hopVerdict gives it (%j)", (filters) => {
    const graph = graphOf(FLOWS, FIELDS);
    const resolved = resolveFilters(filters);
    const coverage = resolved.field === null ? null : fieldCoverage(graph, resolved.field);
    const table = verdictTable(graph, resolved);
    const expected = graph.dense.flows.map((f) => CODES[hopVerdict(f, resolved, coverage)]);
    // Twice: judged, then remembered.
    for (let round = 0; round < 2; round++) expect(graph.dense.flows.map((_, i) => table.verdict(i))).toEqual(expected);
  });

  it("meets every verdict in those cases (they are not all alike)", () => {
    const graph = graphOf(FLOWS, FIELDS);
    const seen = new Set(filterSets.flatMap((filters) => graph.dense.flows.map((_, i) => verdictTable(graph, resolveFilters(filters)).verdict(i))));
    expect(seen).toEqual(new Set([REJECTED, POSSIBLE, DEFINITE]));
  });

  it("is shared by questions with the same filters, whatever maxHops, and not by others", () => {
    const graph = graphOf(FLOWS, FIELDS);
    const table = verdictTable(graph, resolveFilters({ field: "name", maxHops: 2 }));
    expect(verdictTable(graph, resolveFilters({ field: "name", maxHops: 9 }))).toBe(table);
    expect(verdictTable(graph, resolveFilters({ field: "name", optOuts: ["opt"] }))).not.toBe(table);
    expect(verdictTable(graph, resolveFilters({ field: "upn" }))).not.toBe(table);
    expect(verdictTable(graph, resolveFilters({ field: "name", pupilAge: 12 }))).not.toBe(table);
    expect(graph.verdictCache.size).toBe(4);
    // A new snapshot starts with none.
    expect(graphOf(FLOWS, FIELDS).verdictCache.size).toBe(0);
  });

  it("keeps at most VERDICT_TABLES_KEPT tables, dropping the least recently used", () => {
    const graph = graphOf(FLOWS, FIELDS);
    const first = verdictTable(graph, resolveFilters({ asOf: "2000-01-01" }));
    const second = verdictTable(graph, resolveFilters({ asOf: "2000-01-02" }));
    for (let day = 3; day <= VERDICT_TABLES_KEPT; day++) verdictTable(graph, resolveFilters({ asOf: `2000-01-${String(day).padStart(2, "0")}` }));
    expect(graph.verdictCache.size).toBe(VERDICT_TABLES_KEPT);
    verdictTable(graph, resolveFilters({ asOf: "2000-01-01" })); // used again: now the most recent
    verdictTable(graph, resolveFilters({ asOf: "2001-01-01" })); // one more: drops 2000-01-02
    expect(graph.verdictCache.size).toBe(VERDICT_TABLES_KEPT);
    expect(verdictTable(graph, resolveFilters({ asOf: "2000-01-01" }))).toBe(first);
    expect(verdictTable(graph, resolveFilters({ asOf: "2000-01-02" }))).not.toBe(second);
  });

  it("does not keep a table for a field the register lacks", () => {
    const graph = graphOf(FLOWS, FIELDS);
    verdictTable(graph, resolveFilters({ field: "no-such-field" }));
    expect(graph.verdictCache.size).toBe(0);
  });

  it("leaves answers as they were when questions share it, in either direction", () => {
    const shared = graphOf(FLOWS, FIELDS);
    for (const filters of filterSets) {
      for (const start of ["A", "B", "D"]) {
        const fresh = graphOf(FLOWS, FIELDS);
        expect(recipientsOf(shared, start, filters)).toEqual(recipientsOf(fresh, start, filters));
        expect(sourcesOf(shared, "E", filters)).toEqual(sourcesOf(graphOf(FLOWS, FIELDS), "E", filters));
      }
    }
    expect(shared.verdictCache.size).toBe(filterSets.length);
  });
});
