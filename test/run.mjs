#!/usr/bin/env node
// `npm test`: type-check, build the client (the browser tests load it), run every jest test on
// SQLite, then again on a throwaway PostgreSQL cluster when PostgreSQL is installed, and print the
// closing line CI counts, summed over both runs: "N passed, N failed[, N skipped]".
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { findPostgresBin, startPostgresCluster } from "./support/postgres-cluster.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const artifacts = join(root, "test-artifacts");
mkdirSync(artifacts, { recursive: true });
const bin = (name) => join(root, "node_modules", ".bin", name);
const run = (label, cmd, args, env = process.env) => {
  console.log(`\n> ${label}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  return result.status ?? 1;
};

let setupFailures = 0;
if (run("type-check (tsc --noEmit)", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]) !== 0) setupFailures++;
if (run("build the client (vite build)", bin("vite"), ["build", "--config", "client/vite.config.mts", "--logLevel", "warn"]) !== 0) setupFailures++;

const totals = { passed: 0, failed: 0, skipped: 0, status: 0 };
/** One jest run; its counts are added to the totals. */
function jest(label, report, extraArgs, env) {
  rmSync(report, { force: true });
  const started = Date.now();
  const status = run(label, bin("jest"), ["--json", `--outputFile=${report}`, "--runInBand", ...process.argv.slice(2), ...extraArgs], env);
  let passed = 0, failed = 0, skipped = 0;
  if (existsSync(report)) {
    const results = JSON.parse(readFileSync(report, "utf8"));
    passed = results.numPassedTests;
    failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    skipped = results.numPendingTests + results.numTodoTests;
  } else {
    failed = 1;
  }
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  if (status !== 0) totals.status = status;
  return { passed, failed, skipped, seconds: Math.round((Date.now() - started) / 1000) };
}
const describe = (name, r) => `${name}: ${r.passed} tests passed and ${r.failed} failed${r.skipped ? ` (${r.skipped} skipped)` : ""} in ${r.seconds} s`;

const env = { ...process.env, DATABASE_URL: "", ONWARD_TEST_POSTGRES_URL: "" };
const onSqlite = jest("jest on SQLite", join(artifacts, "jest-results.json"), [], env);
const lines = [describe("SQLite", onSqlite)];

// PostgreSQL: every test that reaches the database runs again. The pure ones (graph algorithms,
// client modules) and the browser tests, which drive the map through the same API the api/ and
// integrity/ tests already cover on PostgreSQL, do not depend on the database and run once.
const POSTGRES_SKIPS = ["/test/browser/", "/test/client/", "/test/graph/"];
let cluster = null;
let given = process.env.ONWARD_TEST_POSTGRES_URL || "";
const binDir = given ? null : findPostgresBin();
if (process.env.ONWARD_TEST_SKIP_POSTGRES === "1") {
  lines.push("PostgreSQL: SKIPPED, because ONWARD_TEST_SKIP_POSTGRES=1.");
} else if (!given && !binDir) {
  lines.push("PostgreSQL: SKIPPED, because no PostgreSQL is installed (no initdb found; `apt-get install postgresql`, or set PG_BIN or ONWARD_TEST_POSTGRES_URL).");
  // CI must not pass without the PostgreSQL run.
  if (process.env.ONWARD_TEST_REQUIRE_POSTGRES === "1") {
    lines.push("PostgreSQL: required (ONWARD_TEST_REQUIRE_POSTGRES=1), so the skip counts as one failure.");
    totals.failed += 1;
  }
} else {
  try {
    if (!given) {
      console.log("\n> start a throwaway PostgreSQL cluster");
      cluster = await startPostgresCluster({ bin: binDir, log: (m) => console.log(m) });
      given = cluster.url;
      for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => (cluster?.stop(), process.exit(1)));
    }
    const onPostgres = jest("jest on PostgreSQL", join(artifacts, "jest-results-postgres.json"), ["--testPathIgnorePatterns", ...POSTGRES_SKIPS], { ...env, ONWARD_TEST_POSTGRES_URL: given });
    lines.push(describe("PostgreSQL", onPostgres) + " (browser, client and graph tests run on SQLite only)");
  } catch (error) {
    console.error(`Could not start PostgreSQL: ${error.message}`);
    lines.push("PostgreSQL: FAILED to start (counted as one failure).");
    totals.failed += 1;
  } finally {
    cluster?.stop();
  }
}

// A failed type-check or client build is a failed check even when every jest test passed.
totals.failed += setupFailures;
if (setupFailures) console.log(`\n${setupFailures} set-up step(s) failed (type-check or client build): counted as failures.`);
console.log(`\n${lines.join("\n")}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(totals.failed > 0 || totals.status !== 0 ? 1 : 0);
