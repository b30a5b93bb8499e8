import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { open, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { dialectOfLocation } from "../db/dialect";
import { decodeSnapshot, DecodedSnapshot, encodeSnapshot, endsWhole, readSnapshotHeader, SNAPSHOT_FORMAT, SnapshotContent } from "./codec";

/**
 * Where a register's graph snapshot is kept:
 * - a SQLite register: beside its file (`data/register.sqlite.graph`);
 * - a PostgreSQL register: under `<project>/data/snapshots/`, named by the database's address
 *   (without its password);
 * - `:memory:`: nowhere (nothing outlives the process).
 * `GRAPH_SNAPSHOT=off` turns it off; `GRAPH_SNAPSHOT=PATH` puts it at PATH.
 */
export function snapshotPathFor(location: string, setting: string | undefined, projectRoot: string): string | null {
  const chosen = setting?.trim();
  if (chosen === "off") return null;
  if (chosen) return chosen;
  if (location === ":memory:") return null;
  if (dialectOfLocation(location) === "sqlite") return `${location}.graph`;
  const url = new URL(location);
  url.password = "";
  const name = `${url.pathname.replace(/^\//, "").replace(/[^A-Za-z0-9_-]/g, "_") || "postgres"}-${createHash("sha256").update(url.toString()).digest("hex").slice(0, 12)}`;
  return join(projectRoot, "data", "snapshots", `${name}.graph`);
}

/** What reading a snapshot file gave: its content, or why it was not used. */
export type SnapshotRead = { content: DecodedSnapshot; bytes: number } | { skipped: string };

/**
 * Reads the snapshot at `path` if it is of the register state `stamp`. Never throws: a missing,
 * older, damaged or foreign file is reported as skipped, and the caller reads the database.
 */
export async function readSnapshotFile(path: string, stamp: string): Promise<SnapshotRead> {
  // The header first: a file of another state is not read whole.
  const ends = await readEnds(path);
  if (!ends) return { skipped: "no snapshot file yet" };
  const header = readSnapshotHeader(ends.head);
  if (!header) return { skipped: "the snapshot file is not one" };
  if (header.format !== SNAPSHOT_FORMAT) return { skipped: `the snapshot file is of format ${header.format}, not ${SNAPSHOT_FORMAT}` };
  if (header.stamp !== stamp) return { skipped: "the register has changed since the snapshot file was written" };
  try {
    const buffer = await readFile(path);
    const content = decodeSnapshot(buffer);
    // Written for this state but replaced meanwhile by one of another (a second process): not used.
    if (content.stamp !== stamp) return { skipped: "the snapshot file changed while it was read" };
    return { content, bytes: buffer.byteLength };
  } catch (error) {
    return { skipped: `the snapshot file could not be read (${(error as Error).message})` };
  }
}

/**
 * The stamp of the whole snapshot file at `path`, or null when there is none (or not one, not
 * whole, or of another format: a file an older Onward wrote for this very state must still be
 * replaced, or every start would read the database).
 */
export async function snapshotFileStamp(path: string): Promise<string | null> {
  const ends = await readEnds(path);
  if (!ends || !endsWhole(ends.tail, ends.size)) return null;
  const header = readSnapshotHeader(ends.head);
  return header?.format === SNAPSHOT_FORMAT ? header.stamp : null;
}

/** A file's first 4 KB (where a snapshot's header is), its last 8 bytes and its size; null when it cannot be opened. */
async function readEnds(path: string): Promise<{ head: Buffer; tail: Buffer; size: number } | null> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch {
    return null;
  }
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const { size } = await handle.stat();
    const tail = Buffer.alloc(8);
    await handle.read(tail, 0, 8, Math.max(0, size - 8));
    return { head: head.subarray(0, bytesRead), tail, size };
  } finally {
    await handle.close();
  }
}

/**
 * Writes the snapshot atomically: to a temporary file beside it, then renamed over it, so a
 * reader (or a crash, or kill -9) never meets half a file. Resolves to its size in bytes.
 */
export async function writeSnapshotFile(path: string, content: SnapshotContent): Promise<number> {
  const bytes = await encodeSnapshot(content);
  mkdirSync(dirname(path), { recursive: true });
  await removeAbandonedTemporaries(path);
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return bytes.byteLength;
}

/** Temporary files older than this were left by a writer that died (kill -9) before renaming them. */
const ABANDONED_AFTER_MS = 10 * 60_000;

/** Deletes temporary snapshot files a killed writer left beside `path` (a live writer's are younger). */
async function removeAbandonedTemporaries(path: string): Promise<void> {
  const prefix = `${basename(path)}.`;
  const dir = dirname(path);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const file = join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && Date.now() - info.mtimeMs > ABANDONED_AFTER_MS) await rm(file, { force: true });
  }
}
