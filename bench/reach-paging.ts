import "reflect-metadata";
import { parseArgs } from "./args";
import { GraphqlClient, runInterleaved, runLoad, type LoadResult } from "./load";
import { startServer, stopServer } from "./server-control";

/**
 * `sources(to: npd)` whole against `sourcesReport(to: npd, first: 100)` a page at a time (issue
 * 13): the whole answer names every school (2 MB); a page of 100 should cost a few
 * milliseconds. `npm run bench` calls `measureSourcesPaging` on its server; on its own,
 * `npx tsx bench/reach-paging.ts --database FILE.sqlite` starts a server on FILE (a copy: the
 * server may migrate it) and measures that alone.
 */

const Q_WHOLE = `query Sources($field: ID!, $maxHops: Int) {
  sources(to: "npd", field: $field, maxHops: $maxHops) { organisation { id } hops level certainty }
}`;
const Q_PAGE = `query SourcesPage($field: ID!, $maxHops: Int, $first: Int!, $after: String) {
  sourcesReport(to: "npd", field: $field, maxHops: $maxHops, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } organisations { organisation { id } hops level certainty }
  }
}`;

/** Requests per row: p50 over at least 20, as the issue asks. */
const REQUESTS = 24;
const PAGE = 100;
const SLICES = 8;
/**
 * maxHops values that give the same national answer (schools reach the NPD in at most 3 hops):
 * cycling through more of them than the snapshot keeps finished searches (8) makes every
 * request search afresh, as a first page does.
 */
const COLD_MAX_HOPS = [4, 5, 6, 7, 8, 9, 10, 11, 12];

export interface PagingRow {
  label: string;
  result: LoadResult;
}

interface PageAnswer {
  sourcesReport: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; organisations: unknown[] };
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "-");

/**
 * Measures the whole answer and its pages at 1 client, in alternating slices (as bench.ts does
 * for the floor and recipients: this machine's speed drifts by 2x over a minute, and rows measured
 * a minute apart would compare the drift); prints each row and returns them.
 */
export async function measureSourcesPaging(client: GraphqlClient, field: string): Promise<PagingRow[]> {
  const json = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

  // The same answer for every maxHops cycled through, or the fresh-search rows would compare unlike answers.
  const counts = new Set<number>();
  for (const maxHops of COLD_MAX_HOPS) counts.add((await client.data<PageAnswer>(Q_PAGE, { field, maxHops, first: 1 })).data.sourcesReport.totalCount);
  if (counts.size !== 1) console.log(`  (maxHops ${COLD_MAX_HOPS.join(", ")} give different answers: ${[...counts].join(", ")} sources)`);

  // Cursors of the first pages, for a row of later pages, each asked in turn.
  const cursors: string[] = [];
  let after: string | null = null;
  while (cursors.length < REQUESTS + 2) {
    const answer: PageAnswer = (await client.data<PageAnswer>(Q_PAGE, { field, first: PAGE, after })).data;
    if (!answer.sourcesReport.pageInfo.hasNextPage) break;
    after = answer.sourcesReport.pageInfo.endCursor!;
    cursors.push(after);
  }

  const cycled = (i: number) => COLD_MAX_HOPS[i % COLD_MAX_HOPS.length];
  const questions: [string, (i: number) => string][] = [
    [`sources(to: npd, field: ${field}) whole`, () => json(Q_WHOLE, { field })],
    [`sources whole, maxHops cycled`, (i) => json(Q_WHOLE, { field, maxHops: cycled(i) })],
    [`sourcesReport first page of ${PAGE}, search kept`, () => json(Q_PAGE, { field, first: PAGE })],
    [`sourcesReport first page of ${PAGE}, searched afresh (maxHops cycled)`, (i) => json(Q_PAGE, { field, first: PAGE, maxHops: cycled(i) })],
    [`sourcesReport later pages of ${PAGE}`, (i) => json(Q_PAGE, { field, first: PAGE, after: cursors[i % cursors.length] })],
  ];
  console.log(`sources(to: npd, field: ${field}) whole, and a page at a time (${PAGE} a page), 1 client, in ${SLICES} alternating slices:`);
  const results = await runInterleaved(
    client,
    questions.map(([, body]) => ({ concurrency: 1, maxRequests: REQUESTS, maxMs: 120000, warmup: 0, body })),
    SLICES,
  );
  const rows = questions.map(([label], q) => ({ label, result: results[q] }));
  for (const { label, result } of rows) {
    console.log(`  ${label}: ${result.requests} requests, p50 ${fmt(result.p50)} ms, p99 ${fmt(result.p99)} ms, ${fmt(result.bytes / 1024, 0)} KB each${result.errors ? `, ${result.errors} ERRORS: ${result.firstError}` : ""}`);
  }

  // Every page, one after the other, against the whole answer at once.
  const walks: number[] = [];
  let pages = 0;
  for (let walk = 0; walk < 3; walk++) {
    const started = performance.now();
    after = null;
    pages = 0;
    for (;;) {
      const answer: PageAnswer = (await client.data<PageAnswer>(Q_PAGE, { field, first: 500, after })).data;
      pages++;
      if (!answer.sourcesReport.pageInfo.hasNextPage) break;
      after = answer.sourcesReport.pageInfo.endCursor;
    }
    walks.push(performance.now() - started);
  }
  walks.sort((a, b) => a - b);
  console.log(`  every page of 500 in turn (${pages} pages): median ${fmt(walks[1], 0)} ms over 3 walks`);
  return rows;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { database: "string", field: "string" });
  if (typeof args.database !== "string") throw new Error("--database FILE.sqlite (a copy of an imported register) is required");
  const { child, ready } = await startServer(args.database, null);
  const client = new GraphqlClient(ready.url, 1);
  try {
    console.log(`Server on ${args.database}: graph snapshot in ${fmt(ready.snapshotMs / 1000)} s`);
    // As bench.ts does: let the freshly started server compile and settle first.
    await runLoad(client, { concurrency: 1, maxRequests: 20, maxMs: 10000, warmup: 0, body: () => JSON.stringify({ query: Q_WHOLE, variables: { field: (args.field as string) ?? "ethnicity" } }) });
    await measureSourcesPaging(client, (args.field as string) ?? "ethnicity");
  } finally {
    client.close();
    await stopServer(child);
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
