/**
 * Imports a register folder into a new SQLite file in its own process and prints, as one JSON
 * line, the process's peak RSS before and after the import (bytes): the bounded-memory test
 * compares them across register sizes.
 */
import "reflect-metadata";
import { openDatabase } from "../../server/db/data-source";
import { importRegisterFiles } from "../../server/register/import";

async function main() {
  const [dir, database] = process.argv.slice(2);
  const dataSource = await openDatabase(database);
  const before = process.resourceUsage().maxRSS * 1024;
  const summary = await importRegisterFiles(dataSource, [dir]);
  const after = process.resourceUsage().maxRSS * 1024;
  await dataSource.destroy();
  process.stdout.write(`${JSON.stringify({ before, after, flows: summary.flows })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
