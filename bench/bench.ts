import "reflect-metadata";
import { fork } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { existsSync, rmSync, statSync, writeFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { join, relative } from "node:path";
import { parseArgs } from "./args";
import { isCurrent, readManifest, writeNationalRegister } from "./generate";
import { GraphqlClient, coprimeStride, percentile, runInterleaved, runLoad, type LoadResult } from "./load";
import { defaultRegisterDir } from "./reference-files";
import { benchDatabase, importFresh, tableCounts } from "./bench-database";
import { childStats, startServer, stopServer } from "./server-control";
import { PgReference } from "./pg-reference";
import { describeMachine } from "./machine";
import { openSqlRecipients, compareReach, PgRecipients, sqlThroughput } from "./sql-recipients";
import { benchTargets, formatTargets } from "./targets";
import { measureWithWorkers, type WorkersFigures } from "./workers-phase";
import { describeLocation } from "../server/db/data-source";
import { PROJECT_ROOT } from "../server/config";
import { snapshotPathFor } from "../server/snapshot/snapshot-file";

const USAGE = `Usage: npm run bench -- [--database sqlite|postgres] [--schools N] [--seed S] [--concurrency C]

Loads a generated national register (generating it first when missing or stale) into a fresh
SQLite file or PostgreSQL database, starts the register server on it in a child process, and
measures it over HTTP; then again with --workers server processes on the same database.

  --database D      sqlite (default: a file in bench/out) or postgres (a throwaway cluster,
                    fsync on, unless --database-url names a server to create the database on)
  --database-url U  postgres://... of a server where the bench may create onward_bench_N_S
  --workers W       server processes for the second round (default 2; 1 skips it)
  --schools N       register size (default 24000, the national scale; 500 is a quick smoke test)
  --seed S          generator seed (default 1)
  --concurrency C   concurrent clients (default 8)
  --field F         pupil field asked about (default ethnicity)
  --server-heap-mb M  run the server with --max-old-space-size=M (default: Node's own limit)
  --reuse-db        measure the database a previous run imported (skips the import)
  --no-postgres     skip issue 13's PostgreSQL baseline (bench/pg-reference.ts), which otherwise
                    runs in a throwaway cluster whenever PostgreSQL is installed
  --json FILE       also write the summary's figures to FILE (bench/growth.ts reads them)`;

const FIELD_DEFAULT = "ethnicity";
const MAX_HOPS = 6;
/** alternating slices for the floor / recipients comparison */
const SLICES = 8;

const Q_FLOOR = `{ __typename }`;
const Q_RECIPIENTS = `query Recipients($from: ID!, $field: ID!) {
  recipients(from: $from, field: $field) { organisation { id name kind } hops level certainty }
}`;
const Q_RECIPIENT_IDS = `query RecipientIds($from: ID!, $field: ID!, $maxHops: Int) {
  recipients(from: $from, field: $field, maxHops: $maxHops) { organisation { id } hops }
}`;
const Q_CHAINS = `query Chains($from: ID!, $field: ID!) {
  onwardChains(from: $from, field: $field) { truncated chains { length level certainty organisations { id } } }
}`;
const Q_SOURCES = `query Sources($field: ID!) {
  sources(to: "npd", field: $field) { organisation { id } hops level certainty }
}`;
const Q_SOURCES_EVIDENCE = `query SourcesWithEvidence($field: ID!) {
  sources(to: "npd", field: $field) { organisation { id } hops level certainty chain { hops { id } } }
}`;

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "-");
const mb = (bytes: number) => `${fmt(bytes / 1048576)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The same two answers sent by a bare node:http server that does no work, measured as the
 * register was (alternating slices): how much of recipients' ratio to the floor is the bytes.
 */
async function bareTransport(small: string, big: string, concurrency: number): Promise<{ concurrency: number; small: LoadResult; big: LoadResult }[]> {
  const child = fork(join(__dirname, "bare-http-child.ts"), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`the bare HTTP server exited (code ${code})`)));
      child.once("message", (m: { port: number }) => resolve(m.port));
      child.send({ small, big });
    });
    const results = [];
    for (const c of [concurrency, 1]) {
      const client = new GraphqlClient(`http://127.0.0.1:${port}/`, c);
      const [smallResult, bigResult] = await runInterleaved(
        client,
        [
          { concurrency: c, maxRequests: 2000, maxMs: 4000, warmup: 200, body: () => "small" },
          { concurrency: c, maxRequests: 2000, maxMs: 4000, warmup: 200, body: () => "big" },
        ],
        SLICES,
      );
      client.close();
      results.push({ concurrency: c, small: smallResult, big: bigResult });
    }
    return results;
  } finally {
    child.removeAllListeners("exit");
    child.kill();
  }
}

interface Row {
  label: string;
  concurrency: number;
  result: LoadResult;
  /** the server's peak RSS so far, after this measurement */
  peakRss: number;
}

/** A full garbage collection of this process, when V8 allows one (it frees the import's heap before measuring). */
function collectGarbage(): void {
  try {
    setFlagsFromString("--expose-gc");
    (runInNewContext("gc") as () => void)();
  } catch {
    // not essential
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), {
    schools: "number",
    seed: "number",
    concurrency: "number",
    field: "string",
    "server-heap-mb": "number",
    "reuse-db": "boolean",
    "no-postgres": "boolean",
    database: "string",
    "database-url": "string",
    workers: "number",
    json: "string",
    help: "boolean",
  });
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const schools = (args.schools as number) ?? 24000;
  const seed = (args.seed as number) ?? 1;
  const concurrency = (args.concurrency as number) ?? 8;
  const field = (args.field as string) ?? FIELD_DEFAULT;
  const heapMb = (args["server-heap-mb"] as number) ?? null;
  const dialect = ((args.database as string) ?? "sqlite") as "sqlite" | "postgres";
  if (dialect !== "sqlite" && dialect !== "postgres") throw new Error(`--database must be sqlite or postgres, not ${dialect}`);
  const workerCount = (args.workers as number) ?? 2;
  const full = schools >= 24000;
  const benchStarted = performance.now();
  const rel = (p: string) => relative(process.cwd(), p) || p;

  console.log(`Onward benchmark on ${dialect === "sqlite" ? "SQLite" : "PostgreSQL"}: ${fmt(schools)} schools (seed ${seed}), ${concurrency} concurrent clients, field \`${field}\``);
  console.log(`Machine: ${describeMachine()}, ${mb(totalmem())} RAM, Node ${process.version}\n`);

  // 1. The register files.
  const dir = defaultRegisterDir(schools, seed);
  let generateMs: number | null = null;
  if (!isCurrent(dir, { schools, seed })) {
    console.log(`Generating the register into ${rel(dir)} (missing or stale)...`);
    const t = performance.now();
    writeNationalRegister({ schools, seed }, dir, (line, final) => process.stderr.write(process.stderr.isTTY ? `\r${line}\x1b[K${final ? "\n" : ""}` : `${line}\n`));
    generateMs = performance.now() - t;
  }
  const manifest = readManifest(dir)!;
  console.log(
    `Register: ${rel(dir)}: ${fmt(manifest.files)} files, ${fmt(manifest.organisations)} organisations, ${fmt(manifest.flows)} flows, ` +
      `${fmt(manifest.flowFields)} flow fields, ${fmt(manifest.bytes / 1e6)} MB\n`,
  );

  // 2. Import into a fresh database, as `npm run import` does.
  const database = await benchDatabase(dialect, schools, seed, (args["database-url"] as string) ?? null);
  try {
    return await measureOn(database.location, database.reusable);
  } finally {
    await database.close();
  }

  async function measureOn(databasePath: string, reusable: boolean): Promise<number> {
    const imported = args["reuse-db"] && reusable && existsSync(databasePath) ? null : await importFresh(dir, databasePath);
    const counts = await tableCounts(databasePath);
    if (counts.flow !== manifest.flows) throw new Error(`${rel(databasePath)} holds ${counts.flow} flows, not the register's ${manifest.flows}: run without --reuse-db`);
    const totalRows = Object.values(counts).reduce((a, b) => a + b, 0);
    if (imported) {
      console.log(
        `Imported ${fmt(counts.flow)} flows (${fmt(totalRows)} rows in all) in ${seconds(imported.importMs)}: ` +
          `${fmt(totalRows / (imported.importMs / 1000))} rows/s overall, ${fmt(totalRows / (imported.writeMs / 1000))} rows/s writing\n`,
      );
    } else console.log(`Reusing ${rel(databasePath)} (--reuse-db): not imported again\n`);
    const shown = dialect === "postgres" ? describeLocation(databasePath) : rel(databasePath);
    collectGarbage();

    // 3. The server, in its own process.
    // First from the database (no snapshot file yet), then a restart from the file it wrote.
    const snapshotFile = snapshotPathFor(databasePath, process.env.GRAPH_SNAPSHOT, PROJECT_ROOT);
    if (snapshotFile) rmSync(snapshotFile, { force: true });
    console.log("Starting the server in a child process and loading the graph snapshot...");
    const cold = await startServer(databasePath, heapMb);
    const coldReady = cold.ready;
    const snapshotBytes = snapshotFile && existsSync(snapshotFile) ? statSync(snapshotFile).size : 0;
    console.log(
      `  listening at ${coldReady.url}; started in ${seconds(coldReady.startMs)}, graph snapshot from the ${coldReady.snapshotSource} in ${seconds(coldReady.snapshotMs)}, RSS ${mb(coldReady.rssAfterLoad)}` +
        (snapshotBytes ? `; snapshot file (${mb(snapshotBytes)}) written in ${seconds(coldReady.snapshotWriteMs)} after that` : ""),
    );
    let child = cold.child;
    let ready = coldReady;
    if (snapshotBytes) {
      await stopServer(child);
      ({ child, ready } = await startServer(databasePath, heapMb));
      console.log(`  restarted: graph snapshot from the ${ready.snapshotSource} in ${seconds(ready.snapshotMs)}, RSS ${mb(ready.rssAfterLoad)}`);
    }
    console.log("");
    const client = new GraphqlClient(ready.url, concurrency);
    const sql = await openSqlRecipients(databasePath);

    try {
      // Schools to ask about: an even spread over every school, in a fixed order. The load asks
      // each school at most once (2,000 requests, 24,000 schools), so nothing about one answer
      // can be reused for the next: only what every question shares (the snapshot, the verdicts
      // kept per set of filters) is warm. The first 64 are the sample the SQL comparison uses.
      const allSchools = (await sql.query<{ id: string }>(`SELECT id FROM organisation WHERE kind = 'SCHOOL' ORDER BY id`)).map((s) => s.id);
      const stride = coprimeStride(allSchools.length);
      const school = (i: number) => allSchools[(i * stride) % allSchools.length];
      const sampleSchools = Array.from({ length: Math.min(64, allSchools.length) }, (_, i) => school(i));
      const body = (query: string, variables: (i: number) => Record<string, unknown>) => (i: number) => JSON.stringify({ query, variables: variables(i) });
      const rows: Row[] = [];
      const report = async (label: string, c: number, result: LoadResult, labelShown = false) => {
        const { maxRss } = await childStats(child);
        console.log(`${labelShown ? "" : `  ${label} (${c} concurrent)... `}${fmt(result.requests)} requests, p50 ${fmt(result.p50, 1)} ms, p99 ${fmt(result.p99, 1)} ms, ${fmt(result.rps, 1)}/s${result.errors ? `, ${result.errors} ERRORS: ${result.firstError}` : ""}`);
        rows.push({ label, concurrency: c, result, peakRss: maxRss });
        return result;
      };
      const measure = async (label: string, c: number, options: { maxRequests: number; maxMs: number; warmup: number; body: (i: number) => string }) => {
        process.stdout.write(`  ${label} (${c} concurrent)... `);
        return report(label, c, await runLoad(client, { concurrency: c, ...options }), true);
      };

      // A freshly started server is still compiling hot code and settling its heap after loading
      // the snapshot: a floor measured then is slower than the server's real one and would make
      // every ratio look better than it is. So: a few seconds of the same questions first.
      process.stdout.write("Warming the server up (5 s of mixed questions, not measured)... ");
      await runLoad(client, { concurrency, maxRequests: 100000, maxMs: 2500, warmup: 0, body: body(Q_FLOOR, () => ({})) });
      await runLoad(client, { concurrency, maxRequests: 100000, maxMs: 2500, warmup: 0, body: body(Q_RECIPIENTS, (i) => ({ from: school(allSchools.length - 1 - i), field })) });
      console.log("done");

      console.log(`Measuring over HTTP (the floor and recipients in ${SLICES} alternating slices, so their ratio compares like with like):`);
      const [floor, recipients] = await runInterleaved(
        client,
        [
          { concurrency, maxRequests: 4000, maxMs: 10000, warmup: 200, body: body(Q_FLOOR, () => ({})) },
          { concurrency, maxRequests: 2000, maxMs: 15000, warmup: 0, body: body(Q_RECIPIENTS, (i) => ({ from: school(i), field })) },
        ],
        SLICES,
      );
      const [floorAlone, recipientsAlone] = await runInterleaved(
        client,
        [
          { concurrency: 1, maxRequests: 1000, maxMs: 5000, warmup: 50, body: body(Q_FLOOR, () => ({})) },
          { concurrency: 1, maxRequests: 1000, maxMs: 10000, warmup: 0, body: body(Q_RECIPIENTS, (i) => ({ from: school(2000 + i), field })) },
        ],
        SLICES,
      );
      await report("{ __typename } (transport floor)", concurrency, floor);
      await report("{ __typename } (transport floor)", 1, floorAlone);
      await report(`recipients(from: school, field: ${field})`, concurrency, recipients);
      await report(`recipients(from: school, field: ${field})`, 1, recipientsAlone);
      await measure(`onwardChains(from: school, field: ${field})`, concurrency, {
        maxRequests: 1000,
        maxMs: 15000,
        warmup: 32,
        body: body(Q_CHAINS, (i) => ({ from: school(3000 + i), field })),
      });
      const sourcesLoaded = await measure(`sources(to: npd, field: ${field})`, concurrency, { maxRequests: 48, maxMs: 40000, warmup: 2, body: body(Q_SOURCES, () => ({ field })) });
      const sourcesAlone = await measure(`sources(to: npd, field: ${field})`, 1, { maxRequests: 10, maxMs: 20000, warmup: 1, body: body(Q_SOURCES, () => ({ field })) });
      await measure(`sources(to: npd) + evidence chain hops`, 1, { maxRequests: 5, maxMs: 30000, warmup: 1, body: body(Q_SOURCES_EVIDENCE, () => ({ field })) });
      const pagingRows = await (await import("./reach-paging")).measureSourcesPaging(client, field);

      // 4. The same recipients question as one recursive SQL query, one school at a time.
      console.log(`\nrecipients(field: ${field}, maxHops: ${MAX_HOPS}) against one recursive SQL query on the same database, school by school:`);
      const compareSchools = sampleSchools.slice(0, 24);
      const onwardMs: number[] = [];
      const sqlMs: number[] = [];
      let sameSets = 0;
      let sameHops = 0;
      let reachSizes = 0;
      const disagreements: string[] = [];
      const onwardAnswers = new Map<string, Map<string, number>>();
      await sql.recipients(compareSchools[0], field, MAX_HOPS); // warm the page cache
      for (const id of compareSchools) {
        const onward = await client.data<{ recipients: { organisation: { id: string }; hops: number }[] }>(Q_RECIPIENT_IDS, { from: id, field, maxHops: MAX_HOPS });
        const bySql = await sql.recipients(id, field, MAX_HOPS);
        onwardMs.push(onward.ms);
        sqlMs.push(bySql.ms);
        const onwardHops = new Map(onward.data.recipients.map((r) => [r.organisation.id, r.hops]));
        onwardAnswers.set(id, onwardHops);
        reachSizes += onwardHops.size;
        const verdict = compareReach(onwardHops, bySql.hops);
        if (verdict.sameSet) sameSets++;
        else disagreements.push(`${id}: only Onward ${verdict.onlyOnward.slice(0, 3).join(", ") || "-"}; only SQL ${verdict.onlySql.slice(0, 3).join(", ") || "-"}`);
        if (verdict.sameHops) sameHops++;
      }
      const sortedOnward = [...onwardMs].sort((a, b) => a - b);
      const sortedSql = [...sqlMs].sort((a, b) => a - b);
      const agree = sameSets === compareSchools.length;
      console.log(
        `  ${compareSchools.length} schools, ${fmt(reachSizes / compareSchools.length)} recipients each on average: ` +
          `Onward over HTTP p50 ${fmt(percentile(sortedOnward, 50), 1)} ms (max ${fmt(sortedOnward[sortedOnward.length - 1], 1)}), ` +
          `recursive SQL p50 ${fmt(percentile(sortedSql, 50), 1)} ms (max ${fmt(sortedSql[sortedSql.length - 1], 1)})`,
      );
      console.log(`  same recipient organisations: ${sameSets}/${compareSchools.length}${agree ? " (agree)" : " (DISAGREE)"}; same fewest hops: ${sameHops}/${compareSchools.length}`);
      disagreements.slice(0, 5).forEach((d) => console.log(`    ${d}`));

      // 4b. On PostgreSQL, the same recursive query's throughput over Onward's tables, for the record.
      if (sql instanceof PgRecipients) {
        const overOnwardTables = await sqlThroughput(sql, school, field, MAX_HOPS, { concurrency, maxRequests: 2000, maxMs: 15000 });
        console.log(
          `  recursive SQL over Onward's tables on PostgreSQL, ${concurrency} concurrent: ${fmt(overOnwardTables.requests)} requests, p50 ${fmt(overOnwardTables.p50, 1)} ms, ${fmt(overOnwardTables.rps, 1)}/s` +
            `${overOnwardTables.errors ? `, ${overOnwardTables.errors} ERRORS: ${overOnwardTables.firstError}` : ""}`,
        );
      }

      // 4c. Issue 13's PostgreSQL baseline (pg-reference.ts): flows with their fields as arrays, in
      // a throwaway cluster, checked against Onward's answers, then its throughput at the same
      // concurrency over the same schools in the same order as Onward's recipients row (the issue asks for 3x).
      console.log(`
Issue 13's PostgreSQL baseline (a table of flows with their fields as arrays, one recursive query), in a throwaway cluster:`);
      let postgres: { result: LoadResult; agree: number; of: number } | null = null;
      const reference = args["no-postgres"] ? null : await PgReference.start(sql, dialect, (m) => console.log(m));
      if (reference) {
        try {
          let referenceAgrees = 0;
          const referenceMs: number[] = [];
          for (const id of compareSchools) {
            const answer = await reference.recipients(id, field, MAX_HOPS);
            referenceMs.push(answer.ms);
            if (compareReach(onwardAnswers.get(id)!, answer.hops).sameHops) referenceAgrees++;
          }
          const result = await sqlThroughput(reference, school, field, MAX_HOPS, { concurrency, maxRequests: 2000, maxMs: 15000 });
          postgres = { result, agree: referenceAgrees, of: compareSchools.length };
          console.log(
            `  ${fmt(reference.loaded.flows)} flows loaded in ${seconds(reference.loaded.ms)}; same organisations and hops as Onward: ${referenceAgrees}/${compareSchools.length}; ` +
              `1 connection p50 ${fmt(percentile([...referenceMs].sort((a, b) => a - b), 50), 1)} ms`,
          );
          console.log(
            `  ${concurrency} connections: ${fmt(result.requests)} requests, p50 ${fmt(result.p50, 1)} ms, p99 ${fmt(result.p99, 1)} ms, ${fmt(result.rps, 1)}/s` +
              ` (Onward's recipients at ${concurrency} clients: ${fmt(recipients.rps, 1)}/s)${result.errors ? `, ${result.errors} ERRORS: ${result.firstError}` : ""}`,
          );
        } finally {
          await reference.close();
        }
      } else if (args["no-postgres"]) console.log("  not measured (--no-postgres)");

      // 5. The transport alone: the same answers from a server that does no work.
      console.log(`\nThe same two answers (the floor's, and one recipients answer) from a bare node:http server that does no work:`);
      const floorAnswer = (await client.post(body(Q_FLOOR, () => ({}))(0))).text();
      const recipientsAnswer = (await client.post(body(Q_RECIPIENTS, (i) => ({ from: school(i), field }))(0))).text();
      const bare = await bareTransport(floorAnswer, recipientsAnswer, concurrency);
      for (const b of bare) {
        console.log(
          `  ${b.concurrency} concurrent: ${fmt(floorAnswer.length)} B p50 ${fmt(b.small.p50, 2)} ms, ${fmt(recipientsAnswer.length / 1024, 1)} KB p50 ${fmt(b.big.p50, 2)} ms: ` +
            `${fmt(b.big.p50 / b.small.p50, 1)}x for the bytes alone (${fmt(b.small.rps)}/s against ${fmt(b.big.rps)}/s)`,
        );
      }

      const stats = await childStats(child);

      // 6. The same server from several processes on the same database (WORKERS=N npm start).
      let several: WorkersFigures | null = null;
      if (workerCount > 1) {
        await stopServer(child);
        several = await measureWithWorkers({ location: databasePath, workers: workerCount, concurrency, field, school, slices: SLICES });
      }

      // 5. Summary.
      const totalMs = performance.now() - benchStarted;
      const line = "-".repeat(128);
      console.log(`\n${line}\nSUMMARY  ${dialect === "sqlite" ? "SQLite" : "PostgreSQL"} (${shown}), ${fmt(schools)} schools, ${fmt(counts.organisation)} organisations, ${fmt(counts.flow)} flows, ${fmt(counts.flow_field)} flow fields, ${fmt(counts.citation)} citations`);
      console.log(`         ${cpus().length} CPUs, Node ${process.version}, bench took ${seconds(totalMs)}${generateMs !== null ? ` (incl. generating: ${seconds(generateMs)})` : ""}\n${line}`);
      if (imported) {
        const { importMs, validateMs, writeMs } = imported;
        console.log(
          `Import   ${seconds(importMs)} total: first pass (ids) ${seconds(validateMs)}, check + write + indexes ${seconds(writeMs)}; ` +
            `${fmt(totalRows)} rows, ${fmt(totalRows / (importMs / 1000))} rows/s overall (${fmt(totalRows / (writeMs / 1000))} rows/s writing)`,
        );
      } else console.log(`Import   not measured (--reuse-db)`);
      console.log(
        `Snapshot from the database ${seconds(coldReady.snapshotMs)} (then ${snapshotBytes ? `${mb(snapshotBytes)} written in ${seconds(coldReady.snapshotWriteMs)}` : "no file"}); ` +
          `after a restart, from the ${ready.snapshotSource} ${seconds(ready.snapshotMs)}`,
      );
      console.log(`Server   ${heapMb ? `--max-old-space-size=${heapMb}; ` : ""}graph snapshot ${seconds(ready.snapshotMs)}; RSS ${mb(ready.rssBeforeSnapshot)} before it, ${mb(ready.rssAfterLoad)} after load, ${mb(stats.maxRss)} peak, ${mb(stats.rss)} at the end`);
      console.log(line);
      const header = ["query", "conc", "requests", "p50 ms", "p99 ms", "req/s", "p50/floor", "p99/floor", "avg KB", "errors", "peak RSS"];
      const widths = [44, 5, 9, 9, 9, 8, 10, 10, 8, 7, 9];
      const pad = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" ");
      console.log(pad(header));
      for (const r of rows) {
        // Each figure against the floor measured with the same concurrency.
        const sameConcurrency = r.concurrency === 1 ? floorAlone : floor;
        console.log(
          pad([
            r.label,
            String(r.concurrency),
            fmt(r.result.requests),
            fmt(r.result.p50, 1),
            fmt(r.result.p99, 1),
            fmt(r.result.rps, 1),
            `${fmt(r.result.p50 / sameConcurrency.p50, 1)}x`,
            `${fmt(r.result.p99 / sameConcurrency.p99, 1)}x`,
            fmt(r.result.bytes / 1024, 1),
            String(r.result.errors),
            mb(r.peakRss),
          ]),
        );
      }
      console.log(
        pad([
          `recipients by recursive SQL (in-process)`,
          "1",
          fmt(sqlMs.length),
          fmt(percentile(sortedSql, 50), 1),
          fmt(percentile(sortedSql, 99), 1),
          fmt(1000 / (sqlMs.reduce((a, b) => a + b, 0) / sqlMs.length), 1),
          "",
          "",
          "",
          agree ? "agree" : "DIFFER",
          "",
        ]),
      );
      console.log(
        pad([`recipients by Onward, same schools (HTTP)`, "1", fmt(onwardMs.length), fmt(percentile(sortedOnward, 50), 1), fmt(percentile(sortedOnward, 99), 1), fmt(1000 / (onwardMs.reduce((a, b) => a + b, 0) / onwardMs.length), 1), "", "", "", "", ""]),
      );
      for (const b of bare) {
        console.log(
          pad([`bare node:http, floor's answer / recipients'`, String(b.concurrency), fmt(b.small.requests + b.big.requests), `${fmt(b.small.p50, 2)}/${fmt(b.big.p50, 2)}`, `${fmt(b.small.p99, 1)}/${fmt(b.big.p99, 1)}`, "", `${fmt(b.big.p50 / b.small.p50, 1)}x`, `${fmt(b.big.p99 / b.small.p99, 1)}x`, "", "", ""]),
        );
      }
      if (several) {
        const { workers, rows: workerRows, floor: wFloor, floorAlone: wFloorAlone } = several;
        for (const r of workerRows) {
          const sameConcurrency = r.concurrency === 1 ? wFloorAlone : wFloor;
          console.log(
            pad([r.label, String(r.concurrency), fmt(r.result.requests), fmt(r.result.p50, 1), fmt(r.result.p99, 1), fmt(r.result.rps, 1), `${fmt(r.result.p50 / sameConcurrency.p50, 1)}x`, `${fmt(r.result.p99 / sameConcurrency.p99, 1)}x`, fmt(r.result.bytes / 1024, 1), String(r.result.errors), ""]),
          );
        }
        console.log(
          `Workers  ${workers} processes: snapshots ${seconds(several.snapshotMs)}; RSS per process after load ${several.rssAfterLoad.map(mb).join(", ")}, peak ${several.peakRss.map(mb).join(", ")}`,
        );
      }
      console.log(line);
      const workersRecipients = several?.rows.find((r) => r.label.startsWith("recipients(") && r.concurrency === concurrency)?.result;
      const targets = benchTargets({
        schools,
        concurrency,
        imported: imported && { importMs: imported.importMs, peakRssBytes: imported.peakRssBytes },
        snapshot: { ms: ready.snapshotMs, source: ready.snapshotSource },
        floorAlone,
        recipientsAlone,
        floor,
        recipients,
        sourcesWhole: sourcesAlone,
        sourcesFirstPage: pagingRows.find((r) => r.label.includes("searched afresh"))?.result ?? null,
        postgres: postgres && postgres.agree === postgres.of ? postgres.result : null,
        postgresAbsent: postgres ? (postgres.agree === postgres.of ? null : `PostgreSQL's answers differ from Onward's (${postgres.agree}/${postgres.of} agree)`) : args["no-postgres"] ? "not measured (--no-postgres)" : "PostgreSQL is not installed here",
        workers: several && workersRecipients ? { workers: several.workers, recipients: workersRecipients, peakRss: several.peakRss } : null,
        serverPeakRss: stats.maxRss,
        agreement: { same: sameSets, of: compareSchools.length },
      });
      const jsonFile = args.json as string | undefined;
      if (jsonFile) {
        writeFileSync(
          jsonFile,
          JSON.stringify(
            {
              database: dialect,
              schools,
              organisations: counts.organisation,
              flows: counts.flow,
              flowFields: counts.flow_field,
              importMs: imported?.importMs ?? null,
              snapshotFromDatabaseMs: coldReady.snapshotMs,
              snapshotFromFileMs: ready.snapshotSource === "snapshot file" ? ready.snapshotMs : null,
              snapshotFileBytes: snapshotBytes,
              serverRssAfterLoad: ready.rssAfterLoad,
              serverPeakRss: stats.maxRss,
              floorP50: { one: floorAlone.p50, many: floor.p50 },
              recipientsP50: { one: recipientsAlone.p50, many: recipients.p50 },
              recipientsP99Many: recipients.p99,
              recipientsRpsMany: recipients.rps,
              postgresRpsMany: postgres?.result.rps ?? null,
              sourcesP50: { one: sourcesAlone.p50, many: sourcesLoaded.p50 },
              sourcesBytes: sourcesAlone.bytes,
              workers: several && { workers: several.workers, rssAfterLoad: several.rssAfterLoad, peakRss: several.peakRss },
            },
            null,
            2,
          ),
        );
      }
      console.log(`Targets${full ? "" : " (set for the 24,000-school register; this is a smaller run)"}:`);
      for (const targetLine of formatTargets(targets)) console.log(targetLine);
      console.log(line);
      return rows.some((r) => r.result.errors > 0) || several?.rows.some((r) => r.result.errors > 0) || !agree ? 1 : 0;
    } finally {
      client.close();
      await sql.close();
      await stopServer(child);
    }
  }
}

main()
  .then((code) => (process.exitCode = code))
  .catch((error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  });
