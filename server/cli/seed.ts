import "reflect-metadata";
import { readConfig } from "../config";
import { runImport } from "./import";

/**
 * `npm run seed`: validates seeds/ and loads it into an empty database (all or nothing).
 * `npm run seed -- --reset` replaces whatever the database holds with seeds/, in one transaction.
 */
const reset = process.argv.includes("--reset");
runImport([readConfig().seedsDir], reset ? "Replaced the register with seeds/, loaded" : "Seeded", { replace: reset, refuseIfNotEmpty: !reset }).then((code) => process.exit(code));
