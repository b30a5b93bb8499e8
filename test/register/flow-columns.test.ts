import { copyFlow } from "../../server/graph/flow-copy";
import type { GraphFlow } from "../../server/graph/types";
import { checkFlowColumns, FLOW_COLUMNS, FlowColumns, type FlowTables, NO_AGE } from "../../server/snapshot/flow-columns";

const tables: FlowTables = {
  names: ["a", "b", "2020-01-01"],
  fieldLists: [["f"], ["f", "g"]],
  inclusions: [{ g: "OPTIONAL" }],
  optOutLists: [[{ id: "o", remainingFieldIds: [] }]],
  scopes: [{ kind: "AREA", area: "b" }],
  levels: ["INDIVIDUAL", "AGGREGATE"],
  bases: ["STATED", "INFERRED"],
};

/** Two flows: a plain one, and one with every column set. */
function columns() {
  const ids = ["a-b", "b-a-é"];
  const idBytes = Buffer.from(ids.join(""), "utf8");
  const idOffsets = Int32Array.from([0, 3, idBytes.byteLength]);
  const flows = Int32Array.from([0, 1, 0, -1, -1, -1, -1, -1, 1, 0, 1, 0, 2, 2, 0, 0]);
  return { idBytes, idOffsets, flows, levels: Uint8Array.from([0, 1]), bases: Uint8Array.from([0, 1]), ages: Int16Array.from([NO_AGE, 13]) };
}

describe("a snapshot's flows read from its columns", () => {
  it("give every property as the plain flow has it, and copy whole", () => {
    const c = columns();
    expect(checkFlowColumns(tables, c.idBytes, c.idOffsets, c.flows, c.levels, c.bases, c.ages)).toBeNull();
    const [first, second] = new FlowColumns(tables, c.idBytes, c.idOffsets, c.flows, c.levels, c.bases, c.ages).flows();
    const expected: GraphFlow[] = [
      { id: "a-b", from: "a", to: "b", fieldIds: ["f"], fieldInclusion: null, level: "INDIVIDUAL", basis: "STATED", minimumAge: null, validFrom: null, validTo: null, optOuts: [], scope: null },
      { id: "b-a-é", from: "b", to: "a", fieldIds: ["f", "g"], fieldInclusion: { g: "OPTIONAL" }, level: "AGGREGATE", basis: "INFERRED", minimumAge: 13, validFrom: "2020-01-01", validTo: "2020-01-01", optOuts: [{ id: "o", remainingFieldIds: [] }], scope: { kind: "AREA", area: "b" } },
    ];
    expect([copyFlow(first, {}), copyFlow(second, {})]).toEqual(expected);
    expect(JSON.parse(JSON.stringify([first, second]))).toEqual(expected);
    // A copy names every key: a spread would copy none of the getters.
    expect(copyFlow(second, { from: "a", inheritedFrom: "b" })).toEqual({ ...expected[1], from: "a", inheritedFrom: "b" });
    expect(first.id).toBe(first.id);
  });

  it("are not believed when an index points outside its table or the ids' offsets are out of order", () => {
    const check = (change: (c: ReturnType<typeof columns>) => void) => {
      const c = columns();
      change(c);
      return checkFlowColumns(tables, c.idBytes, c.idOffsets, c.flows, c.levels, c.bases, c.ages);
    };
    for (let column = 0; column < FLOW_COLUMNS; column++) {
      // Every column of the second flow, one past its table, then below -1 (and -1 where null is not allowed).
      const size = [3, 3, 2, 1, 3, 3, 1, 1][column];
      expect(check((c) => (c.flows[FLOW_COLUMNS + column] = size))).toBe("an index points outside its table");
      expect(check((c) => (c.flows[FLOW_COLUMNS + column] = -2))).toBe("an index points outside its table");
      expect(check((c) => (c.flows[column] = -1))).toBe(column <= 2 ? "an index points outside its table" : null);
    }
    expect(check((c) => (c.levels[1] = 2))).toBe("an index points outside its table");
    expect(check((c) => (c.bases[0] = 2))).toBe("an index points outside its table");
    expect(check((c) => (c.idOffsets[1] = 10))).toBe("the flow ids are damaged");
    expect(check((c) => (c.idOffsets[2] = 4))).toBe("the flow ids are damaged");
    expect(check((c) => (c.ages = c.ages.subarray(1)))).toBe("the flow columns differ in length");
  });
});
