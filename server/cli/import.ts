import "reflect-metadata";
import { resolve } from "node:path";
import { readConfig } from "../config";
import { describeLocation, openDatabase } from "../db/data-source";
import { describeSummary, importRegisterFiles } from "../register/import";
import { isRegisterEmpty } from "../register/seed";
import { RegisterValidationError, describeProblem } from "../register/problems";
import { progressPrinter } from "./progress";

const USAGE = `Usage: npm run import -- FILE_OR_FOLDER...

Validates the files (YAML or JSON in the seeds/ format) as one whole and, when there is no
problem, adds them to the register at DATABASE_URL (PostgreSQL) or DATABASE_PATH (default
data/register.sqlite) in one
transaction. When any problem is found, every problem is listed and nothing is applied.`;

/** `npm run import -- FILES`: adds register files to the database, all or nothing. */
export async function runImport(paths: string[], label = "Imported", options: { replace?: boolean; refuseIfNotEmpty?: boolean } = {}): Promise<number> {
  if (paths.length === 0 || paths.includes("--help")) {
    console.log(USAGE);
    return paths.length === 0 ? 2 : 0;
  }
  const config = readConfig();
  const dataSource = await openDatabase(config.database);
  const where = describeLocation(config.database);
  const started = Date.now();
  try {
    if (options.refuseIfNotEmpty) {
      if (!(await isRegisterEmpty(dataSource))) {
        console.error(`The register at ${where} already holds data, so nothing was loaded.\nTo replace it with seeds/, run \`npm run seed -- --reset\`; to add files, use \`npm run import -- FILE\`.`);
        return 1;
      }
    }
    const summary = await importRegisterFiles(dataSource, paths.map((p) => resolve(p)), { onProgress: progressPrinter(), replace: options.replace });
    const seconds = (Date.now() - started) / 1000;
    console.log(`${label} into ${where}: ${describeSummary(summary)} in ${seconds.toFixed(1)} s.`);
    return 0;
  } catch (error) {
    if (error instanceof RegisterValidationError) {
      for (const problem of error.problems) console.error(describeProblem(problem));
      const total = error.problems.length + error.omitted;
      const more = error.omitted > 0 ? ` (the first ${error.problems.length.toLocaleString("en-GB")} are listed above)` : "";
      console.error(`\n${total.toLocaleString("en-GB")} problem(s) found${more}; nothing was applied. Fix them and run the command again.`);
      return 1;
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  runImport(process.argv.slice(2)).then((code) => process.exit(code));
}
