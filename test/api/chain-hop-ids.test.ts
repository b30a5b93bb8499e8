/**
 * A chain's hops asked by id alone are answered from the snapshot the chain was found in, with no
 * flow read from the database (the map asks `hops { id }` of up to 2,000 chains per field); any
 * other selection still reads the flows. Both must name the same flows.
 */
import { data, recordQueries } from "../support/graphql";
import { startTestServer, TestServer } from "../support/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ listen: false });
});
afterAll(() => t.close());

const LISTS = ["hops", "inferredHops", "inheritedHops", "unstatedLevelHops"] as const;
type Ids = Record<(typeof LISTS)[number], { id: string }[]>;
type Full = Record<(typeof LISTS)[number], { id: string; level: string; from: { id: string } }[]>;

const question = (selection: string) => `{
  onwardChains(from: "school", field: "ethnicity", maxHops: 4, asOf: null) {
    chains { ${LISTS.map((list) => `${list} ${selection}`).join(" ")} }
  }
}`;

/** The SQL statements that read flows by id (the flow loader's). */
const flowReads = (statements: string[]) => statements.filter((sql) => /FROM "flow"/i.test(sql) && /"id" IN/i.test(sql));

describe("a chain's hops by id", () => {
  it("names the same flows as a full selection, in the same order, reading no flow from the database", async () => {
    let byId: { onwardChains: { chains: Ids[] } } = { onwardChains: { chains: [] } };
    const idOnly = await recordQueries(t, async () => {
      byId = await data(t, question("{ id __typename alias: id }"));
    });
    let full: { onwardChains: { chains: Full[] } } = { onwardChains: { chains: [] } };
    const whole = await recordQueries(t, async () => {
      full = await data(t, question("{ id level from { id } }"));
    });
    const chains = full.onwardChains.chains;
    expect(chains.length).toBeGreaterThan(10);
    // every kind of list has flows somewhere, so each is compared
    for (const list of LISTS) expect(chains.some((c) => c[list].length > 0)).toBe(true);
    for (const list of LISTS) {
      expect(byId.onwardChains.chains.map((c) => c[list].map((h) => h.id))).toEqual(chains.map((c) => c[list].map((h) => h.id)));
      expect(byId.onwardChains.chains.every((c) => c[list].every((h: any) => h.__typename === "Flow" && h.alias === h.id))).toBe(true);
      // the full selection really read each flow
      expect(chains.every((c) => c[list].every((h) => typeof h.level === "string" && h.from.id.length > 0))).toBe(true);
    }
    expect(flowReads(idOnly)).toEqual([]);
    expect(flowReads(whole).length).toBeGreaterThan(0);
  });

  it("reads the flows when the selection goes through a fragment or a directive", async () => {
    for (const selection of ["{ ...F }", "{ id @include(if: true) }"]) {
      const text = question(selection) + (selection.includes("...F") ? " fragment F on Flow { id level }" : "");
      let answer: { onwardChains: { chains: Full[] } } = { onwardChains: { chains: [] } };
      const statements = await recordQueries(t, async () => {
        answer = await data(t, text);
      });
      expect(answer.onwardChains.chains.some((c) => c.hops.length > 0)).toBe(true);
      expect(flowReads(statements).length).toBeGreaterThan(0);
      if (selection.includes("...F")) expect(answer.onwardChains.chains.every((c) => c.hops.every((h) => typeof h.level === "string"))).toBe(true);
    }
  });
});
