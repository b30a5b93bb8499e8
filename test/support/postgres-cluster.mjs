// A throwaway PostgreSQL cluster for the tests and the benchmark: initdb into a temporary folder,
// serve on 127.0.0.1 at a free port (and a unix socket in that folder), stop and delete it after.
// PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` system user
// (Debian's package creates it), else as `nobody`.
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The folder holding initdb and pg_ctl, or null when PostgreSQL is not installed. */
export function findPostgresBin(env = process.env) {
  const candidates = [];
  if (env.PG_BIN) candidates.push(env.PG_BIN);
  const pgConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (pgConfig.status === 0) candidates.push(pgConfig.stdout.trim());
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(join(debian, v, "bin"));
  }
  return candidates.find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl"))) ?? null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The user to run PostgreSQL as: ourselves, or when we are root an unprivileged one. */
function clusterUser() {
  if (process.getuid?.() !== 0) return null;
  for (const name of ["postgres", "nobody"]) {
    const found = spawnSync("id", ["-u", name], { encoding: "utf8" });
    if (found.status === 0) return { name, uid: Number(found.stdout.trim()), gid: Number(spawnSync("id", ["-g", name], { encoding: "utf8" }).stdout.trim()) };
  }
  throw new Error("Running as root and no unprivileged user (postgres, nobody) to run PostgreSQL as.");
}

/**
 * Starts a cluster and resolves to `{ url, stop() }`: `url` is postgres://onward@127.0.0.1:PORT/postgres,
 * a superuser that needs no password (trust, local only). The cluster is made with the C locale:
 * text sorts by code point, as SQLite's does (see README, "PostgreSQL").
 * `durable: false` turns fsync off, which a test cluster that is thrown away does not need.
 */
export async function startPostgresCluster({ bin = findPostgresBin(), durable = false, log = () => {} } = {}) {
  if (!bin) throw new Error("PostgreSQL is not installed (no initdb found; set PG_BIN to its bin folder).");
  const user = clusterUser();
  const dir = mkdtempSync(join(tmpdir(), "onward-pg-"));
  const data = join(dir, "data");
  if (user) chownSync(dir, user.uid, user.gid);
  const as = (cmd, args) => (user ? ["runuser", ["-u", user.name, "--", cmd, ...args]] : [cmd, args]);
  const run = (cmd, args) => {
    const [c, a] = as(join(bin, cmd), args);
    execFileSync(c, a, { stdio: ["ignore", "pipe", "pipe"], cwd: dir });
  };
  run("initdb", ["-D", data, "-A", "trust", "-U", "onward", "--locale=C", "-E", "UTF8"]);
  const port = await freePort();
  const settings = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", "-c max_connections=200"];
  if (!durable) settings.push("-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off");
  run("pg_ctl", ["-D", data, "-l", join(dir, "server.log"), "-o", settings.join(" "), "-w", "-t", "60", "start"]);
  log(`PostgreSQL (${bin}) on 127.0.0.1:${port}, data in ${data}`);
  let stopped = false;
  return {
    url: `postgres://onward@127.0.0.1:${port}/postgres`,
    port,
    dir,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
