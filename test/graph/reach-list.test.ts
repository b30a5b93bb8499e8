import { resolveFilters } from "../../server/graph/hop-filter";
import { searchReachOf } from "../../server/graph/reach";
import { searchReach } from "../../server/graph/state-search";
import type { ReachList, ReachSummary } from "../../server/graph";
import type { GraphFlow, Level } from "../../server/graph/types";
import { DIAMOND_FLOWS, FIELDS, flow, graphOf, prng } from "./fixtures";

// A search gives its answer twice: as objects (`reached`, which chains, paging and the resolvers
// read) and by position (`list`, which the lean writer reads without an object per organisation).
// They must be the same answer.

const read = (list: ReachList): ReachSummary[] =>
  Array.from({ length: list.length }, (_, i) => ({ organisation: list.organisation(i), hops: list.hops(i), level: list.level(i), certainty: list.certainty(i) }));

const LEVELS: Level[] = ["INDIVIDUAL", "PSEUDONYMISED", "AGGREGATE", "ANONYMISED", "NOT_STATED"];

describe("a search's answer by position", () => {
  it("is the answer as objects, both ways, on the diamond", () => {
    const graph = graphOf([...DIAMOND_FLOWS]);
    for (const direction of ["downstream", "upstream"] as const) {
      for (const start of ["A", "B", "D", "E"]) {
        const search = searchReachOf(graph, start, { maxHops: 6 }, direction);
        expect(read(search.list)).toEqual(search.reached);
        expect(search.reached).toBe(search.reached); // made once
      }
    }
  });

  it("is the answer as objects on random graphs, with every level and certainty", () => {
    const random = prng(4242);
    const ids = FIELDS.map((f) => f.id);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    let compared = 0;
    for (let round = 0; round < 400; round++) {
      const orgs = Array.from({ length: 3 + Math.floor(random() * 6) }, (_, i) => `O${i}`);
      const flows: GraphFlow[] = Array.from({ length: 6 + Math.floor(random() * 20) }, (_, i) =>
        flow(`f${i}`, pick(orgs), pick(orgs), { fieldIds: [pick(ids)], level: pick(LEVELS), basis: random() < 0.3 ? "INFERRED" : "STATED" }),
      );
      const graph = graphOf(flows, FIELDS, orgs);
      const search = searchReachOf(graph, pick(orgs), { maxHops: 1 + Math.floor(random() * 4), field: pick([null, null, ...ids]) }, pick(["downstream", "upstream"] as const));
      expect(read(search.list)).toEqual(search.reached);
      compared += search.reached.length;
    }
    expect(compared).toBeGreaterThan(300);
  });

  it("is empty for an organisation the graph lacks", () => {
    const search = searchReachOf(graphOf([...DIAMOND_FLOWS]), "nowhere", {}, "downstream");
    expect(search.list.length).toBe(0);
    expect(search.reached).toEqual([]);
  });
});

describe("a search that throws", () => {
  it("gives back its borrowed arrays clean: the searches after it answer as before", () => {
    const graph = graphOf([...DIAMOND_FLOWS]);
    const filters = { ...resolveFilters({ maxHops: 6 }), boundSets: new Set<string>() };
    const answers = () => ["A", "B", "C", "D", "E"].flatMap((start) => (["downstream", "upstream"] as const).map((direction) => searchReach(graph, start, filters, direction).reached));
    const before = answers();
    for (const start of ["E", "D"]) {
      expect(() =>
        searchReach(graph, start, filters, "upstream", () => {
          throw new Error("a source filter that fails");
        }),
      ).toThrow("a source filter that fails");
    }
    expect(answers()).toEqual(before);
  });
});
