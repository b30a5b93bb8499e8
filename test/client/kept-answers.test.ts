import { KeptAnswers } from "../../client/src/api/use-kept-answer";

describe("the reach answers the map keeps", () => {
  it("keeps the newest answers up to its limit and forgets the least recently read first", () => {
    const kept = new KeptAnswers<string>(2);
    kept.set("a", "A");
    kept.set("b", "B");
    expect(kept.get("a")).toBe("A"); // now "b" is the least recently read
    kept.set("c", "C");
    expect(kept.size).toBe(2);
    expect(kept.get("b")).toBeUndefined();
    expect(kept.get("a")).toBe("A");
    expect(kept.get("c")).toBe("C");
  });

  it("replaces an answer given again for the same question without growing", () => {
    const kept = new KeptAnswers<number>(3);
    kept.set("q", 1);
    kept.set("q", 2);
    expect(kept.size).toBe(1);
    expect(kept.get("q")).toBe(2);
  });
});
