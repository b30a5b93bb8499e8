import { parseCsv, parseCsvRecords } from "../../bench/generator/csv";
import { serialiseDocument } from "../../bench/generator/format";
import { createRng, cumulative, rngFor } from "../../bench/generator/rng";
import { coprimeStride, mergeResults, percentile, summarise } from "../../bench/load";
import { compareReach } from "../../bench/sql-recipients";
import { parseArgs } from "../../bench/args";

describe("the seeded random numbers", () => {
  it("repeat for a seed and differ between seeds and streams", () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(createRng(43).next()).not.toBe(xs[0]);
    expect(rngFor(1, "school", 1).next()).not.toBe(rngFor(1, "school", 2).next());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("draw integers in range, distinct samples, and weighted picks in proportion", () => {
    const rng = createRng(9);
    const ints = Array.from({ length: 2000 }, () => rng.int(15, 40));
    expect(Math.min(...ints)).toBe(15);
    expect(Math.max(...ints)).toBe(40);
    const items = Array.from({ length: 100 }, (_, i) => i);
    for (const k of [3, 60, 100, 150]) {
      const s = rng.sample(items, k);
      expect(s).toHaveLength(Math.min(k, 100));
      expect(new Set(s).size).toBe(s.length);
    }
    const counts = [0, 0, 0];
    const cum = cumulative([1, 2, 7]);
    for (let i = 0; i < 10000; i++) counts[rng.weighted(cum)]++;
    expect(counts[2] / 10000).toBeCloseTo(0.7, 1);
    expect(counts[0] / 10000).toBeCloseTo(0.1, 1);
  });
});

describe("CSV", () => {
  it("handles quoted fields with commas, doubled quotes and CRLF", () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\r\n1,\n')).toEqual([["a", "b"], ["x, y", 'say "hi"'], ["1", ""]]);
    expect(parseCsvRecords("LA_code,LA_name\n839,\"Bournemouth, Christchurch and Poole\"\n", ["LA_code"])).toEqual([
      { LA_code: "839", LA_name: "Bournemouth, Christchurch and Poole" },
    ]);
    expect(() => parseCsvRecords("a\n1\n", ["b"])).toThrow(/lacks column/);
  });
});

describe("serialised register files", () => {
  it("are JSON with one record per line", () => {
    const text = serialiseDocument({ flows: [{ id: "a", from: "x", to: "y", fields: ["f"], level: "INDIVIDUAL", basis: "STATED", citations: [{ quote: "q" }] }], fields: [] });
    expect(JSON.parse(text)).toEqual({ flows: [expect.objectContaining({ id: "a" })], fields: [] });
    expect(text.split("\n")[2]).toMatch(/^\{"id":"a"/);
  });
});

describe("the bench's measures", () => {
  it("computes nearest-rank percentiles and rates", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([5], 99)).toBe(5);
    expect(percentile([], 50)).toBeNaN();
    const r = summarise([3, 1, 2], 300, 0, null, 1000);
    expect(r).toMatchObject({ requests: 3, p50: 2, max: 3, rps: 3, bytes: 100 });
  });

  it("compares recipient sets and hops", () => {
    const a = new Map([["x", 1], ["y", 2]]);
    expect(compareReach(a, new Map([["x", 1], ["y", 2]]))).toMatchObject({ sameSet: true, sameHops: true });
    expect(compareReach(a, new Map([["x", 1], ["y", 3]]))).toMatchObject({ sameSet: true, sameHops: false });
    expect(compareReach(a, new Map([["x", 1]]))).toMatchObject({ sameSet: false, onlyOnward: ["y"] });
  });

  it("merges measurements: percentiles over every request, rate over the summed time", () => {
    const a = summarise([1, 2, 3], 300, 0, null, 1000);
    const b = summarise([10, 20], 100, 1, "boom", 1000);
    const merged = mergeResults([a, b]);
    expect(merged).toMatchObject({ requests: 5, errors: 1, firstError: "boom", p50: 3, max: 20, rps: 2.5, bytes: 80, wallMs: 2000 });
    expect(merged.latencies).toEqual([1, 2, 3, 10, 20]);
  });

  it("steps through every school once before repeating one", () => {
    for (const n of [1, 2, 7, 49, 500, 24000, 23996]) {
      const stride = coprimeStride(n);
      const visited = new Set(Array.from({ length: n }, (_, i) => (i * stride) % n));
      expect(visited.size).toBe(n);
      if (n > 14) expect(stride).toBeGreaterThan(1);
    }
  });

  it("parses options", () => {
    expect(parseArgs(["--schools", "500", "--seed=3", "--quick"], { schools: "number", seed: "number", quick: "boolean" })).toEqual({ schools: 500, seed: 3, quick: true });
    expect(() => parseArgs(["--nope"], { schools: "number" })).toThrow(/unknown option/);
  });
});
