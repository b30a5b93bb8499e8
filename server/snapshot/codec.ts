import type { Basis, FlowScope, GraphField, GraphOptOut, GraphOrganisation, Level, RegisterGraphData } from "../graph/types";
import type { DenseOrder, KnownEnds } from "../graph/dense-adjacency";
import { checkFlowColumns, FLOW_COLUMNS, FlowColumns, type FlowTables, NO_AGE } from "./flow-columns";
import { decodeRows, encodeRows, JsonRows } from "./lazy-rows";

/**
 * The register's graph snapshot as bytes: what a server reads at start instead of 600,000 flows
 * through the database (server/snapshot/snapshot-file.ts keeps it beside the database).
 *
 * Layout: a header (magic, format, the register stamp it was read at), then blocks, each a
 * length and its bytes padded to 8, in a fixed order:
 * - one string table (every organisation and field id, date and area token, each once, joined
 *   by NUL), so decoding makes each distinct string once and every flow shares them;
 * - the flows' ids, one after another, with their offsets: decoded one by one when first read
 *   (flow-columns.ts), not at start (most are never read);
 * - organisations and flows as columns of 32-bit indexes into the tables; the flows stay columns
 *   (`FlowColumns`), each flow an object reading its row;
 * - small tables as JSON: the distinct field lists, inclusions, opt-out lists and scopes that
 *   flows point to (a national register has tens of thousands of flows per distinct field list,
 *   so each list is one shared, frozen array);
 * - the adjacency's sorted order (DenseOrder), so `indexGraph` does not sort again;
 * - the organisations' rows as the API serves them, each its own JSON, parsed when first asked
 *   for (lazy-rows.ts; their CRC-32 is checked at decoding), and the fields' rows (JSON).
 *
 * Decoding gives data equal to what `loadGraphData` reads from the database (a test checks it on
 * the seed register and a generated one), or throws SnapshotFormatError: every index is checked
 * against its table first, so nothing read later meets a damaged one.
 */
export const SNAPSHOT_FORMAT = 2;
const MAGIC = "ONWARD-GRAPH-SNAPSHOT";
const END = 0x0e0d_0a0e;

const LEVELS: readonly Level[] = ["INDIVIDUAL", "PSEUDONYMISED", "AGGREGATE", "ANONYMISED", "NOT_STATED"];
const BASES: readonly Basis[] = ["STATED", "INFERRED"];
const ORGANISATION_COLUMNS = 5;

export { NO_OPT_OUTS } from "./flow-columns";

export class SnapshotFormatError extends Error {}

/** What a snapshot holds. */
export interface SnapshotContent {
  /** the register state it was read at (`readRegisterStamp`) */
  stamp: string;
  /** the last change-log entry that state includes (server/snapshot/changes.ts) */
  changeSeq: number;
  data: RegisterGraphData;
  /** the sorting `indexGraph` did on `data` (`graph.dense`) */
  order: DenseOrder;
  /** the organisations' rows, plain (no class), as the API entity holds them */
  organisations: object[];
  /** the pupil fields' rows, likewise */
  fields: object[];
}

/** What decoding gives besides the content: each flow's ends as organisation numbers, for `indexGraph`. */
export interface DecodedSnapshot extends Omit<SnapshotContent, "organisations"> {
  known: KnownEnds;
  /** the organisations' rows, each parsed when first asked for (lazy-rows.ts) */
  organisations: JsonRows;
}

/** Distinct values by a key (their JSON unless told), numbered in first-seen order. */
class Table<T> {
  readonly values: T[] = [];
  private readonly index = new Map<string, number>();
  constructor(private readonly keyOf: (value: T) => string = (value) => JSON.stringify(value)) {}
  add(value: T): number {
    const key = this.keyOf(value);
    let n = this.index.get(key);
    if (n === undefined) {
      n = this.values.push(value) - 1;
      this.index.set(key, n);
    }
    return n;
  }
}

/** Flows encoded between two yields to the event loop: a national register takes about a second to encode, which must not hold up answers. */
const FLOWS_PER_SLICE = 20000;

export async function encodeSnapshot(content: SnapshotContent): Promise<Buffer> {
  const { data, order } = content;
  const names = new Table<string>((value) => value);
  const str = (value: string) => {
    const n = names.add(value);
    if (n === names.values.length - 1 && value.includes("\u0000")) throw new SnapshotFormatError("a string holds NUL");
    return n;
  };
  const optional = (value: string | null | undefined) => (value == null ? -1 : str(value));

  const organisations = new Int32Array(data.organisations.length * ORGANISATION_COLUMNS);
  const roles = new Uint8Array(data.organisations.length);
  data.organisations.forEach((o, i) => {
    organisations.set([str(o.id), optional(o.instanceOf), optional(o.area), optional(o.existedFrom), optional(o.existedTo)], i * ORGANISATION_COLUMNS);
    roles[i] = o.isRole ? 1 : 0;
  });

  const fieldLists = new Table<string[]>((list) => list.join("\u0000"));
  const inclusions = new Table<Record<string, string>>();
  const optOutLists = new Table<GraphOptOut[]>();
  const scopes = new Table<FlowScope>();
  const count = data.flows.length;
  const flows = new Int32Array(count * FLOW_COLUMNS);
  const levels = new Uint8Array(count);
  const bases = new Uint8Array(count);
  const ages = new Int16Array(count);
  const ids = new Array<string>(count);
  const idOffsets = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) {
    if (i % FLOWS_PER_SLICE === FLOWS_PER_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
    const f = data.flows[i];
    if (f.inheritedFrom !== undefined) throw new SnapshotFormatError("a flow is an inherited copy");
    ids[i] = f.id;
    idOffsets[i + 1] = idOffsets[i] + Buffer.byteLength(f.id, "utf8");
    const c = i * FLOW_COLUMNS;
    flows[c] = str(f.from);
    flows[c + 1] = str(f.to);
    flows[c + 2] = fieldLists.add(f.fieldIds);
    flows[c + 3] = f.fieldInclusion ? inclusions.add(f.fieldInclusion) : -1;
    flows[c + 4] = optional(f.validFrom);
    flows[c + 5] = optional(f.validTo);
    flows[c + 6] = f.optOuts.length === 0 ? -1 : optOutLists.add(f.optOuts);
    flows[c + 7] = f.scope ? scopes.add(f.scope) : -1;
    levels[i] = code(LEVELS, f.level);
    bases[i] = code(BASES, f.basis);
    if (f.minimumAge !== null && !(Number.isInteger(f.minimumAge) && f.minimumAge > NO_AGE && f.minimumAge < 32768)) throw new SnapshotFormatError(`minimumAge ${f.minimumAge}`);
    ages[i] = f.minimumAge ?? NO_AGE;
  }
  const rows = encodeRows(content.organisations, str);

  const tables = { fields: data.fields, fieldLists: fieldLists.values, inclusions: inclusions.values, optOutLists: optOutLists.values, scopes: scopes.values };
  const blocks: Uint8Array[] = [
    Buffer.from(names.values.join("\u0000"), "utf8"),
    Buffer.from(ids.join(""), "utf8"),
    bytes(idOffsets),
    bytes(organisations),
    roles,
    bytes(flows),
    levels,
    bases,
    bytes(ages),
    Buffer.from(JSON.stringify(tables), "utf8"),
    bytes(order.organisationOrder),
    bytes(order.outOffsets),
    bytes(order.outFlows),
    bytes(order.inOffsets),
    bytes(order.inFlows),
    bytes(rows.ids),
    bytes(rows.offsets),
    rows.bytes,
    Buffer.from(JSON.stringify(content.fields), "utf8"),
  ];
  const header = Buffer.from(JSON.stringify({ magic: MAGIC, format: SNAPSHOT_FORMAT, stamp: content.stamp, changeSeq: content.changeSeq, names: names.values.length, rowsCrc: rows.crc }), "utf8");
  const parts: Uint8Array[] = [];
  let length = 0;
  const push = (block: Uint8Array) => {
    const size = Buffer.alloc(8);
    size.writeUInt32LE(block.byteLength, 0);
    const padding = (8 - (block.byteLength % 8)) % 8;
    parts.push(size, block, Buffer.alloc(padding));
    length += 8 + block.byteLength + padding;
  };
  push(header);
  blocks.forEach(push);
  const end = Buffer.alloc(8);
  end.writeUInt32LE(END, 0);
  end.writeUInt32LE(length >>> 0, 4);
  parts.push(end);
  return Buffer.concat(parts);
}

/** The header alone: what a reader checks before decoding the rest. */
export function readSnapshotHeader(buffer: Buffer): { format: number; stamp: string } | null {
  try {
    if (buffer.byteLength < 8) return null;
    const size = buffer.readUInt32LE(0);
    if (8 + size > buffer.byteLength) return null;
    const header = JSON.parse(buffer.toString("utf8", 8, 8 + size)) as { magic?: string; format?: number; stamp?: string };
    if (header.magic !== MAGIC || typeof header.format !== "number" || typeof header.stamp !== "string") return null;
    return { format: header.format, stamp: header.stamp };
  } catch {
    return null;
  }
}

/** Whether the last 8 bytes of a file of `size` bytes are a snapshot's end (a file cut short has none). */
export function endsWhole(tail: Buffer, size: number): boolean {
  return tail.byteLength === 8 && tail.readUInt32LE(0) === END && tail.readUInt32LE(4) === (size - 8) >>> 0;
}

export function decodeSnapshot(buffer: Buffer): DecodedSnapshot {
  // Typed arrays are read in place, which needs their offsets aligned in the underlying memory.
  if (buffer.byteOffset % 8 !== 0) buffer = Buffer.from(buffer);
  let offset = 0;
  const next = (): Buffer => {
    if (offset + 8 > buffer.byteLength) throw new SnapshotFormatError("the file ends early");
    const size = buffer.readUInt32LE(offset);
    const start = offset + 8;
    if (start + size > buffer.byteLength) throw new SnapshotFormatError("the file ends early");
    offset = start + size + ((8 - (size % 8)) % 8);
    return buffer.subarray(start, start + size);
  };
  const int32 = (block: Buffer) => new Int32Array(block.buffer, block.byteOffset, block.byteLength / 4);
  const json = <T>(block: Buffer): T => JSON.parse(block.toString("utf8")) as T;
  // Read in place, not copied: the graph keeps almost all the file (flow ids and columns, order,
  // organisation rows), so views keep alive only a few MB more than copies would, and copying
  // 55 MB at national scale cost about 30 ms.

  const header = json<{ magic: string; format: number; stamp: string; changeSeq: number; names: number; rowsCrc: number | null }>(next());
  if (header.magic !== MAGIC || header.format !== SNAPSHOT_FORMAT || !Number.isSafeInteger(header.changeSeq)) throw new SnapshotFormatError(`not a format ${SNAPSHOT_FORMAT} snapshot`);
  const nameBlock = next();
  const names = nameBlock.byteLength === 0 ? [] : nameBlock.toString("utf8").split("\u0000");
  if (names.length !== header.names) throw new SnapshotFormatError("the string table is damaged");
  const idBytes = next();
  const idOffsets = int32(next());
  const organisationColumns = int32(next());
  const roles = next();
  const flowColumns = int32(next());
  const levels = next();
  const bases = next();
  const agesBlock = next();
  const ages = new Int16Array(agesBlock.buffer, agesBlock.byteOffset, agesBlock.byteLength / 2)
  const tables = json<{ fields: GraphField[]; fieldLists: string[][]; inclusions: Record<string, "OPTIONAL" | "POSSIBLE">[]; optOutLists: GraphOptOut[][]; scopes: FlowScope[] }>(next());
  const order: DenseOrder = { organisationOrder: int32(next()), outOffsets: int32(next()), outFlows: int32(next()), inOffsets: int32(next()), inFlows: int32(next()) };
  const rowIds = int32(next());
  const rowOffsets = int32(next());
  const rowBytes = next();
  const fields = json<object[]>(next());
  if (offset + 8 !== buffer.byteLength || buffer.readUInt32LE(offset) !== END || buffer.readUInt32LE(offset + 4) !== offset >>> 0) throw new SnapshotFormatError("the file's end is damaged");

  const at = (index: number): string => {
    const value = names[index];
    if (value === undefined) throw new SnapshotFormatError("an index points outside the string table");
    return value;
  };
  const optional = (index: number): string | null => (index === -1 ? null : at(index));
  const organisations: GraphOrganisation[] = new Array(roles.byteLength);
  if (organisationColumns.length !== roles.byteLength * ORGANISATION_COLUMNS) throw new SnapshotFormatError("the organisation columns differ in length");
  // Each organisation's position by its id's place in the string table, to number the flows' ends.
  const positionOf = new Int32Array(names.length).fill(-1);
  for (let i = 0; i < roles.byteLength; i++) {
    const c = i * ORGANISATION_COLUMNS;
    if (positionOf[organisationColumns[c]] === -1) positionOf[organisationColumns[c]] = i;
    organisations[i] = {
      id: at(organisationColumns[c]),
      isRole: roles[i] === 1,
      instanceOf: optional(organisationColumns[c + 1]),
      area: optional(organisationColumns[c + 2]),
      existedFrom: optional(organisationColumns[c + 3]),
      existedTo: optional(organisationColumns[c + 4]),
    };
  }
  // Shared between flows, so frozen: nothing may change one flow's list through another.
  const flowTables: FlowTables = {
    names,
    fieldLists: tables.fieldLists.map((list) => Object.freeze(list) as string[]),
    inclusions: tables.inclusions.map((record) => Object.freeze(record)),
    optOutLists: tables.optOutLists.map((list) => Object.freeze(list.map((o) => Object.freeze(o))) as GraphOptOut[]),
    scopes: tables.scopes.map((scope) => Object.freeze(scope)),
    levels: LEVELS,
    bases: BASES,
  };
  const damage = checkFlowColumns(flowTables, idBytes, idOffsets, flowColumns, levels, bases, ages);
  if (damage) throw new SnapshotFormatError(damage);
  const columns = new FlowColumns(flowTables, idBytes, idOffsets, flowColumns, levels, bases, ages);
  const count = columns.count;
  const known = { from: new Int32Array(count), to: new Int32Array(count) };
  for (let i = 0; i < count; i++) {
    known.from[i] = positionOf[flowColumns[i * FLOW_COLUMNS]];
    known.to[i] = positionOf[flowColumns[i * FLOW_COLUMNS + 1]];
  }
  let rows: JsonRows;
  try {
    rows = decodeRows(Array.from(rowIds, at), rowBytes, rowOffsets, header.rowsCrc);
  } catch (error) {
    throw new SnapshotFormatError((error as Error).message);
  }
  return { stamp: header.stamp, changeSeq: header.changeSeq, data: { organisations, fields: tables.fields, flows: columns.flows() }, order, known, organisations: rows, fields };
}

function code<T>(values: readonly T[], value: T): number {
  const n = values.indexOf(value);
  if (n === -1) throw new SnapshotFormatError(`unknown value ${String(value)}`);
  return n;
}

function pick<T>(values: readonly T[], index: number): T {
  const value = values[index];
  if (value === undefined) throw new SnapshotFormatError("an index points outside its table");
  return value;
}

function bytes(array: Int32Array | Int16Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
