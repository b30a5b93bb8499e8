import { GraphqlClient, runInterleaved, runLoad, type LoadResult } from "./load";
import { childStats, startServer, stopServer } from "./server-control";

/** What the register does from several server processes on one database (WORKERS=N npm start). */
export interface WorkersFigures {
  workers: number;
  /** the slowest worker's snapshot load, ms */
  snapshotMs: number;
  /** each worker's RSS once its snapshot loaded, and its peak at the end */
  rssAfterLoad: number[];
  peakRss: number[];
  rows: { label: string; concurrency: number; result: LoadResult }[];
  floor: LoadResult;
  floorAlone: LoadResult;
}

const Q_FLOOR = `{ __typename }`;
const Q_RECIPIENTS = `query Recipients($from: ID!, $field: ID!) {
  recipients(from: $from, field: $field) { organisation { id name kind } hops level certainty }
}`;
const Q_SOURCES = `query Sources($field: ID!) {
  sources(to: "npd", field: $field) { organisation { id } hops level certainty }
}`;

/**
 * Starts `workers` server processes on `location` and measures, as the single-process run does,
 * the floor and recipients in alternating slices at `concurrency` clients and at 1, and
 * sources(to: npd). Each client keeps one connection, which the cluster gives to one worker, so
 * `concurrency` clients spread over the workers and 1 client measures one process.
 */
export async function measureWithWorkers(options: {
  location: string;
  workers: number;
  concurrency: number;
  field: string;
  school: (i: number) => string;
  slices: number;
}): Promise<WorkersFigures> {
  const { location, workers, concurrency, field, school, slices } = options;
  console.log(`\nStarting ${workers} server processes (WORKERS=${workers}) on the same database; each loads its own snapshot...`);
  const { child, ready } = await startServer(location, null, workers);
  const client = new GraphqlClient(ready.url, concurrency);
  try {
    console.log(`  listening at ${ready.url}; snapshots in ${(ready.snapshotMs / 1000).toFixed(1)} s; RSS per process ${ready.workerRss!.map((r) => `${Math.round(r / 1048576)} MB`).join(", ")}`);
    const body = (query: string, variables: (i: number) => Record<string, unknown>) => (i: number) => JSON.stringify({ query, variables: variables(i) });
    process.stdout.write("  warming up (5 s, not measured)... ");
    await runLoad(client, { concurrency, maxRequests: 100000, maxMs: 2500, warmup: 0, body: body(Q_FLOOR, () => ({})) });
    await runLoad(client, { concurrency, maxRequests: 100000, maxMs: 2500, warmup: 0, body: body(Q_RECIPIENTS, (i) => ({ from: school(9000 + i), field })) });
    console.log("done");
    const [floor, recipients] = await runInterleaved(
      client,
      [
        { concurrency, maxRequests: 4000, maxMs: 10000, warmup: 200, body: body(Q_FLOOR, () => ({})) },
        { concurrency, maxRequests: 2000, maxMs: 15000, warmup: 0, body: body(Q_RECIPIENTS, (i) => ({ from: school(i), field })) },
      ],
      slices,
    );
    const [floorAlone, recipientsAlone] = await runInterleaved(
      client,
      [
        { concurrency: 1, maxRequests: 1000, maxMs: 5000, warmup: 50, body: body(Q_FLOOR, () => ({})) },
        { concurrency: 1, maxRequests: 1000, maxMs: 10000, warmup: 0, body: body(Q_RECIPIENTS, (i) => ({ from: school(2000 + i), field })) },
      ],
      slices,
    );
    const sources = await runLoad(client, { concurrency, maxRequests: 48, maxMs: 40000, warmup: 2, body: body(Q_SOURCES, () => ({ field })) });
    const sourcesAlone = await runLoad(client, { concurrency: 1, maxRequests: 10, maxMs: 20000, warmup: 1, body: body(Q_SOURCES, () => ({ field })) });
    const stats = await childStats(child);
    const w = `, ${workers} workers`;
    const rows = [
      { label: `{ __typename } (transport floor)${w}`, concurrency, result: floor },
      { label: `{ __typename } (transport floor)${w}`, concurrency: 1, result: floorAlone },
      { label: `recipients(from: school)${w}`, concurrency, result: recipients },
      { label: `recipients(from: school)${w}`, concurrency: 1, result: recipientsAlone },
      { label: `sources(to: npd)${w}`, concurrency, result: sources },
      { label: `sources(to: npd)${w}`, concurrency: 1, result: sourcesAlone },
    ];
    for (const r of rows) console.log(`  ${r.label} (${r.concurrency} concurrent): p50 ${r.result.p50.toFixed(1)} ms, p99 ${r.result.p99.toFixed(1)} ms, ${r.result.rps.toFixed(1)}/s${r.result.errors ? `, ${r.result.errors} ERRORS: ${r.result.firstError}` : ""}`);
    return { workers, snapshotMs: ready.snapshotMs, rssAfterLoad: ready.workerRss!, peakRss: stats.workerMaxRss!, rows, floor, floorAlone };
  } finally {
    client.close();
    await stopServer(child);
  }
}
