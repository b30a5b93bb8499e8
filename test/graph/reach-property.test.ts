/**
 * Randomised checks on small random graphs: recipientsOf and sourcesOf agree with what brute
 * force enumeration of every chain (onwardChains) implies, and onwardChains' order, `first`
 * and maxHops truncation agree with an unlimited enumeration.
 */
import { levelRank } from "../../server/graph/levels";
import { onwardChains } from "../../server/graph/onward-chains";
import { recipientsOf, sourcesOf } from "../../server/graph/reach";
import type { Chain, ChainFilters, GraphFlow, Level, Reach } from "../../server/graph/types";
import { FIELDS, flow, graphOf, prng } from "./fixtures";

const LEVELS: Level[] = ["INDIVIDUAL", "PSEUDONYMISED", "AGGREGATE", "ANONYMISED"];
const FIELD_IDS = FIELDS.map((f) => f.id);

function randomCase(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const orgs = Array.from({ length: 2 + Math.floor(random() * 5) }, (_, i) => `O${i}`);
  const flows: GraphFlow[] = Array.from({ length: Math.floor(random() * 13) }, (_, i) =>
    flow(`f${i}`, pick(orgs), pick(orgs), {
      fieldIds: [pick(FIELD_IDS), ...(random() < 0.3 ? [pick(FIELD_IDS)] : [])],
      level: pick(LEVELS),
      basis: random() < 0.3 ? "INFERRED" : "STATED",
      minimumAge: pick([null, null, 10, 14]),
      validFrom: pick([null, null, "2021-01-01"]),
      validTo: pick([null, null, "2022-12-31"]),
      optOuts: random() < 0.3 ? [{ id: pick(["o1", "o2"]), remainingFieldIds: [pick(FIELD_IDS)] }] : [],
    }),
  );
  const filters: ChainFilters = {
    field: pick([null, "upn", "identity", "pupil-information", "ks2", "loop-a"]),
    maxHops: 1 + Math.floor(random() * 5),
    pupilAge: pick([null, 12]),
    optOuts: pick([null, ["o1"], ["o1", "o2"]]),
    asOf: pick([null, "2020-06-01", "2022-12-31"]),
    basis: pick([null, "STATED"] as const),
    identifiableOnly: random() < 0.3,
  };
  return { orgs, graph: graphOf(flows, FIELDS, orgs), filters };
}

/** What a set of chains to (or from) one organisation implies for its Reach. */
function expectedReach(chains: Chain[]) {
  const hops = Math.min(...chains.map((c) => c.hops.length));
  const shortest = chains.filter((c) => c.hops.length === hops);
  const bestRank = (cs: Chain[]) => Math.min(...cs.map((c) => levelRank(c.level)));
  const evidenceRank = bestRank(shortest);
  return {
    hops,
    level: LEVELS[bestRank(chains)],
    certainty: chains.some((c) => c.certainty === "DEFINITE") ? "DEFINITE" : "POSSIBLE",
    evidenceLevel: LEVELS[evidenceRank],
    evidenceCertainty: shortest.some((c) => levelRank(c.level) === evidenceRank && c.certainty === "DEFINITE") ? "DEFINITE" : "POSSIBLE",
  };
}

function actualReach(r: Reach) {
  return { hops: r.hops, level: r.level, certainty: r.certainty, evidenceLevel: r.chain.level, evidenceCertainty: r.chain.certainty };
}

/** Every chain of up to maxHops hops from each organisation, by brute force. */
function allChains(orgs: string[], graph: ReturnType<typeof graphOf>, filters: ChainFilters): Chain[] {
  return orgs.flatMap((from) => {
    const { chains } = onwardChains(graph, from, { ...filters, first: 1000 });
    expect(chains.length).toBeLessThan(1000);
    return chains;
  });
}

/** Organisation -> (level, certainty) summary, to tell whether a larger maxHops changes anything. */
function summary(reaches: Reach[]): string {
  return reaches.map((r) => `${r.organisation}:${r.level}:${r.certainty}`).join(" ");
}

describe("recipientsOf and sourcesOf match brute-force enumeration", () => {
  it("on 400 random small graphs", () => {
    const random = prng(20240611);
    for (let run = 0; run < 400; run++) {
      const { orgs, graph, filters } = randomCase(random);
      const chains = allChains(orgs, graph, filters);
      for (const org of orgs) {
        const recipients = recipientsOf(graph, org, filters);
        const downstream = chains.filter((c) => c.organisations[0] === org);
        const recipientIds = [...new Set(downstream.map((c) => c.organisations[c.organisations.length - 1]))];
        expect(recipients.recipients.map((r) => r.organisation).sort()).toEqual(recipientIds.sort());
        for (const r of recipients.recipients) {
          const toR = downstream.filter((c) => c.organisations[c.organisations.length - 1] === r.organisation);
          expect(actualReach(r)).toEqual(expectedReach(toR));
          expect(toR).toContainEqual(r.chain);
        }

        const sources = sourcesOf(graph, org, filters);
        const upstream = chains.filter((c) => c.organisations[c.organisations.length - 1] === org);
        expect(sources.sources.map((s) => s.organisation).sort()).toEqual([...new Set(upstream.map((c) => c.organisations[0]))].sort());
        for (const s of sources.sources) {
          const fromS = upstream.filter((c) => c.organisations[0] === s.organisation);
          expect(actualReach(s)).toEqual(expectedReach(fromS));
          expect(fromS).toContainEqual(s.chain);
        }

        // With at most 6 organisations, 12 hops is unlimited: truncated means the answer differs.
        const unlimited = { ...filters, maxHops: 12 };
        expect(recipients.truncated).toBe(summary(recipients.recipients) !== summary(recipientsOf(graph, org, unlimited).recipients));
        expect(sources.truncated).toBe(summary(sources.sources) !== summary(sourcesOf(graph, org, unlimited).sources));
      }
    }
  });
});

describe("onwardChains order and truncation", () => {
  // Element-wise code-unit order, via a separator below every character in the ids.
  const byCodeUnit = (a: string[], b: string[]) => (a.join("\u0000") < b.join("\u0000") ? -1 : a.join("\u0000") > b.join("\u0000") ? 1 : 0);
  const compare = (a: Chain, b: Chain) =>
    a.hops.length - b.hops.length || byCodeUnit(a.organisations, b.organisations) || byCodeUnit(a.hops, b.hops);

  it("on 300 random small graphs", () => {
    const random = prng(777);
    for (let run = 0; run < 300; run++) {
      const { orgs, graph, filters } = randomCase(random);
      for (const from of orgs) {
        const all = onwardChains(graph, from, { ...filters, maxHops: 12, first: 1000 }).chains;
        const maxHops = filters.maxHops!;
        const result = onwardChains(graph, from, { ...filters, first: 1000 });
        // Sorted, simple, and exactly the chains of the unlimited answer up to maxHops.
        expect(result.chains).toEqual([...result.chains].sort(compare));
        expect(result.chains).toEqual(all.filter((c) => c.hops.length <= maxHops));
        for (const c of result.chains) expect(new Set(c.organisations).size).toBe(c.organisations.length);
        expect(result.truncated).toBe(all.some((c) => c.hops.length > maxHops));
        // `first` keeps a prefix and flags the cut.
        const first = 1 + Math.floor(random() * 4);
        const cut = onwardChains(graph, from, { ...filters, first });
        expect(cut.chains).toEqual(result.chains.slice(0, first));
        expect(cut.truncated).toBe(result.chains.length > first || result.truncated);
      }
    }
  });
});
