#!/usr/bin/env node
// `npm test`: type-check, build the client (the browser tests load it), run every jest test,
// then print the closing line CI counts: "N passed, N failed[, N skipped]".
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const artifacts = join(root, "test-artifacts");
mkdirSync(artifacts, { recursive: true });
const bin = (name) => join(root, "node_modules", ".bin", name);
const run = (label, cmd, args) => {
  console.log(`\n> ${label}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: process.env });
  return result.status ?? 1;
};

let setupFailures = 0;
if (run("type-check (tsc --noEmit)", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]) !== 0) setupFailures++;
if (run("build the client (vite build)", bin("vite"), ["build", "--config", "client/vite.config.mts", "--logLevel", "warn"]) !== 0) setupFailures++;

const report = join(artifacts, "jest-results.json");
const jestArgs = ["--json", `--outputFile=${report}`, "--runInBand", ...process.argv.slice(2)];
const jestStatus = run("jest", bin("jest"), jestArgs);

let passed = 0, failed = 0, skipped = 0;
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, "utf8"));
  passed = results.numPassedTests;
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
  skipped = results.numPendingTests + results.numTodoTests;
} else {
  failed = 1;
}
// A failed type-check or client build is a failed check even when every jest test passed.
failed += setupFailures;
if (setupFailures) console.log(`\n${setupFailures} set-up step(s) failed (type-check or client build): counted as failures.`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || jestStatus !== 0 ? 1 : 0);
