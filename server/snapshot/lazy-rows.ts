import zlib from "node:zlib";

/**
 * Rows kept as their JSON, one after another, each parsed the first time it is asked for.
 *
 * Why: a national register's organisation rows are 12.5 MB of JSON (28,000 rows with their
 * aliases and the bases for them); parsing them all took about a fifth of a start's second, and
 * most questions name a few of them. A question that names every school (`sources(to: "npd")`)
 * parses them then, once.
 */
export class JsonRows {
  constructor(
    /** each row's id, in order */
    readonly ids: readonly string[],
    /** row r is `bytes[offsets[r] .. offsets[r + 1])` */
    private readonly bytes: Buffer,
    private readonly offsets: Int32Array,
  ) {}

  /** Why the rows cannot be believed, or null. */
  static check(ids: readonly string[], bytes: Buffer, offsets: Int32Array): string | null {
    if (offsets.length !== ids.length + 1 || offsets[0] !== 0 || offsets[ids.length] !== bytes.byteLength) return "the rows are damaged";
    for (let r = 0; r < ids.length; r++) if (offsets[r + 1] <= offsets[r]) return "the rows are damaged";
    if (new Set(ids).size !== ids.length) return "two rows have one id";
    return null;
  }

  /** Row r parsed (a new object at each call). Throws on a row that is not JSON of an object with its id. */
  parse(row: number): object {
    const value = JSON.parse(this.bytes.toString("utf8", this.offsets[row], this.offsets[row + 1])) as { id?: unknown } | null;
    if (typeof value !== "object" || value === null || value.id !== this.ids[row]) throw new Error(`the snapshot's row ${this.ids[row]} is damaged`);
    return value;
  }
}

/** Rows parsed between two turns of the event loop by `LazyRowMap.warm` (about 5 ms of work). */
const WARM_ROWS_PER_SLICE = 500;

/**
 * A read-only map by id over `JsonRows`, each value made by `make` from its parsed row on first
 * access and then kept (so `get` gives the same object each time, as a Map does).
 */
export class LazyRowMap<V> implements ReadonlyMap<string, V> {
  private readonly rowOf: Map<string, number>;
  private readonly made: (V | undefined)[];

  constructor(
    private readonly rows: JsonRows,
    private readonly make: (row: object) => V,
  ) {
    this.rowOf = new Map(rows.ids.map((id, r) => [id, r]));
    this.made = new Array<V | undefined>(rows.ids.length);
  }

  get size(): number {
    return this.rows.ids.length;
  }

  has(id: string): boolean {
    return this.rowOf.has(id);
  }

  get(id: string): V | undefined {
    const row = this.rowOf.get(id);
    return row === undefined ? undefined : this.at(row);
  }

  private at(row: number): V {
    return (this.made[row] ??= this.make(this.rows.parse(row)));
  }

  /**
   * Makes every value not yet made, `perSlice` rows at a time between turns of the event loop, so
   * a question arriving meanwhile waits for one slice at most (and makes what it needs itself).
   * A server calls it once the snapshot is loaded: the first question naming every school then
   * finds the rows parsed, unless it came within the few hundred ms this takes.
   */
  async warm(perSlice = WARM_ROWS_PER_SLICE): Promise<void> {
    for (let start = 0; start < this.made.length; start += perSlice) {
      await new Promise((resolve) => setImmediate(resolve));
      for (let r = start; r < Math.min(start + perSlice, this.made.length); r++) this.at(r);
    }
  }

  *entries(): MapIterator<[string, V]> {
    for (let r = 0; r < this.rows.ids.length; r++) yield [this.rows.ids[r], this.at(r)];
  }

  *keys(): MapIterator<string> {
    yield* this.rows.ids;
  }

  *values(): MapIterator<V> {
    for (let r = 0; r < this.rows.ids.length; r++) yield this.at(r);
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}

/** CRC-32 where this Node has it (20.15 and later), else null. */
const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32 ?? null;

/** Rows (each with a string `id`) as the blocks `decodeRows` reads: ids as `nameOf`'s numbers, offsets, the JSON one after another, and its CRC-32. */
export function encodeRows(rows: readonly object[], nameOf: (id: string) => number): { ids: Int32Array; offsets: Int32Array; bytes: Buffer; crc: number | null } {
  const ids = new Int32Array(rows.length);
  const offsets = new Int32Array(rows.length + 1);
  const texts = rows.map((row, r) => {
    const id = (row as { id?: unknown }).id;
    if (typeof id !== "string") throw new Error("a row has no string id");
    ids[r] = nameOf(id);
    const text = JSON.stringify(row);
    offsets[r + 1] = offsets[r] + Buffer.byteLength(text, "utf8");
    return text;
  });
  const bytes = Buffer.from(texts.join(""), "utf8");
  return { ids, offsets, bytes, crc: crc32 ? crc32(bytes) : null };
}

/**
 * The rows `encodeRows` wrote, checked whole: by their CRC-32 (a few milliseconds for 12.5 MB),
 * or, where this Node or the writer's had none, by parsing every row once. Throws when damaged.
 */
export function decodeRows(ids: readonly string[], bytes: Buffer, offsets: Int32Array, crc: number | null): JsonRows {
  const damage = JsonRows.check(ids, bytes, offsets);
  if (damage) throw new Error(damage);
  const rows = new JsonRows(ids, bytes, offsets);
  if (crc !== null && crc32) {
    if (crc32(bytes) !== crc) throw new Error("the rows are damaged");
  } else {
    for (let r = 0; r < ids.length; r++) rows.parse(r);
  }
  return rows;
}
