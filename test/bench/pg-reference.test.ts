import { carriedFields } from "../../bench/pg-reference";

// The PostgreSQL baseline must ask the question Onward answers: a flow carries a field when it
// lists the field, a narrower one, or an umbrella above it (never a sibling).

describe("the PostgreSQL baseline's carried fields", () => {
  const narrowerOf = new Map([
    ["characteristics", ["ethnicity", "language"]],
    ["ethnicity", ["ethnicity-minor"]],
    ["census", ["characteristics"]],
  ]);

  it("are the field, every field under it and every umbrella above it", () => {
    expect(carriedFields("ethnicity", narrowerOf)).toEqual(["census", "characteristics", "ethnicity", "ethnicity-minor"]);
  });

  it("leave out siblings and fields of other branches", () => {
    expect(carriedFields("language", narrowerOf)).toEqual(["census", "characteristics", "language"]);
  });

  it("are the field alone when the tree does not name it", () => {
    expect(carriedFields("shoe-size", narrowerOf)).toEqual(["shoe-size"]);
  });
});
