import "reflect-metadata";
import { join } from "node:path";
import { PROJECT_ROOT, readConfig } from "./config";
import { openDatabase, openReader } from "./db/data-source";
import { createRegisterServer } from "./http/app";
import { seedIfEmpty } from "./register/seed";

/** `npm start`: open (and on first start, seed) the database, then serve the API, the IDE and the map. */
async function main() {
  const config = readConfig();
  // Two connections: changes are written on one, a transaction at a time; questions are answered
  // on the other, which only ever sees committed changes.
  const writer = await openDatabase(config.databasePath);
  await seedIfEmpty(writer, config.seedsDir, (m) => console.log(m));
  const dataSource = await openReader(config.databasePath);
  const server = await createRegisterServer({
    dataSource,
    writer,
    adminToken: config.adminToken,
    clientDir: join(PROJECT_ROOT, "dist", "client"),
  });
  const url = await server.listen(config.port, config.host);
  const base = url.replace(/\/graphql$/, "");
  console.log(`Onward register: ${config.databasePath}`);
  console.log(`  API and query IDE: ${url}`);
  console.log(`  Map:               ${base}/`);
  console.log(config.adminToken ? "  Changes: allowed with the admin token (REGISTER_ADMIN_TOKEN)." : "  Read-only: set REGISTER_ADMIN_TOKEN to allow changes.");
  // In the background: the server answers meanwhile, and a chain question waits for the same load.
  server.graph
    .preload()
    .then(({ flows, organisations, ms }) => console.log(`  Ready for chain questions: ${flows.toLocaleString("en-GB")} flows between ${organisations.toLocaleString("en-GB")} organisations loaded in ${(ms / 1000).toFixed(1)} s.`))
    .catch((error: Error) => console.error(`  Could not load the graph for chain questions yet (${error.message}); the first chain question will try again.`));
  const stop = async () => {
    await server.close();
    await dataSource.destroy();
    await writer.destroy();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
