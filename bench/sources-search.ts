import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parseArgs } from "./args";
import { finishedReach, indexGraph, searchReachOf, type IndexedGraph } from "../server/graph";
import { decodeSnapshot } from "../server/snapshot/codec";

/**
 * The national sources search in-process, without a server (issue 13): loads a snapshot file and
 * times `sourcesReport(to: npd, field, first: 100)` searched afresh, as the resolver does it (the
 * search, the answer's fingerprint for the cursor, the first page's entries), then `recipients`
 * from schools (none twice), which must not get slower. `--digest` prints a hash of every answer in
 * full (order, hops, level, certainty, truncated, every evidence chain, the flows followed), to
 * compare two versions of the search.
 *
 *   npx tsx bench/sources-search.ts --snapshot bench/out/bench-24000.sqlite.graph [--runs 30] [--digest]
 */

const MAX_HOPS_CYCLED = [4, 5, 6, 7, 8, 9, 10, 11, 12];
const PAGE = 100;

const fmt = (n: number) => n.toFixed(2);

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return `p50 ${fmt(sorted[Math.floor(sorted.length / 2)])} ms, min ${fmt(sorted[0])} ms, max ${fmt(sorted[sorted.length - 1])} ms over ${sorted.length}`;
}

/** What the resolver does for a first page searched afresh, short of building the GraphQL objects. */
function firstPageAfresh(graph: IndexedGraph, field: string, maxHops: number): number {
  const { search, answer } = finishedReach(graph, "npd", { field, maxHops }, "upstream", false);
  answer();
  let hops = 0;
  const end = Math.min(PAGE, search.reached.length);
  for (let i = 0; i < end; i++) hops += search.reached[i].hops;
  return hops + (search.truncated ? 1 : 0);
}

/** A hash of everything an answer says, evidence chains and flows followed included. */
function answerDigest(graph: IndexedGraph, start: string, field: string, maxHops: number, direction: "upstream" | "downstream"): string {
  const search = searchReachOf(graph, start, { field, maxHops }, direction);
  const hash = createHash("sha256");
  hash.update(`${search.truncated}\n`);
  search.reached.forEach((r, i) => hash.update(JSON.stringify([r, search.evidence(i)]) + "\n"));
  hash.update(JSON.stringify(search.flowsFollowed().sort()));
  return `${search.reached.length} reached, ${hash.digest("hex").slice(0, 16)}`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { snapshot: "string", field: "string", runs: "number", digest: "boolean" });
  if (typeof args.snapshot !== "string") throw new Error("--snapshot FILE.graph is required");
  const field = (args.field as string) ?? "ethnicity";
  const runs = (args.runs as number) ?? 30;

  let started = performance.now();
  const content = decodeSnapshot(await readFile(args.snapshot));
  const graph = indexGraph(content.data, content.order);
  console.log(`snapshot: ${graph.dense.organisations.length} organisations, ${graph.dense.flows.length} flows, loaded in ${fmt(performance.now() - started)} ms`);
  const schools = graph.data.organisations.filter((o) => o.id.startsWith("school-")).map((o) => o.id);
  const sampleSchools = Array.from({ length: 8 }, (_, i) => schools[Math.floor(((i + 0.5) * schools.length) / 8)]).filter(Boolean);

  if (args.digest) {
    for (const maxHops of [2, 3, 6, 12]) console.log(`digest sources(npd, ${field}, maxHops ${maxHops}): ${answerDigest(graph, "npd", field, maxHops, "upstream")}`);
    console.log(`digest sources(npd, no field): ${answerDigest(graph, "npd", null as unknown as string, 6, "upstream")}`);
    for (const school of sampleSchools.slice(0, 4)) console.log(`digest recipients(${school}, ${field}): ${answerDigest(graph, school, field, 6, "downstream")}`);
  }

  started = performance.now();
  firstPageAfresh(graph, field, 6);
  console.log(`first search (judges every verdict): ${fmt(performance.now() - started)} ms`);
  for (let i = 0; i < 5; i++) firstPageAfresh(graph, field, MAX_HOPS_CYCLED[i % MAX_HOPS_CYCLED.length]);

  const search: number[] = [];
  const page: number[] = [];
  for (let i = 0; i < runs; i++) {
    const maxHops = MAX_HOPS_CYCLED[i % MAX_HOPS_CYCLED.length];
    started = performance.now();
    searchReachOf(graph, "npd", { field, maxHops }, "upstream");
    search.push(performance.now() - started);
    started = performance.now();
    firstPageAfresh(graph, field, maxHops);
    page.push(performance.now() - started);
  }
  console.log(`sources(npd, ${field}) search alone:        ${summary(search)}`);
  console.log(`sourcesReport first page afresh (in-process): ${summary(page)}`);

  // As the HTTP bench asks them: no school twice (a stride coprime with their number), after as many others.
  const recipients: number[] = [];
  const asked = 10 * runs;
  for (let i = 0; i < 2 * asked; i++) {
    const school = schools[(i * 7919) % schools.length];
    started = performance.now();
    searchReachOf(graph, school, { field }, "downstream");
    if (i >= asked) recipients.push(performance.now() - started);
  }
  console.log(`recipients(school, ${field}) search, each school once: ${summary(recipients)}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
