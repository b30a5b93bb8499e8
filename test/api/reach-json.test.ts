import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { Certainty, Level, Organisation, OrganisationKind } from "../../server/entities";
import { summaryList, type ReachSummary } from "../../server/graph";
import { writeReachAnswer } from "../../server/lean/reach-json";
import { reachShapeOf } from "../../server/lean/reach-shape";
import { buildRegisterSchema } from "../../server/schema";

// The lean writer keeps pieces of JSON per query shape (the text around an organisation for each
// hops, level and certainty, and the joint between two recipients). Whatever it keeps, an answer
// must be the JSON graphql-js would give: here, the plain JSON.stringify of the same answer.

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildRegisterSchema();
});

const LEVELS = Object.values(Level);
const CERTAINTIES = Object.values(Certainty);

function organisationsNamed(count: number): Map<string, Organisation> {
  return new Map(
    Array.from({ length: count }, (_, i) => {
      const organisation = Object.assign(new Organisation(), { id: `org-${i}`, name: `Organisation "${i}" \u00e9`, kind: OrganisationKind.SCHOOL });
      return [organisation.id, organisation] as const;
    }),
  );
}

/** Recipients of every hops (1-12), level and certainty, in a scrambled order: thousands of kind pairs. */
function scrambled(count: number, seed: number): ReachSummary[] {
  let state = seed;
  const next = (n: number) => ((state = (state * 1103515245 + 12345) & 0x7fffffff) % n);
  return Array.from({ length: count }, (_, i) => ({ organisation: `org-${i % 50}`, hops: 1 + next(12), level: LEVELS[next(LEVELS.length)], certainty: CERTAINTIES[next(CERTAINTIES.length)] }));
}

describe("lean answers' JSON", () => {
  it("is graphql-js's JSON for every kind of recipient, in any order, answer after answer of one shape", () => {
    const shape = reachShapeOf(schema, `query R($from: ID!) { recipients(from: $from) { hops who: organisation { id name kind __typename } level certainty } }`)!;
    const organisations = organisationsNamed(50);
    for (let seed = 1; seed <= 4; seed++) {
      const reached = scrambled(6000, seed);
      const expected = `${JSON.stringify({
        data: { recipients: reached.map((r) => ({ hops: r.hops, who: { id: r.organisation, name: organisations.get(r.organisation)!.name, kind: "SCHOOL", __typename: "Organisation" }, level: r.level, certainty: r.certainty })) },
      })}\n`;
      expect(writeReachAnswer(shape, summaryList(reached), organisations)!.toString("utf8")).toBe(expected);
    }
  });

  it("writes recipients without an organisation, and an empty answer", () => {
    const shape = reachShapeOf(schema, `query S { found: sources(to: "npd") { certainty hops } }`)!;
    const reached = scrambled(500, 7);
    expect(writeReachAnswer(shape, summaryList(reached), organisationsNamed(50))!.toString("utf8")).toBe(`${JSON.stringify({ data: { found: reached.map((r) => ({ certainty: r.certainty, hops: r.hops })) } })}\n`);
    expect(writeReachAnswer(shape, summaryList([]), organisationsNamed(1))!.toString("utf8")).toBe(`{"data":{"found":[]}}\n`);
  });

  it("leaves an organisation the snapshot lacks to Apollo", () => {
    const shape = reachShapeOf(schema, `query R($from: ID!) { recipients(from: $from) { organisation { id } hops } }`)!;
    expect(writeReachAnswer(shape, summaryList([{ organisation: "nowhere", hops: 1, level: Level.INDIVIDUAL, certainty: Certainty.DEFINITE }]), organisationsNamed(1))).toBeNull();
  });
});
