/**
 * Randomised checks of roles, instances, scopes and lifetimes: recipientsOf, sourcesOf and
 * onwardChains agree with a brute-force enumeration of every simple path that applies the rules
 * of the README ("Roles, instances and scopes") directly, with sets of pupils rather than the
 * search's encoded contexts.
 */
import { admitHop, resolveFilters } from "../../server/graph/hop-filter";
import { indexGraph } from "../../server/graph/indexed-graph";
import { fieldCoverage } from "../../server/graph/field-coverage";
import { levelRank } from "../../server/graph/levels";
import { onwardChains } from "../../server/graph/onward-chains";
import { recipientsOf, sourcesOf } from "../../server/graph/reach";
import { receivedFromKey } from "../../server/graph/received-from";
import type { ChainFilters, FlowScope, GraphFlow, GraphOrganisation, Level, Reach } from "../../server/graph/types";
import { FIELDS, flow, prng } from "./fixtures";

const LEVELS: Level[] = ["INDIVIDUAL", "PSEUDONYMISED", "AGGREGATE", "ANONYMISED"];
const CERTAINTIES = ["DEFINITE", "OPTIONAL", "POSSIBLE"] as const;
const FIELD_IDS = FIELDS.map((f) => f.id);
const AREAS = ["a1", "a2"];

function randomCase(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const organisations: GraphOrganisation[] = [
    { id: "R0", isRole: true },
    { id: "R1", isRole: true },
    ...Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => ({
      id: `I${i}`,
      instanceOf: pick(["R0", "R0", "R1"]),
      area: pick([...AREAS, null]),
      existedFrom: pick([null, null, "2021-01-01"]),
      existedTo: pick([null, null, "2022-06-30"]),
    })),
    ...Array.from({ length: 1 + Math.floor(random() * 2) }, (_, i) => ({
      id: `N${i}`,
      existedFrom: pick([null, null, "2021-01-01"]),
      existedTo: pick([null, null, "2022-06-30"]),
    })),
  ];
  const ids = organisations.map((o) => o.id);
  const isRole = (id: string) => id === "R0" || id === "R1";
  const flows: GraphFlow[] = [];
  const count = 3 + Math.floor(random() * 10);
  for (let i = 0; i < count; i++) {
    const from = random() < 0.5 ? pick(["R0", "R1"]) : pick(ids);
    const to = pick(ids.filter((id) => id !== from));
    const scopes: (FlowScope | null)[] =
      isRole(from) || isRole(to)
        ? [null, { kind: "NATIONAL" }, { kind: "AREA", area: pick(AREAS) }, { kind: "ORGANISATION", organisation: pick(ids) }, { kind: "COUNTERPART" }]
        : [null, null, { kind: "ORGANISATION", organisation: pick(ids) }];
    const fieldId = pick(FIELD_IDS);
    flows.push(
      flow(`f${i}`, from, to, {
        fieldIds: [fieldId],
        // Some fields only optional or possibly included, as notices say (certainty has three values).
        fieldInclusion: pick([null, null, { [fieldId]: "OPTIONAL" }, { [fieldId]: "POSSIBLE" }] as const),
        // A level the notice does not state counts as INDIVIDUAL.
        level: pick([...LEVELS, "NOT_STATED"] as Level[]),
        basis: random() < 0.2 ? "INFERRED" : "STATED",
        validFrom: pick([null, null, "2021-06-01"]),
        scope: pick(scopes),
        // Opt-outs that bind only what the sender received from some organisations (or roles).
        optOuts:
          random() < 0.35
            ? [{ id: pick(["o1", "o2"]), remainingFieldIds: [pick(FIELD_IDS)], receivedFrom: random() < 0.7 ? [pick(ids), ...(random() < 0.3 ? [pick(ids)] : [])] : null }]
            : [],
      }),
    );
  }
  const filters: ChainFilters = {
    field: pick([null, "upn", "identity", "pupil-information"]),
    maxHops: 1 + Math.floor(random() * 4),
    asOf: pick([null, "2020-06-01", "2022-01-01", "2022-12-31"]),
    basis: pick([null, "STATED"] as const),
    optOuts: pick([null, ["o1"], ["o1", "o2"]]),
  };
  return { organisations, flows, filters };
}

interface BruteChain {
  hops: string[];
  organisations: string[];
  level: Level;
  certainty: (typeof CERTAINTIES)[number];
}

/** Every simple path of 1..maxHops hops from `start` the rules admit, by brute force. */
function bruteForce(organisations: GraphOrganisation[], flows: GraphFlow[], filters: ChainFilters, start: string): BruteChain[] {
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const alive = (id: string) => {
    const o = byId.get(id)!;
    const asOf = filters.asOf ?? null;
    return asOf === null || ((o.existedFrom == null || o.existedFrom <= asOf) && (o.existedTo == null || asOf <= o.existedTo));
  };
  const isRole = (id: string) => byId.get(id)!.isRole === true;
  const isInstance = (id: string) => !isRole(id) && byId.get(id)!.instanceOf != null;
  // Pupils: each organisation's own, one group per area for pupils of no named organisation, and the rest.
  const everyone = new Set<string>([...organisations.map((o) => `pupils-of:${o.id}`), ...AREAS.map((a) => `unnamed-in:${a}`), "elsewhere"]);
  const pupilsOf = (scope: FlowScope): Set<string> => {
    if (scope.kind === "AREA") {
      return new Set([...organisations.filter((o) => o.area === scope.area).map((o) => `pupils-of:${o.id}`), `unnamed-in:${scope.area}`]);
    }
    if (scope.kind === "ORGANISATION") return new Set([`pupils-of:${scope.organisation}`]);
    return everyone;
  };
  const covers = (scope: FlowScope | null | undefined, instance: GraphOrganisation) =>
    !scope ||
    scope.kind === "NATIONAL" ||
    (scope.kind === "AREA" && instance.area === scope.area) ||
    (scope.kind === "ORGANISATION" && scope.organisation === instance.id);
  // Each hop: a flow with the organisation that actually sends it (an instance, when inherited).
  const hops: { flow: GraphFlow; from: string }[] = flows.map((f) => ({ flow: f, from: f.from }));
  for (const f of flows) {
    if (!isRole(f.from)) continue;
    for (const o of organisations) {
      if (o.instanceOf === f.from && !o.isRole && o.id !== f.to && f.scope?.kind !== "COUNTERPART" && covers(f.scope, o)) hops.push({ flow: f, from: o.id });
    }
  }
  // A bound opt-out applies when the chain's data came from one of its senders: the start, or the role it is an instance of.
  const startRole = byId.get(start)!.instanceOf;
  const boundSets = new Set(
    flows.flatMap((f) => f.optOuts.filter((o) => o.receivedFrom && (o.receivedFrom.includes(start) || (startRole != null && o.receivedFrom.includes(startRole)))).map((o) => receivedFromKey(o.receivedFrom!))),
  );
  const resolved = { ...resolveFilters(filters), boundSets };
  const coverage = filters.field ? fieldCoverage(indexGraph({ organisations, fields: FIELDS, flows: [] }), filters.field) : null;

  const chains: BruteChain[] = [];
  const walk = (path: { flow: GraphFlow; from: string }[], at: string, pupils: Set<string>, afterNextSchool: boolean, rank: number, certainty: number) => {
    if (path.length > 0) {
      chains.push({
        hops: path.map((h) => h.flow.id),
        organisations: [start, ...path.map((h) => h.flow.to)],
        level: LEVELS[rank],
        certainty: CERTAINTIES[certainty],
      });
    }
    if (path.length === resolved.maxHops) return;
    for (const hop of hops) {
      if (hop.from !== at) continue;
      const to = hop.flow.to;
      if (to === start || path.some((h) => h.flow.to === to)) continue;
      if (!alive(hop.from) || !alive(to)) continue;
      const admitted = admitHop(hop.flow, resolved, coverage);
      if (!admitted) continue;
      let nextPupils = pupils;
      let nextAfter = afterNextSchool;
      const scope = hop.flow.scope ?? { kind: "NATIONAL" };
      if (scope.kind === "AREA" || scope.kind === "ORGANISATION") {
        if (afterNextSchool) continue;
        nextPupils = new Set([...pupils].filter((p) => pupilsOf(scope).has(p)));
        if (nextPupils.size === 0) continue;
      } else if (scope.kind === "COUNTERPART" && isRole(to)) {
        if (afterNextSchool) continue;
        nextAfter = true;
      } else if (scope.kind === "COUNTERPART" && isRole(hop.flow.from)) {
        if (afterNextSchool || pupils.size !== everyone.size) continue;
      }
      walk([...path, hop], to, nextPupils, nextAfter, Math.max(rank, levelRank(admitted.flow.level)), Math.max(certainty, admitted.certaintyRank));
    }
  };
  walk([], start, isInstance(start) ? new Set([`pupils-of:${start}`]) : everyone, false, 0, 0);
  return chains;
}

function expectedReach(chains: BruteChain[]) {
  return {
    hops: Math.min(...chains.map((c) => c.hops.length)),
    level: LEVELS[Math.min(...chains.map((c) => levelRank(c.level)))],
    certainty: CERTAINTIES[Math.min(...chains.map((c) => CERTAINTIES.indexOf(c.certainty)))],
  };
}

const shape = (c: { hops: string[]; organisations: string[]; level: Level; certainty: string }) => ({ hops: c.hops, organisations: c.organisations, level: c.level, certainty: c.certainty });
const summary = (reaches: Reach[]) => reaches.map((r) => `${r.organisation}:${r.level}:${r.certainty}`).join(" ");

describe("roles, scopes and lifetimes match brute force", () => {
  it("recipientsOf, sourcesOf and onwardChains on 400 random graphs with roles, scopes and opt-outs bound to what was received", () => {
    const random = prng(9090);
    let scopedChains = 0;
    let boundOptOutRuns = 0;
    for (let run = 0; run < 400; run++) {
      const { organisations, flows, filters } = randomCase(random);
      if (flows.some((f) => f.optOuts.some((o) => o.receivedFrom && filters.optOuts?.includes(o.id)))) boundOptOutRuns++;
      const graph = indexGraph({ organisations, fields: FIELDS, flows });
      const ids = organisations.map((o) => o.id);
      const all = ids.flatMap((id) => bruteForce(organisations, flows, filters, id));
      scopedChains += all.filter((c) => c.hops.some((h) => flows.find((f) => f.id === h)!.scope)).length;
      for (const org of ids) {
        const downstream = all.filter((c) => c.organisations[0] === org);
        const enumerated = onwardChains(graph, org, { ...filters, first: 1000 }).chains.map(shape);
        expect(enumerated.map((c) => JSON.stringify(c)).sort()).toEqual(downstream.map((c) => JSON.stringify(shape(c))).sort());

        const recipients = recipientsOf(graph, org, filters);
        expect(recipients.recipients.map((r) => r.organisation).sort()).toEqual([...new Set(downstream.map((c) => c.organisations[c.organisations.length - 1]))].sort());
        for (const r of recipients.recipients) {
          const toR = downstream.filter((c) => c.organisations[c.organisations.length - 1] === r.organisation);
          expect({ hops: r.hops, level: r.level, certainty: r.certainty }).toEqual(expectedReach(toR));
          expect(toR.map(shape)).toContainEqual(shape(r.chain));
        }

        const upstream = all.filter((c) => c.organisations[c.organisations.length - 1] === org);
        const sources = sourcesOf(graph, org, filters);
        expect(sources.sources.map((s) => s.organisation).sort()).toEqual([...new Set(upstream.map((c) => c.organisations[0]))].sort());
        for (const s of sources.sources) {
          const fromS = upstream.filter((c) => c.organisations[0] === s.organisation);
          expect({ hops: s.hops, level: s.level, certainty: s.certainty }).toEqual(expectedReach(fromS));
          expect(fromS.map(shape)).toContainEqual(shape(s.chain));
        }

        const unlimited = { ...filters, maxHops: 12 };
        expect(recipients.truncated).toBe(summary(recipients.recipients) !== summary(recipientsOf(graph, org, unlimited).recipients));
        expect(sources.truncated).toBe(summary(sources.sources) !== summary(sourcesOf(graph, org, unlimited).sources));
      }
    }
    // The generator must actually exercise scoped hops, or the test proves nothing about them.
    expect(scopedChains).toBeGreaterThan(500);
    expect(boundOptOutRuns).toBeGreaterThan(50);
  });
});
