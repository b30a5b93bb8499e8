import "reflect-metadata";
import cluster from "node:cluster";
import { join } from "node:path";
import { PROJECT_ROOT, readConfig, ServerConfig } from "./config";
import { describeLocation, openDatabase, openReader } from "./db/data-source";
import { createRegisterServer } from "./http/app";
import { seedIfEmpty } from "./register/seed";
import { runWorkers, tellPrimary } from "./workers";
import { warmUp, WARM_UP_MAX_FLOWS } from "./http/warm-up";

/**
 * `npm start`: open the database (migrating it, and on first start seeding it), then serve the
 * API, the IDE and the map; with WORKERS=N, from N processes sharing the port (server/workers.ts).
 */
async function main() {
  const config = readConfig();
  if (config.workers > 1 && cluster.isPrimary) {
    await prepareDatabase(config);
    await runWorkers(config, (m) => console.log(m));
    return;
  }
  if (cluster.isPrimary) await prepareDatabase(config);
  await serve(config);
}

/** Migrations and the seed register on first start: done once, before any process serves. */
async function prepareDatabase(config: ServerConfig) {
  const writer = await openDatabase(config.database);
  try {
    await seedIfEmpty(writer, config.seedsDir, (m) => console.log(m));
  } finally {
    await writer.destroy();
  }
}

async function serve(config: ServerConfig) {
  const worker = cluster.isWorker;
  // Two connections: changes are written on one, a transaction at a time; questions are answered
  // on the other, which only ever sees committed changes.
  const writer = await openDatabase(config.database);
  const dataSource = await openReader(config.database);
  const server = await createRegisterServer({
    dataSource,
    writer,
    adminToken: config.adminToken,
    clientDir: join(PROJECT_ROOT, "dist", "client"),
    snapshotFile: config.graphSnapshot,
  });
  const url = await server.listen(config.port, config.host);
  if (worker) tellPrimary({ listening: url });
  else {
    const base = url.replace(/\/graphql$/, "");
    console.log(`Onward register: ${describeLocation(config.database)}`);
    console.log(`  API and query IDE: ${url}`);
    console.log(`  Map:               ${base}/`);
    console.log(config.adminToken ? "  Changes: allowed with the admin token (REGISTER_ADMIN_TOKEN)." : "  Read-only: set REGISTER_ADMIN_TOKEN to allow changes.");
  }
  // In the background: the server answers meanwhile, and a chain question waits for the same load.
  const who = worker ? `  Worker ${process.pid}: ready` : "  Ready";
  server.graph
    .preload()
    .then(({ flows, organisations, ms, source, fileSkipped, writesFile }) => {
      const from = source === "database" && fileSkipped ? `the database (${fileSkipped}${writesFile ? "; it is being written for the next start" : ""})` : `the ${source}`;
      console.log(`${who} for chain questions: ${flows.toLocaleString("en-GB")} flows between ${organisations.toLocaleString("en-GB")} organisations loaded from ${from} in ${(ms / 1000).toFixed(1)} s.`);
      if (worker) tellPrimary({ ready: ms });
      // The first visitor then finds the map's questions compiled and warm (server/http/warm-up.ts).
      if (flows <= WARM_UP_MAX_FLOWS) {
        warmUp(url).catch((error: Error) => console.error(`  Could not warm up the map's questions (${error.message}); the first visitor will wait a little longer.`));
      }
    })
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
  console.error(startFailure(error));
  process.exit(1);
});

/** Why the server could not start, in words that say what to do. */
function startFailure(error: unknown): string {
  // A large import alone on a SQLite register holds its write lock until it commits
  // (server/db/bulk-journal.ts); this start waited its busy timeout for it.
  if ((error as { code?: unknown } | null)?.code === "SQLITE_BUSY") {
    return (
      `The register ${describeLocation(readConfig().database)} is locked by another process, most likely an import that is still being written. ` +
      `Start the server again once it has finished (\`npm run import\` prints what it imported when it is done).`
    );
  }
  return error instanceof Error ? error.message : String(error);
}
