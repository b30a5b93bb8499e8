/**
 * Imports a register folder into a SQLite file, replacing what it holds, in its own process, for
 * tests that kill it with SIGKILL: prints `halfway` once half the rows are written and `done` once
 * the import returned, then waits without closing the database. The bulk load's page cache is
 * made tiny, so pages reach the database file long before the commit, as at national scale.
 */
import "reflect-metadata";
import { BULK_LOAD } from "../../server/db/bulk-insert";
import { openDatabase } from "../../server/db/data-source";
import { importRegisterFiles } from "../../server/register/import";

async function main() {
  const [dir, database] = process.argv.slice(2);
  BULK_LOAD.cacheKib = 512;
  const dataSource = await openDatabase(database);
  let halfway = false;
  await importRegisterFiles(dataSource, [dir], {
    replace: true,
    onProgress: (stage, done, total) => {
      if (stage === "rows" && !halfway && done >= total / 2) {
        halfway = true;
        process.stdout.write("halfway\n");
      }
    },
  });
  process.stdout.write("done\n");
  setInterval(() => {}, 1000);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
