import "reflect-metadata";
import { join } from "node:path";
import { PROJECT_ROOT, readConfig } from "./config";
import { openDatabase } from "./db/data-source";
import { createRegisterServer } from "./http/app";
import { seedIfEmpty } from "./register/seed";

/** `npm start`: open (and on first start, seed) the database, then serve the API, the IDE and the map. */
async function main() {
  const config = readConfig();
  const dataSource = await openDatabase(config.databasePath);
  await seedIfEmpty(dataSource, config.seedsDir, (m) => console.log(m));
  const server = await createRegisterServer({
    dataSource,
    adminToken: config.adminToken,
    clientDir: join(PROJECT_ROOT, "dist", "client"),
  });
  const url = await server.listen(config.port, config.host);
  const base = url.replace(/\/graphql$/, "");
  console.log(`Onward register: ${config.databasePath}`);
  console.log(`  API and query IDE: ${url}`);
  console.log(`  Map:               ${base}/`);
  console.log(config.adminToken ? "  Changes: allowed with the admin token (REGISTER_ADMIN_TOKEN)." : "  Read-only: set REGISTER_ADMIN_TOKEN to allow changes.");
  const stop = async () => {
    await server.close();
    await dataSource.destroy();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
