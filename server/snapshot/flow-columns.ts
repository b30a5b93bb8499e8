import { copyFlow } from "../graph/flow-copy";
import type { Basis, FlowScope, GraphFlow, GraphOptOut, Level } from "../graph/types";

/**
 * A snapshot's flows kept as the columns the file holds, each flow a small object that reads its
 * row on access (`SnapshotFlow`), instead of one 12-property object and one id string per flow.
 *
 * Why: at national scale (623,441 flows) making those objects and splitting out their id strings,
 * and the garbage collections that caused, were most of a start's second. Ids are decoded on
 * first read (most never are: recipients and sources read ids only for the flows they answer
 * with), then kept.
 *
 * A `SnapshotFlow`'s properties are getters on its prototype, so a copy must name every key
 * (`copyFlow` in server/graph/flow-copy.ts), never spread one (`{ ...flow }` copies nothing of it).
 * Every index is checked when the columns are made (`checkFlowColumns`), so a getter never meets
 * a damaged one.
 */
export interface FlowTables {
  /** the string table without the flows' ids: organisation ids, dates */
  readonly names: readonly string[];
  readonly fieldLists: readonly string[][];
  readonly inclusions: readonly Readonly<Record<string, "OPTIONAL" | "POSSIBLE">>[];
  readonly optOutLists: readonly GraphOptOut[][];
  readonly scopes: readonly FlowScope[];
  readonly levels: readonly Level[];
  readonly bases: readonly Basis[];
}

/** Columns of `Int32` per flow, in this order; -1 is null (or no opt-outs) where a column may be. */
export const FLOW_COLUMNS = 8;
const FROM = 0;
const TO = 1;
const FIELDS = 2;
const INCLUSION = 3;
const VALID_FROM = 4;
const VALID_TO = 5;
const OPT_OUTS = 6;
const SCOPE = 7;
/** `minimumAge` null. */
export const NO_AGE = -32768;

/** Shared by every flow without opt-outs (most of them); frozen, since the graph is read-only. */
export const NO_OPT_OUTS: GraphOptOut[] = Object.freeze([]) as unknown as GraphOptOut[];

export class FlowColumns {
  /** ids decoded so far, by row */
  private readonly ids: (string | undefined)[];

  constructor(
    readonly tables: FlowTables,
    /** the flows' ids, UTF-8, one after another: row r's is `idBytes[idOffsets[r] .. idOffsets[r + 1])` */
    private readonly idBytes: Buffer,
    private readonly idOffsets: Int32Array,
    /** FLOW_COLUMNS indexes per row, into `tables` */
    readonly columns: Int32Array,
    readonly levels: Uint8Array,
    readonly bases: Uint8Array,
    readonly ages: Int16Array,
  ) {
    this.ids = new Array<string | undefined>(levels.length);
  }

  get count(): number {
    return this.levels.length;
  }

  id(row: number): string {
    return (this.ids[row] ??= this.idBytes.toString("utf8", this.idOffsets[row], this.idOffsets[row + 1]));
  }

  /** Every row as a `SnapshotFlow`, in order. */
  flows(): GraphFlow[] {
    const flows = new Array<GraphFlow>(this.count);
    for (let r = 0; r < flows.length; r++) flows[r] = new SnapshotFlow(this, r);
    return flows;
  }
}

/** One row of `FlowColumns` as a GraphFlow (read-only). */
class SnapshotFlow implements GraphFlow {
  constructor(
    private readonly c: FlowColumns,
    private readonly r: number,
  ) {}
  get id(): string {
    return this.c.id(this.r);
  }
  get from(): string {
    return this.c.tables.names[this.c.columns[this.r * FLOW_COLUMNS + FROM]];
  }
  get to(): string {
    return this.c.tables.names[this.c.columns[this.r * FLOW_COLUMNS + TO]];
  }
  get fieldIds(): string[] {
    return this.c.tables.fieldLists[this.c.columns[this.r * FLOW_COLUMNS + FIELDS]];
  }
  get fieldInclusion(): Readonly<Record<string, "OPTIONAL" | "POSSIBLE">> | null {
    const n = this.c.columns[this.r * FLOW_COLUMNS + INCLUSION];
    return n === -1 ? null : this.c.tables.inclusions[n];
  }
  get level(): Level {
    return this.c.tables.levels[this.c.levels[this.r]];
  }
  get basis(): Basis {
    return this.c.tables.bases[this.c.bases[this.r]];
  }
  get minimumAge(): number | null {
    const age = this.c.ages[this.r];
    return age === NO_AGE ? null : age;
  }
  get validFrom(): string | null {
    const n = this.c.columns[this.r * FLOW_COLUMNS + VALID_FROM];
    return n === -1 ? null : this.c.tables.names[n];
  }
  get validTo(): string | null {
    const n = this.c.columns[this.r * FLOW_COLUMNS + VALID_TO];
    return n === -1 ? null : this.c.tables.names[n];
  }
  get optOuts(): GraphOptOut[] {
    const n = this.c.columns[this.r * FLOW_COLUMNS + OPT_OUTS];
    return n === -1 ? NO_OPT_OUTS : this.c.tables.optOutLists[n];
  }
  get scope(): FlowScope | null {
    const n = this.c.columns[this.r * FLOW_COLUMNS + SCOPE];
    return n === -1 ? null : this.c.tables.scopes[n];
  }
  /** The flow as a plain object (for JSON, and for printing: not the columns it reads). */
  toJSON(): GraphFlow {
    return copyFlow(this, {});
  }
}

/**
 * Why the columns cannot be believed (an index outside its table, offsets out of order, columns
 * of different lengths), or null when every getter will find what it points to.
 */
export function checkFlowColumns(tables: FlowTables, idBytes: Buffer, idOffsets: Int32Array, columns: Int32Array, levels: Uint8Array, bases: Uint8Array, ages: Int16Array): string | null {
  const count = levels.length;
  if (columns.length !== count * FLOW_COLUMNS || bases.length !== count || ages.length !== count || idOffsets.length !== count + 1) return "the flow columns differ in length";
  if (idOffsets[0] !== 0 || idOffsets[count] !== idBytes.byteLength) return "the flow ids are damaged";
  for (let r = 0; r < count; r++) if (idOffsets[r + 1] < idOffsets[r]) return "the flow ids are damaged";
  const names = tables.names.length;
  const lists = tables.fieldLists.length;
  const inclusions = tables.inclusions.length;
  const optOuts = tables.optOutLists.length;
  const scopes = tables.scopes.length;
  // An index fits when 0 <= n < size: as unsigned, a negative one is out of range too.
  for (let c = 0; c < columns.length; c += FLOW_COLUMNS) {
    if ((columns[c + FROM] >>> 0) >= names || (columns[c + TO] >>> 0) >= names || (columns[c + FIELDS] >>> 0) >= lists) return "an index points outside its table";
    if ((columns[c + INCLUSION] + 1) >>> 0 > inclusions || (columns[c + VALID_FROM] + 1) >>> 0 > names || (columns[c + VALID_TO] + 1) >>> 0 > names) return "an index points outside its table";
    if ((columns[c + OPT_OUTS] + 1) >>> 0 > optOuts || (columns[c + SCOPE] + 1) >>> 0 > scopes) return "an index points outside its table";
  }
  for (let r = 0; r < count; r++) if (levels[r] >= tables.levels.length || bases[r] >= tables.bases.length) return "an index points outside its table";
  return null;
}
