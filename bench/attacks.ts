import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { postRaw, startServerProcess } from "../test/support/server-process";

const USAGE = `Usage: npm run bench:attacks -- [--server DIR] [--timeout-s S]

Starts the register as npm start does on a fresh seed register and sends it each hostile request
issue 8 found, one at a time, printing how long each took to be answered and with what. --server DIR
runs another checkout's server (to compare versions); each request gives up after S seconds
(default 60) and the server's liveness is checked after each.`;

/** \`organisation(id: "school") { outgoing { to { ... } } }\` nested \`levels\` times. */
export function nestedOutgoing(levels: number): string {
  let selection = "id";
  for (let i = 0; i < levels; i++) selection = `outgoing { to { ${selection} } }`;
  return `{ organisation(id: "school") { ${selection} } }`;
}

/** The hostile requests, by name: each a JSON body. */
export const ATTACKS: Record<string, () => unknown> = {
  "outgoing/to nested 8 levels": () => ({ query: nestedOutgoing(8) }),
  "outgoing/to nested 4 levels": () => ({ query: nestedOutgoing(4) }),
  "1,000 aliased onwardChains": () => ({ query: `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: onwardChains(from: "school") { truncated }`).join(" ")} }` }),
  "40,000 __typename": () => ({ query: `{ ${Array(40000).fill("__typename").join(" ")} }` }),
  "50,000-character search": () => ({ query: `query($s: String) { organisations(search: $s) { id } }`, variables: { s: "a".repeat(50000) } }),
  "1.9 MB id": () => ({ query: `query($id: ID!) { organisation(id: $id) { id } }`, variables: { id: "x".repeat(1_900_000) } }),
  "unknown operationName": () => ({ query: "query A { __typename }", operationName: "Z" }),
  "subscription": () => ({ query: "subscription { __typename }" }),
};

async function main() {
  const { values } = parseArgs({ options: { server: { type: "string" }, "timeout-s": { type: "string", default: "60" }, help: { type: "boolean" } } });
  if (values.help) return console.log(USAGE);
  const dir = mkdtempSync(join(tmpdir(), "onward-attacks-"));
  let server = await startServerProcess(join(dir, "register.sqlite"), { serverRoot: values.server ? resolve(values.server) : undefined });
  try {
    for (const [name, body] of Object.entries(ATTACKS)) {
      const started = performance.now();
      const answer = await Promise.race([
        postRaw(server.url, body()),
        new Promise<null>((r) => setTimeout(() => r(null), Number(values["timeout-s"]) * 1000)),
      ]);
      const ms = performance.now() - started;
      const alive = (await Promise.race([postRaw(server.url, { query: "{ __typename }" }), new Promise<null>((r) => setTimeout(() => r(null), 5000))]))?.status === 200;
      const what = answer === null ? "no answer yet" : `HTTP ${answer.status} ${answer.errors?.[0]?.extensions?.code ?? (answer.data ? "data" : "")}, ${answer.text.length.toLocaleString("en-GB")} bytes`;
      console.log(`${name.padEnd(30)} ${(ms / 1000).toFixed(3).padStart(8)} s  ${what}${alive ? "" : "  SERVER NOT ANSWERING"}`);
      if (!alive) {
        await server.kill9();
        server = await startServerProcess(join(dir, "register.sqlite"), { serverRoot: values.server ? resolve(values.server) : undefined });
      }
    }
  } finally {
    await server.kill9();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
