import { sourcesOf, recipientsOf } from "../../server/graph/reach";
import { StateTable } from "../../server/graph/state-table";
import type { GraphFlow } from "../../server/graph/types";
import { flow, graphOf } from "./fixtures";

describe("the state table", () => {
  it("keeps every state as it grows past its first capacity", () => {
    const organisations = 700;
    const table = new StateTable(organisations);
    const count = 5000;
    for (let state = 0; state < count; state++) {
      table.add(state % organisations, state % 4, state % 3, state - 1, state * 2, state >> 4, state % 5);
    }
    expect(table.size).toBe(count);
    const states = Array.from({ length: count }, (_, state) => state);
    const stored = states.map((s) => [table.organisation[s], table.levelRank[s], table.certaintyRank[s], table.previous[s], table.flow[s], table.hops[s], table.context[s]]);
    expect(stored).toEqual(states.map((s) => [s % organisations, s % 4, s % 3, s - 1, s * 2, s >> 4, s % 5]));
    expect([...table.organisationsReached()]).toEqual(Array.from({ length: organisations }, (_, i) => i));
  });

  it("still finds every state at an organisation after growing", () => {
    const table = new StateTable(3);
    for (let state = 0; state < 3000; state++) table.add(state % 3, 3, 2, -1, -1, state);
    // The only INDIVIDUAL state at organisation 1 is added last, after the table has grown.
    table.add(1, 0, 2, -1, -1, 9999);
    expect(table.isDominated(1, 0, 2)).toBe(true);
    expect(table.isDominated(2, 0, 2)).toBe(false);
    expect(table.best(1)).toEqual({ levelRank: 0, certaintyRank: 2, evidence: 1, hops: 1 });
  });
});

describe("a search that makes thousands of states", () => {
  // 3,000 schools send to a hub and to their LA (one of 30), which send on to the target; some
  // schools also send to the target directly.
  const schools = Array.from({ length: 3000 }, (_, i) => `school-${String(i).padStart(4, "0")}`);
  const flows: GraphFlow[] = [flow("hub-target", "hub", "target"), ...Array.from({ length: 30 }, (_, la) => flow(`la${la}-target`, `la-${la}`, "target", { level: "AGGREGATE" }))];
  schools.forEach((school, i) => {
    flows.push(flow(`${school}-hub`, school, "hub", { level: i % 2 === 0 ? "PSEUDONYMISED" : "INDIVIDUAL" }));
    flows.push(flow(`${school}-la`, school, `la-${i % 30}`));
    if (i % 7 === 0) flows.push(flow(`${school}-target`, school, "target", { level: "ANONYMISED" }));
  });
  const graph = graphOf(flows);

  it("lists every source by hops, then id, with its best level", () => {
    const { sources, truncated } = sourcesOf(graph, "target");
    expect(truncated).toBe(false);
    expect(sources.length).toBe(1 + 30 + 3000);
    const direct = schools.filter((_, i) => i % 7 === 0);
    const expectedOrder = [
      ...["hub", ...direct, ...Array.from({ length: 30 }, (_, la) => `la-${la}`)].sort(),
      ...schools.filter((_, i) => i % 7 !== 0),
    ];
    expect(sources.map((s) => s.organisation)).toEqual(expectedOrder);
    const ordinal = new Map(schools.map((school, i) => [school, i]));
    const fromSchools = sources.filter((s) => ordinal.has(s.organisation));
    const ends = (s: (typeof sources)[number]) => [s.chain.organisations[0], s.chain.organisations[s.chain.organisations.length - 1]];
    // Through the hub: PSEUDONYMISED for even schools, INDIVIDUAL for odd ones.
    expect(fromSchools.map((s) => [s.level, s.hops, ...ends(s)])).toEqual(
      fromSchools.map((s) => {
        const i = ordinal.get(s.organisation)!;
        return [i % 2 === 0 ? "PSEUDONYMISED" : "INDIVIDUAL", i % 7 === 0 ? 1 : 2, s.organisation, "target"];
      }),
    );
  });

  it("says maxHops cut the answer when it did", () => {
    const { sources, truncated } = sourcesOf(graph, "target", { maxHops: 1 });
    expect(truncated).toBe(true);
    expect(sources.length).toBe(1 + 30 + 429);
    expect(recipientsOf(graph, "school-0001").recipients.map((r) => r.organisation)).toEqual(["hub", "la-1", "target"]);
  });
});

describe("StateTable.bestInto", () => {
  it("gives best's answer without an object: the evidence state, with level and certainty beside it", () => {
    const table = new StateTable(4, null);
    table.add(0, 0, 0, -1, -1, 0);
    table.add(1, 2, 1, 0, 10, 1);
    table.add(1, 0, 2, 0, 11, 1);
    table.add(2, 1, 0, 1, 12, 2);
    for (const organisation of [0, 1, 2]) {
      const best = table.best(organisation)!;
      expect(table.bestInto(organisation, null)).toBe(best.evidence);
      expect([table.bestLevelRank, table.bestCertaintyRank]).toEqual([best.levelRank, best.certaintyRank]);
    }
    expect(table.best(1)).toEqual({ levelRank: 0, certaintyRank: 1, evidence: 2, hops: 1 });
    expect(table.bestInto(3, null)).toBe(-1);
    expect(table.bestInto(1, (state) => state === 1)).toBe(1);
    expect([table.bestLevelRank, table.bestCertaintyRank]).toEqual([2, 1]);
  });
});
