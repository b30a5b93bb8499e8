import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { print } from "graphql";
import { startServerProcess } from "../test/support/server-process";
import { GraphqlClient, runLoad } from "./load";

const USAGE = `Usage: npm run bench:seed-load -- [--clients N] [--seconds S] [--server DIR]

Starts the register as npm start does, on a fresh copy of the seed register, and sends it the
map's questions (the register, an organisation, its recipients of a field) from N clients for S
seconds. Prints requests per second, latency and errors. --server DIR runs another checkout's
server (to compare two versions on the same machine in one sitting).`;

/** The map's three questions about the seed register, in turn, over every organisation and a few fields. */
const ORGANISATIONS = ["stokes-wood-primary-school", "school", "la", "dfe", "npd", "leicester-city-council", "wigan-council", "connexions"];
const FIELDS = ["ethnicity", "pupil-name", "date-of-birth", null];

type Queries = typeof import("../client/src/api/queries");

/** Each checkout asks with its own map's queries (a newer map asks fields an older server lacks). */
function bodies({ REGISTER_QUERY, ORGANISATION_QUERY, REACH_QUERY }: Queries) {
  return (i: number): string => {
    const id = ORGANISATIONS[i % ORGANISATIONS.length];
    switch (i % 3) {
      case 0:
        return JSON.stringify({ query: print(REGISTER_QUERY) });
      case 1:
        return JSON.stringify({ query: print(ORGANISATION_QUERY), variables: { id } });
      default:
        return JSON.stringify({ query: print(REACH_QUERY), variables: { from: id, field: FIELDS[i % FIELDS.length], asOf: null, maxHops: 6, pupilAge: null, optOuts: [], basis: "STATED_OR_INFERRED", identifiableOnly: false } });
    }
  };
}

async function main() {
  const { values } = parseArgs({ options: { clients: { type: "string", default: "16" }, seconds: { type: "string", default: "60" }, server: { type: "string" }, help: { type: "boolean" } } });
  if (values.help) return console.log(USAGE);
  const dir = mkdtempSync(join(tmpdir(), "onward-seed-load-"));
  const root = values.server ? resolve(values.server) : resolve(__dirname, "..");
  const body = bodies((await import(join(root, "client", "src", "api", "queries"))) as Queries);
  const server = await startServerProcess(join(dir, "register.sqlite"), { serverRoot: values.server ? root : undefined });
  const clients = Number(values.clients);
  const client = new GraphqlClient(server.url, clients);
  try {
    const result = await runLoad(client, { concurrency: clients, maxRequests: Infinity, maxMs: Number(values.seconds) * 1000, warmup: 300, body });
    console.log(`${values.server ?? "this checkout"}: ${clients} clients, ${(result.wallMs / 1000).toFixed(0)} s: ${result.requests.toLocaleString("en-GB")} requests, ${result.rps.toFixed(0)} requests/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ${result.errors} errors${result.firstError ? ` (first: ${result.firstError})` : ""}`);
  } finally {
    client.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
