/**
 * The admitted rows a verdict table keeps (server/graph/admitted-rows.ts): each row is the
 * adjacency with only the flows the filters admit, in the same order; and a search gives the
 * same answer whether every row, some or none fit in the table's room.
 */
import { NOT_BUILT, NOT_KEPT } from "../../server/graph/admitted-rows";
import { resolveFilters, type ResolvedFilters } from "../../server/graph/hop-filter";
import type { IndexedGraph } from "../../server/graph/indexed-graph";
import { searchReach, type Direction } from "../../server/graph/state-search";
import type { ChainFilters, GraphFlow, Level } from "../../server/graph/types";
import { filtersKey, REJECTED, VERDICT_TABLES_KEPT, VerdictTable, verdictCertaintyRank, verdictTable } from "../../server/graph/verdict-table";
import { FIELDS, flow, graphOf, prng } from "./fixtures";

const LEVELS: Level[] = ["INDIVIDUAL", "PSEUDONYMISED", "AGGREGATE", "ANONYMISED"];
const FIELD_IDS = FIELDS.map((f) => f.id);

function randomCase(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const organisations = Array.from({ length: 2 + Math.floor(random() * 7) }, (_, i) => `O${i}`);
  const flows: GraphFlow[] = Array.from({ length: Math.floor(random() * 25) }, (_, i) =>
    flow(`f${i}`, pick(organisations), pick(organisations), {
      fieldIds: [pick(FIELD_IDS), ...(random() < 0.3 ? [pick(FIELD_IDS)] : [])],
      fieldInclusion: random() < 0.2 ? { [pick(FIELD_IDS)]: pick(["OPTIONAL", "POSSIBLE"] as const) } : undefined,
      level: pick(LEVELS),
      basis: random() < 0.3 ? "INFERRED" : "STATED",
      minimumAge: pick([null, null, 14]),
      validTo: pick([null, null, "2022-12-31"]),
      optOuts: random() < 0.3 ? [{ id: "o1", remainingFieldIds: [pick(FIELD_IDS)] }] : [],
    }),
  );
  const filters: ChainFilters = {
    field: pick([null, "upn", "identity", "pupil-information", "ks2", "loop-a"]),
    maxHops: 1 + Math.floor(random() * 5),
    pupilAge: pick([null, 12]),
    optOuts: pick([null, ["o1"]]),
    asOf: pick([null, "2023-06-01"]),
    basis: pick([null, "STATED"] as const),
    identifiableOnly: random() < 0.2,
  };
  return { organisations, flows, filters };
}

const FLOWS_INTO_B = [flow("ab", "A", "B"), flow("cb", "C", "B"), flow("db", "D", "B"), flow("ac", "A", "C")];

/** Everything a search says, evidence chains and flows followed included. */
function answerOf(graph: IndexedGraph, start: string, filters: ResolvedFilters, direction: Direction) {
  const search = searchReach(graph, start, filters, direction);
  return { reached: search.reached.map((r, i) => ({ ...r, chain: search.evidence(i) })), truncated: search.truncated, flowsFollowed: search.flowsFollowed() };
}

describe("the admitted rows of a verdict table", () => {
  it("hold each organisation's admitted flows in adjacency order, with their far end, level and certainty", () => {
    const random = prng(13);
    for (let round = 0; round < 200; round++) {
      const { flows, filters } = randomCase(random);
      const graph = graphOf(flows, FIELDS);
      const resolved = resolveFilters(filters);
      const table = verdictTable(graph, resolved);
      const dense = graph.dense;
      for (const downstream of [true, false]) {
        const rows = table.admittedRows(downstream);
        const offsets = downstream ? dense.outOffsets : dense.inOffsets;
        const members = downstream ? dense.outFlows : dense.inFlows;
        for (let organisation = 0; organisation < dense.organisations.length; organisation++) {
          expect(rows.start[organisation]).toBe(NOT_BUILT);
          const begin = rows.build(organisation);
          const built = Array.from({ length: rows.end[organisation] - begin }, (_, i) => [rows.flow[begin + i], rows.far[begin + i], rows.levelRank[begin + i], rows.certaintyRank[begin + i]]);
          const expected = Array.from(members.subarray(offsets[organisation], offsets[organisation + 1]))
            .filter((f) => table.verdict(f) !== REJECTED)
            .map((f) => [f, (downstream ? dense.flowTo : dense.flowFrom)[f], dense.flowLevelRank[f], verdictCertaintyRank(table.verdict(f))]);
          expect(built).toEqual(expected);
        }
      }
    }
  });

  it("does not keep a row that does not fit, and keeps a later one that does", () => {
    const graph = graphOf(FLOWS_INTO_B, FIELDS);
    const table = new VerdictTable(graph, resolveFilters({}), { left: 2 });
    const rows = table.admittedRows(false);
    const ordinal = (id: string) => graph.dense.ordinalOf.get(id)!;
    expect(rows.build(ordinal("B"))).toBe(NOT_KEPT);
    expect(rows.start[ordinal("B")]).toBe(NOT_KEPT);
    const begin = rows.build(ordinal("C"));
    expect(begin).toBeGreaterThanOrEqual(0);
    expect(rows.end[ordinal("C")] - begin).toBe(1);
  });

  it("share the snapshot's room, which a table dropped gives back", () => {
    const graph = graphOf(FLOWS_INTO_B, FIELDS);
    const room = graph.admittedEntriesLeft.left;
    const b = graph.dense.ordinalOf.get("B")!;
    const first = verdictTable(graph, resolveFilters({ asOf: "2000-01-01" }));
    first.admittedRows(false).build(b);
    expect(first.admittedEntries()).toBe(3);
    expect(graph.admittedEntriesLeft.left).toBe(room - 3);
    for (let day = 2; day <= VERDICT_TABLES_KEPT; day++) verdictTable(graph, resolveFilters({ asOf: `2000-01-${String(day).padStart(2, "0")}` })).admittedRows(true).build(b);
    // B sends nothing: the other tables' rows hold no entries.
    expect(graph.admittedEntriesLeft.left).toBe(room - 3);
    verdictTable(graph, resolveFilters({ asOf: "2001-01-01" })); // one more: drops the first
    expect(graph.verdictCache.size).toBe(VERDICT_TABLES_KEPT);
    expect(graph.admittedEntriesLeft.left).toBe(room);
  });

  it("give the answers the whole adjacency gives, whichever rows fit (300 random registers)", () => {
    const random = prng(2026);
    for (let round = 0; round < 300; round++) {
      const { organisations, flows, filters } = randomCase(random);
      const resolved = resolveFilters(filters);
      const start = organisations[Math.floor(random() * organisations.length)];
      const direction: Direction = random() < 0.5 ? "downstream" : "upstream";
      const kept = graphOf(flows, FIELDS, organisations);
      const limited = graphOf(flows, FIELDS, organisations);
      // No room at all, or room for some rows: the rest are read from the whole adjacency.
      limited.verdictCache.set(filtersKey(resolved), new VerdictTable(limited, resolved, { left: Math.floor(random() * 6) * (round % 2) }));
      expect(answerOf(limited, start, resolved, direction)).toEqual(answerOf(kept, start, resolved, direction));
      // Searched again, from the rows the first search built.
      expect(answerOf(limited, start, resolved, direction)).toEqual(answerOf(kept, start, resolved, direction));
    }
  });
});
