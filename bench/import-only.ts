import "reflect-metadata";
import { loadavg } from "node:os";
import { relative } from "node:path";
import { parseArgs } from "./args";
import { describeMachine } from "./machine";
import { benchDatabase, importFresh, tableCounts } from "./bench-database";
import { isCurrent, readManifest, writeNationalRegister } from "./generate";
import { defaultRegisterDir } from "./reference-files";

const USAGE = `Usage: npm run bench:import -- [--schools N] [--seed S] [--database sqlite|postgres] [--database-url URL]

Imports a generated national register (generated first when missing) into a fresh database, as
\`npm run bench\` does before it serves it, and reports the import's time, stages and peak RSS.`;

const fmt = (n: number) => n.toLocaleString("en-GB", { maximumFractionDigits: 0 });
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), { schools: "number", seed: "number", database: "string", "database-url": "string", help: "boolean" });
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const schools = (args.schools as number) ?? 24000;
  const seed = (args.seed as number) ?? 1;
  const dialect = ((args.database as string) ?? "sqlite") as "sqlite" | "postgres";
  const dir = defaultRegisterDir(schools, seed);
  if (!isCurrent(dir, { schools, seed })) {
    console.log(`Generating ${fmt(schools)} schools into ${relative(process.cwd(), dir)}...`);
    writeNationalRegister({ schools, seed }, dir);
  }
  const manifest = readManifest(dir)!;
  console.log(`Register: ${fmt(manifest.files)} files, ${fmt(manifest.flows)} flows, ${fmt(manifest.bytes / 1e6)} MB; ${describeMachine()}`);
  const database = await benchDatabase(dialect, schools, seed, (args["database-url"] as string) ?? null);
  try {
    const cpuBefore = process.cpuUsage();
    const imported = await importFresh(dir, database.location);
    const cpu = process.cpuUsage(cpuBefore);
    const counts = await tableCounts(database.location);
    if (counts.flow !== manifest.flows) throw new Error(`imported ${counts.flow} flows, not ${manifest.flows}`);
    console.log(
      `Import of ${fmt(schools)} schools (${dialect}): ${seconds(imported.importMs)} (first pass ${seconds(imported.validateMs)}, check + write ${seconds(imported.writeMs - imported.indexMs)}, indexes ${seconds(imported.indexMs)}); ` +
        `peak RSS ${fmt(imported.peakRssBytes / 1e6)} MB; this process's CPU ${seconds((cpu.user + cpu.system) / 1000)} (all its threads; not the PostgreSQL server's); load average after ${loadavg().map((l) => l.toFixed(2)).join(" ")}`,
    );
  } finally {
    await database.close();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
