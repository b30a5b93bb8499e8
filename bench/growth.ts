import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "./args";
import { PROJECT_ROOT } from "./reference-files";

const USAGE = `Usage: npm run bench:growth -- [--sizes 1000,6000,24000,60000] [--database sqlite|postgres]

Runs \`npm run bench\` once per register size (one server process, import included, without the
PostgreSQL baseline, which the table does not use), then prints
each cost against the number of flows with its fitted growth exponent: the slope of log(cost)
against log(flows) by least squares. 1 is linear; issue 13 asks every cost to be at most that.
The figures of each run are kept in bench/out/growth-<database>-<schools>.json; --table-only
prints the table from those without running the bench again.`;

interface Figures {
  schools: number;
  flows: number;
  importMs: number | null;
  snapshotFromDatabaseMs: number;
  snapshotFromFileMs: number | null;
  snapshotFileBytes: number;
  serverRssAfterLoad: number;
  recipientsP50: { one: number; many: number };
  sourcesP50: { one: number; many: number };
  sourcesBytes: number;
}

/** The least-squares slope of log(y) against log(x): how a cost grows with the register. */
export function growthExponent(points: readonly { x: number; y: number }[]): number | null {
  const usable = points.filter((p) => p.x > 0 && p.y > 0);
  if (usable.length < 2) return null;
  const xs = usable.map((p) => Math.log(p.x));
  const ys = usable.map((p) => Math.log(p.y));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? null : num / den;
}

function main(): number {
  const args = parseArgs(process.argv.slice(2), { sizes: "string", database: "string", "table-only": "boolean", help: "boolean" });
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const sizes = ((args.sizes as string) ?? "1000,6000,24000,60000").split(",").map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 10)) throw new Error("--sizes must list whole numbers of schools, e.g. 1000,6000,24000");
  const database = (args.database as string) ?? "sqlite";
  const out = join(PROJECT_ROOT, "bench", "out");
  mkdirSync(out, { recursive: true });
  const runs: Figures[] = [];
  for (const schools of sizes) {
    const json = join(out, `growth-${database}-${schools}.json`);
    if (args["table-only"]) {
      runs.push(JSON.parse(readFileSync(json, "utf8")) as Figures);
      continue;
    }
    console.log(`\n=== ${schools.toLocaleString("en-GB")} schools ===`);
    const run = spawnSync("npx", ["tsx", join(PROJECT_ROOT, "bench", "bench.ts"), "--schools", String(schools), "--database", database, "--workers", "1", "--no-postgres", "--json", json], {
      cwd: PROJECT_ROOT,
      stdio: "inherit",
    });
    if (run.status !== 0 && run.status !== 1) throw new Error(`the bench at ${schools} schools failed (exit ${run.status})`);
    runs.push(JSON.parse(readFileSync(json, "utf8")) as Figures);
  }
  const costs: [string, (f: Figures) => number | null, (v: number) => string][] = [
    ["import (parse, check, write)", (f) => f.importMs, (v) => `${(v / 1000).toFixed(1)} s`],
    ["snapshot from the database", (f) => f.snapshotFromDatabaseMs, (v) => `${(v / 1000).toFixed(2)} s`],
    ["snapshot from its file (a restart)", (f) => f.snapshotFromFileMs, (v) => `${(v / 1000).toFixed(2)} s`],
    ["snapshot file size", (f) => f.snapshotFileBytes, (v) => `${(v / 1048576).toFixed(0)} MB`],
    ["server RSS after load", (f) => f.serverRssAfterLoad, (v) => `${(v / 1048576).toFixed(0)} MB`],
    ["recipients p50, 1 client", (f) => f.recipientsP50.one, (v) => `${v.toFixed(1)} ms`],
    ["sources(to: npd) p50, 1 client", (f) => f.sourcesP50.one, (v) => `${v.toFixed(0)} ms`],
    ["sources(to: npd) answer", (f) => f.sourcesBytes, (v) => `${(v / 1048576).toFixed(1)} MB`],
  ];
  console.log(`\n| cost (${database}) | ${runs.map((r) => `${r.schools.toLocaleString("en-GB")} schools (${r.flows.toLocaleString("en-GB")} flows)`).join(" | ")} | exponent |`);
  console.log(`|---|${runs.map(() => "---|").join("")}---|`);
  for (const [label, value, shown] of costs) {
    const exponent = growthExponent(runs.map((r) => ({ x: r.flows, y: value(r) ?? 0 })));
    console.log(`| ${label} | ${runs.map((r) => (value(r) == null ? "n/a" : shown(value(r)!))).join(" | ")} | ${exponent == null ? "n/a" : exponent.toFixed(2)} |`);
  }
  return 0;
}

if (require.main === module) process.exitCode = main();
