import { decodeRows, encodeRows, LazyRowMap } from "../../server/snapshot/lazy-rows";

const rows = [
  { id: "a", name: "Alpha", aliases: ["α"] },
  { id: "b", name: "Beta", aliases: [] },
  { id: "c", name: "Gamma", aliases: ["γ", "g"] },
];

function table(of: object[] = rows) {
  const names: string[] = [];
  const encoded = encodeRows(of, (id) => names.push(id) - 1);
  return decodeRows(Array.from(encoded.ids, (n) => names[n]), encoded.bytes, encoded.offsets, encoded.crc);
}

describe("organisation rows parsed when first asked for (LazyRowMap)", () => {
  it("acts as a Map of the rows, making each value once", () => {
    let made = 0;
    const map = new LazyRowMap(table(), (row) => ({ ...(row as { id: string; name: string }), made: ++made }));
    expect(map.size).toBe(3);
    expect(map.has("b")).toBe(true);
    expect(map.has("z")).toBe(false);
    expect(map.get("z")).toBeUndefined();
    expect(made).toBe(0);
    expect(map.get("c")).toEqual({ ...rows[2], made: 1 });
    expect(map.get("c")).toBe(map.get("c"));
    expect([...map.keys()]).toEqual(["a", "b", "c"]);
    expect(made).toBe(1);
    expect([...map.values()].map((v) => v.name)).toEqual(["Alpha", "Beta", "Gamma"]);
    expect([...map].map(([id, v]) => [id, v.made])).toEqual([["a", 2], ["b", 3], ["c", 1]]);
    expect(new Map(map)).toEqual(new Map(rows.map((r, i) => [r.id, { ...r, made: [2, 3, 1][i] }])));
  });

  it("makes every value in the background when warmed", async () => {
    let made = 0;
    const map = new LazyRowMap(table(), (row) => ({ ...(row as { id: string; name: string }), made: ++made }));
    const b = map.get("b");
    await map.warm(2);
    expect(made).toBe(3);
    expect(map.get("b")).toBe(b);
  });

  it("refuses rows whose offsets, ids or bytes are damaged", () => {
    const names = ["a", "b"];
    const encoded = encodeRows(rows.slice(0, 2), (id) => names.indexOf(id));
    const ids = Array.from(encoded.ids, (n) => names[n]);
    expect(() => decodeRows(ids, encoded.bytes, encoded.offsets.map((o, i) => (i === 1 ? encoded.bytes.length + 1 : o)), encoded.crc)).toThrow("the rows are damaged");
    expect(() => decodeRows(["a", "a"], encoded.bytes, encoded.offsets, encoded.crc)).toThrow("two rows have one id");
    const changed = Buffer.from(encoded.bytes);
    changed.write("X", changed.indexOf("Beta"));
    expect(() => decodeRows(ids, changed, encoded.offsets, encoded.crc)).toThrow("the rows are damaged");
    // Without a CRC (a Node without zlib.crc32 wrote it), every row is parsed and checked instead.
    expect(() => decodeRows(ids, changed, encoded.offsets, null)).not.toThrow();
    const broken = Buffer.from(encoded.bytes);
    broken.write("x", broken.indexOf("Beta") - 1);
    expect(() => decodeRows(ids, broken, encoded.offsets, null)).toThrow();
    expect(() => decodeRows(["b", "a"], encoded.bytes, encoded.offsets, null)).toThrow("the snapshot's row b is damaged");
  });
});
