import type { Basis, FlowScope, GraphField, GraphFlow, GraphOptOut, GraphOrganisation, Level, RegisterGraphData } from "../graph/types";
import type { DenseOrder, KnownEnds } from "../graph/dense-adjacency";

/**
 * The register's graph snapshot as bytes: what a server reads at start instead of 600,000 flows
 * through the database (server/snapshot/snapshot-file.ts keeps it beside the database).
 *
 * Layout: a header (magic, format, the register stamp it was read at), then blocks, each a
 * length and its bytes padded to 8, in a fixed order:
 * - one string table (every organisation, flow and field id, date and area token, each once,
 *   joined by NUL), so decoding makes each distinct string once and every flow shares them;
 * - organisations and flows as columns of 32-bit indexes into it (typed arrays, read in place);
 * - small tables as JSON: the distinct field lists, inclusions, opt-out lists and scopes that
 *   flows point to (a national register has tens of thousands of flows per distinct field list,
 *   so each list is one shared, frozen array);
 * - the adjacency's sorted order (DenseOrder), so `indexGraph` does not sort again;
 * - the organisations' and fields' rows as the API serves them (JSON).
 *
 * Decoding gives data equal to what `loadGraphData` reads from the database (a test checks it on
 * the seed register and a generated one), or throws SnapshotFormatError.
 */
export const SNAPSHOT_FORMAT = 1;
const MAGIC = "ONWARD-GRAPH-SNAPSHOT";
const END = 0x0e0d_0a0e;

const LEVELS: readonly Level[] = ["INDIVIDUAL", "PSEUDONYMISED", "AGGREGATE", "ANONYMISED", "NOT_STATED"];
const BASES: readonly Basis[] = ["STATED", "INFERRED"];
const NO_AGE = -32768;
/** Flow columns in the Int32 block, in this order. */
const FLOW_COLUMNS = 9;
const ORGANISATION_COLUMNS = 5;

/** Shared by every flow without opt-outs (most of them); frozen, since the graph is read-only. */
export const NO_OPT_OUTS: GraphOptOut[] = Object.freeze([]) as unknown as GraphOptOut[];

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
export interface DecodedSnapshot extends SnapshotContent {
  known: KnownEnds;
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
  const strings = new Table<string>((value) => value);
  const str = (value: string) => {
    const n = strings.add(value);
    if (n === strings.values.length - 1 && value.includes("\u0000")) throw new SnapshotFormatError("a string holds NUL");
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
  const flows = new Int32Array(data.flows.length * FLOW_COLUMNS);
  const levels = new Uint8Array(data.flows.length);
  const bases = new Uint8Array(data.flows.length);
  const ages = new Int16Array(data.flows.length);
  for (let i = 0; i < data.flows.length; i++) {
    if (i % FLOWS_PER_SLICE === FLOWS_PER_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
    const f = data.flows[i];
    if (f.inheritedFrom !== undefined) throw new SnapshotFormatError("a flow is an inherited copy");
    const c = i * FLOW_COLUMNS;
    flows[c] = str(f.id);
    flows[c + 1] = str(f.from);
    flows[c + 2] = str(f.to);
    flows[c + 3] = fieldLists.add(f.fieldIds);
    flows[c + 4] = f.fieldInclusion ? inclusions.add(f.fieldInclusion) : -1;
    flows[c + 5] = optional(f.validFrom);
    flows[c + 6] = optional(f.validTo);
    flows[c + 7] = f.optOuts.length === 0 ? -1 : optOutLists.add(f.optOuts);
    flows[c + 8] = f.scope ? scopes.add(f.scope) : -1;
    levels[i] = code(LEVELS, f.level);
    bases[i] = code(BASES, f.basis);
    if (f.minimumAge !== null && !(Number.isInteger(f.minimumAge) && f.minimumAge > NO_AGE && f.minimumAge < 32768)) throw new SnapshotFormatError(`minimumAge ${f.minimumAge}`);
    ages[i] = f.minimumAge ?? NO_AGE;
  }

  const tables = { fields: data.fields, fieldLists: fieldLists.values, inclusions: inclusions.values, optOutLists: optOutLists.values, scopes: scopes.values };
  const blocks: Uint8Array[] = [
    Buffer.from(strings.values.join("\u0000"), "utf8"),
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
    Buffer.from(JSON.stringify({ organisations: content.organisations, fields: content.fields }), "utf8"),
  ];
  const header = Buffer.from(JSON.stringify({ magic: MAGIC, format: SNAPSHOT_FORMAT, stamp: content.stamp, changeSeq: content.changeSeq, strings: strings.values.length }), "utf8");
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

  const header = json<{ magic: string; format: number; stamp: string; changeSeq: number; strings: number }>(next());
  if (header.magic !== MAGIC || header.format !== SNAPSHOT_FORMAT || !Number.isSafeInteger(header.changeSeq)) throw new SnapshotFormatError(`not a format ${SNAPSHOT_FORMAT} snapshot`);
  const stringBlock = next();
  const strings = stringBlock.byteLength === 0 ? [] : stringBlock.toString("utf8").split("\u0000");
  if (strings.length !== header.strings) throw new SnapshotFormatError("the string table is damaged");
  const organisationColumns = int32(next());
  const roles = next();
  const flowColumns = int32(next());
  const levels = next();
  const bases = next();
  const agesBlock = next();
  const ages = new Int16Array(agesBlock.buffer, agesBlock.byteOffset, agesBlock.byteLength / 2);
  const tables = json<{ fields: GraphField[]; fieldLists: string[][]; inclusions: Record<string, "OPTIONAL" | "POSSIBLE">[]; optOutLists: GraphOptOut[][]; scopes: FlowScope[] }>(next());
  // Copied out: views would keep the whole file's buffer (50 MB at national scale) alive with the graph.
  const copy = () => int32(next()).slice();
  const order: DenseOrder = { organisationOrder: copy(), outOffsets: copy(), outFlows: copy(), inOffsets: copy(), inFlows: copy() };
  const entities = json<{ organisations: object[]; fields: object[] }>(next());
  if (offset + 8 !== buffer.byteLength || buffer.readUInt32LE(offset) !== END || buffer.readUInt32LE(offset + 4) !== offset >>> 0) throw new SnapshotFormatError("the file's end is damaged");

  const at = (index: number): string => {
    const value = strings[index];
    if (value === undefined) throw new SnapshotFormatError("an index points outside the string table");
    return value;
  };
  const optional = (index: number): string | null => (index === -1 ? null : at(index));
  const organisations: GraphOrganisation[] = new Array(roles.byteLength);
  // Each organisation's position by its id's place in the string table, to number the flows' ends.
  const positionOf = new Int32Array(strings.length).fill(-1);
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
  const fieldLists = tables.fieldLists.map((list) => Object.freeze(list) as string[]);
  const inclusions = tables.inclusions.map((record) => Object.freeze(record));
  const optOutLists = tables.optOutLists.map((list) => Object.freeze(list.map((o) => Object.freeze(o))) as GraphOptOut[]);
  const scopes = tables.scopes.map((scope) => Object.freeze(scope));
  const count = levels.byteLength;
  if (flowColumns.length !== count * FLOW_COLUMNS || bases.byteLength !== count || ages.length !== count) throw new SnapshotFormatError("the flow columns differ in length");
  const flows: GraphFlow[] = new Array(count);
  const known = { from: new Int32Array(count), to: new Int32Array(count) };
  for (let i = 0; i < count; i++) {
    const c = i * FLOW_COLUMNS;
    const age = ages[i];
    known.from[i] = positionOf[flowColumns[c + 1]] ?? -1;
    known.to[i] = positionOf[flowColumns[c + 2]] ?? -1;
    flows[i] = {
      id: at(flowColumns[c]),
      from: at(flowColumns[c + 1]),
      to: at(flowColumns[c + 2]),
      fieldIds: pick(fieldLists, flowColumns[c + 3]),
      fieldInclusion: flowColumns[c + 4] === -1 ? null : pick(inclusions, flowColumns[c + 4]),
      level: pick(LEVELS, levels[i]),
      basis: pick(BASES, bases[i]),
      minimumAge: age === NO_AGE ? null : age,
      validFrom: optional(flowColumns[c + 5]),
      validTo: optional(flowColumns[c + 6]),
      optOuts: flowColumns[c + 7] === -1 ? NO_OPT_OUTS : pick(optOutLists, flowColumns[c + 7]),
      scope: flowColumns[c + 8] === -1 ? null : pick(scopes, flowColumns[c + 8]),
    };
  }
  return { stamp: header.stamp, changeSeq: header.changeSeq, data: { organisations, fields: tables.fields, flows }, order, known, organisations: entities.organisations, fields: entities.fields };
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
