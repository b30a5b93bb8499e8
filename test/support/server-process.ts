import { ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../server/config";

export const TSX = join(PROJECT_ROOT, "node_modules", ".bin", "tsx");

export interface ServerProcess {
  child: ChildProcess;
  /** http://127.0.0.1:PORT/graphql */
  url: string;
  /** everything the process printed */
  output(): string;
  /** SIGKILL: no shutdown code runs, as when the machine or the process dies */
  kill9(): Promise<void>;
  /** SIGTERM: the server's own graceful stop */
  stop(): Promise<void>;
}

/**
 * `server/index.ts` as `npm start` runs it (without rebuilding the client), in its own process,
 * on a free port of 127.0.0.1, with the register at `database`: a SQLite file, or a postgres:// URL
 * (see freshDatabaseLocation in ./database.ts). `workers` > 1 runs it as WORKERS=N npm start does.
 */
export async function startServerProcess(
  database: string,
  options: { adminToken?: string; timeoutMs?: number; workers?: number; /** another checkout's root, to compare versions */ serverRoot?: string } = {},
): Promise<ServerProcess> {
  const root = options.serverRoot ?? PROJECT_ROOT;
  // Node itself runs the server (tsx as a loader), not the tsx command: that one starts the
  // server as its own child, so a SIGKILL would kill the wrapper and leave the server running.
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "server", "index.ts")], {
    cwd: root,
    env: { ...process.env, ...databaseEnv(database), WORKERS: String(options.workers ?? 1), PORT: "0", HOST: "127.0.0.1", REGISTER_ADMIN_TOKEN: options.adminToken ?? "", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not left running behind a failed test (with WORKERS, the primary stops its workers).
      child.kill("SIGTERM");
      reject(new Error(`the server did not start within ${options.timeoutMs ?? 30000} ms:\n${output}`));
    }, options.timeoutMs ?? 30000);
    const look = () => {
      const match = /API and query IDE: (http:\/\/\S+\/graphql)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on("data", look);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${output}`));
    });
  });
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return { child, url, output: () => output, kill9: () => signal("SIGKILL"), stop: () => signal("SIGTERM") };
}

/** The environment that points a server or a command-line tool at `database` (a file path or a postgres:// URL), and at nothing else. */
export function databaseEnv(database: string): { DATABASE_URL: string; DATABASE_PATH: string } {
  return /^postgres(ql)?:\/\//.test(database) ? { DATABASE_URL: database, DATABASE_PATH: "" } : { DATABASE_URL: "", DATABASE_PATH: database };
}

export interface GraphQLAnswer {
  status: number;
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[];
}

/** One POST to the API; a refused or reset connection comes back as status 0. */
export async function post(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLAnswer> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...(await response.json()) };
  } catch {
    return { status: 0 };
  }
}

/** One POST of any body (a string is sent as it is); the answer's text, and its JSON when it has any. */
export async function postRaw(url: string, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }): Promise<GraphQLAnswer & { text: string }> {
  try {
    const response = await fetch(url, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
    const text = await response.text();
    let json: Partial<GraphQLAnswer> = {};
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: the caller looks at `text`
    }
    return { ...json, status: response.status, text };
  } catch {
    return { status: 0, text: "" };
  }
}
