import type { LoadResult } from "./load";

/*
 * `npm run bench`'s targets (issue 13), each MET or NOT MET from figures measured in the same
 * run. Pure, so the rules are unit-tested (test/bench/targets.test.ts) apart from a 20-minute run.
 */

export interface BenchFigures {
  schools: number;
  concurrency: number;
  /** null with --reuse-db */
  imported: { importMs: number; peakRssBytes: number } | null;
  snapshot: { ms: number; source: string };
  floorAlone: LoadResult;
  recipientsAlone: LoadResult;
  floor: LoadResult;
  recipients: LoadResult;
  /** `sources(to: npd)` whole at 1 client, and `sourcesReport(first: 100)` searched afresh at 1 client */
  sourcesWhole: LoadResult;
  sourcesFirstPage: LoadResult | null;
  /** issue 13's PostgreSQL baseline (bench/pg-reference.ts) on the same question at `concurrency` clients */
  postgres: LoadResult | null;
  /** why `postgres` is null */
  postgresAbsent?: string | null;
  /** the server from several processes (null with --workers 1) */
  workers: { workers: number; recipients: LoadResult; peakRss: number[] } | null;
  serverPeakRss: number;
  agreement: { same: number; of: number };
}

export type Target = [label: string, met: boolean | null, value: string];

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "-");
const seconds = (ms: number) => `${fmt(ms / 1000, 1)} s`;
const mb = (bytes: number) => `${fmt(bytes / 1048576)} MB`;

/** A limit set at 24,000 and 60,000 schools, on the straight line through both (and beyond). */
export function scaledLimit(schools: number, at24k: number, at60k: number): number {
  return Math.max(at24k, at24k + ((schools - 24000) / 36000) * (at60k - at24k));
}

/** Each target with whether this run met it (null: not measured in this run, and why in `value`). */
export function benchTargets(f: BenchFigures): Target[] {
  const c = f.concurrency;
  const importLimit = scaledLimit(f.schools, 30_000, 120_000);
  const snapshotLimit = scaledLimit(f.schools, 1000, 3000);
  const ratio = (a: LoadResult, b: LoadResult) => a.p50 / b.p50;
  const targets: Target[] = [
    f.imported
      ? [`import under ${seconds(importLimit)}`, f.imported.importMs < importLimit, seconds(f.imported.importMs)]
      : [`import under ${seconds(importLimit)}`, null, "not measured (--reuse-db)"],
    f.imported ? ["import peak RSS under 1.5 GB", f.imported.peakRssBytes < 1.5 * 1024 ** 3, mb(f.imported.peakRssBytes)] : ["import peak RSS under 1.5 GB", null, "not measured (--reuse-db)"],
    [`snapshot ready after a restart under ${seconds(snapshotLimit)}`, f.snapshot.source === "snapshot file" && f.snapshot.ms < snapshotLimit, `${seconds(f.snapshot.ms)} from the ${f.snapshot.source}`],
    ["recipients p50 within 2x the floor, 1 client", ratio(f.recipientsAlone, f.floorAlone) <= 2, `${fmt(ratio(f.recipientsAlone, f.floorAlone), 1)}x (${fmt(f.recipientsAlone.p50, 1)} vs ${fmt(f.floorAlone.p50, 1)} ms)`],
    [`recipients p50 within 3x the floor, ${c} clients`, ratio(f.recipients, f.floor) <= 3, `${fmt(ratio(f.recipients, f.floor), 1)}x (${fmt(f.recipients.p50, 1)} vs ${fmt(f.floor.p50, 1)} ms)`],
    [`recipients p99 under 20 ms, ${c} clients`, f.recipients.p99 < 20, `${fmt(f.recipients.p99, 1)} ms`],
  ];
  // PostgreSQL's side is bench/pg-reference.ts: flows with their fields as arrays, one recursive query.
  const label = `recipients at ${c} clients: 3x PostgreSQL's`;
  if (!f.postgres) targets.push([label, null, f.postgresAbsent ?? "not measured in this run"]);
  else {
    const pg = f.postgres.rps;
    targets.push([`${label}, 1 process`, f.recipients.rps >= 3 * pg, `${fmt(f.recipients.rps / pg, 1)}x (${fmt(f.recipients.rps)} vs ${fmt(pg)} requests/s)`]);
    if (f.workers) targets.push([`${label}, ${f.workers.workers} processes`, f.workers.recipients.rps >= 3 * pg, `${fmt(f.workers.recipients.rps / pg, 1)}x (${fmt(f.workers.recipients.rps)} vs ${fmt(pg)} requests/s)`]);
  }
  targets.push(
    f.sourcesFirstPage
      ? ["sources(to: npd) first page under 20 ms, 1 client", f.sourcesFirstPage.p50 < 20, `${fmt(f.sourcesFirstPage.p50, 1)} ms (searched afresh)`]
      : ["sources(to: npd) first page under 20 ms, 1 client", null, "not measured"],
    ["sources(to: npd) whole under 100 ms, 1 client", f.sourcesWhole.p50 < 100, `${fmt(f.sourcesWhole.p50, 1)} ms`],
  );
  if (f.workers) {
    const total = f.workers.peakRss.reduce((a, b) => a + b, 0);
    const limit = f.schools <= 24000 ? 1024 ** 3 : null;
    targets.push([
      `server RSS under 1 GB with ${f.workers.workers} workers (set at 24,000 schools)`,
      limit === null ? null : total < limit,
      `${mb(total)} at peak (${f.workers.peakRss.map(mb).join(" + ")})${limit === null ? ": no target above 24,000 schools" : ""}`,
    ]);
  } else targets.push(["server RSS under 1 GB with 2 workers", null, "not measured (--workers 1)"]);
  targets.push(["server memory under 1.5 GB, 1 process", f.serverPeakRss < 1.5 * 1024 ** 3, `peak RSS ${mb(f.serverPeakRss)}`]);
  targets.push(["recipients agree with recursive SQL", f.agreement.same === f.agreement.of, `${f.agreement.same}/${f.agreement.of}`]);
  return targets;
}

/** The table's lines: MET, NOT MET, or "not measured". */
export function formatTargets(targets: readonly Target[]): string[] {
  return targets.map(([label, met, value]) => `  ${met === null ? "-      " : met ? "MET    " : "NOT MET"}  ${label.padEnd(64)} ${value}`);
}
