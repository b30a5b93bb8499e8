/**
 * The rows an import writes, in the order it writes them: a flow's fields in the primary key's
 * order, so that SQLite appends to the key's index instead of seeking (a speed matter only: every
 * read orders by field id).
 */
import { byFieldId, REGISTER_TABLE_ROWS } from "../../server/register/rows";
import type { RegisterContent } from "../../server/register/validate";

const flowFieldRows = REGISTER_TABLE_ROWS.find((t) => t.table === "flow_field")!;

describe("an import's flow field rows", () => {
  it("come in (flowId, fieldId) order whatever order the notice lists the fields in", () => {
    const flows = [
      { id: "a-1", fields: [{ field: "upn", inclusion: "INCLUDED" }, { field: "date-of-birth", inclusion: "OPTIONAL" }, { field: "ethnicity", inclusion: "INCLUDED" }] },
      { id: "a-2", fields: [{ field: "gender", inclusion: "POSSIBLE" }] },
    ];
    const rows = [...flowFieldRows.rows({ flows } as unknown as RegisterContent)];
    expect(rows).toEqual([
      ["a-1", "date-of-birth", "OPTIONAL"],
      ["a-1", "ethnicity", "INCLUDED"],
      ["a-1", "upn", "INCLUDED"],
      ["a-2", "gender", "POSSIBLE"],
    ]);
    // the notice's own list is left as it was
    expect(flows[0].fields.map((f) => f.field)).toEqual(["upn", "date-of-birth", "ethnicity"]);
  });

  it("copies a flow's fields only when they are out of order", () => {
    const sorted = [{ field: "a" }, { field: "b" }];
    expect(byFieldId(sorted)).toBe(sorted);
    expect(byFieldId([{ field: "b" }, { field: "a" }]).map((f) => f.field)).toEqual(["a", "b"]);
    expect(byFieldId([])).toEqual([]);
  });
});
