import { finishedReach, REACH_SEARCHES_KEPT } from "../../server/graph/reach-pages";
import { searchReachOf } from "../../server/graph/reach";
import { FIELDS, flow, graphOf, DIAMOND_FLOWS } from "./fixtures";

/** A diamond with a cycle back to the start: A->B->D, A->C->D, D->A, D->E->B. */
const flows = [...DIAMOND_FLOWS];
const diamond = graphOf(flows, FIELDS);

describe("finishedReach", () => {
  it("answers exactly as a fresh search does, in both directions", () => {
    for (const [start, direction] of [["A", "downstream"], ["D", "upstream"], ["B", "upstream"]] as const) {
      for (const filters of [{}, { field: "identity" }, { maxHops: 1 }, { basis: "STATED" as const }]) {
        const fresh = searchReachOf(diamond, start, filters, direction);
        const kept = finishedReach(diamond, start, filters, direction).search;
        expect(kept.reached).toEqual(fresh.reached);
        expect(kept.truncated).toBe(fresh.truncated);
        expect(kept.reached.map((_, i) => kept.evidence(i))).toEqual(fresh.reached.map((_, i) => fresh.evidence(i)));
      }
    }
  });

  it("searches once per question and snapshot: the next page reuses the finished search", () => {
    const first = finishedReach(diamond, "A", { field: "name" }, "downstream");
    expect(finishedReach(diamond, "A", { field: "name" }, "downstream")).toBe(first);
    // The same question spelt differently (defaults given, opt-outs in another order) is the same question.
    expect(finishedReach(diamond, "A", { field: "name", maxHops: 6, optOuts: [] }, "downstream")).toBe(first);
    expect(finishedReach(diamond, "A", { field: "upn" }, "downstream")).not.toBe(first);
    expect(finishedReach(diamond, "A", { field: "name" }, "upstream")).not.toBe(first);
  });

  it("searches again on a new snapshot (the register changed), with the same fingerprints if the answer did not change", () => {
    const before = finishedReach(diamond, "A", {}, "downstream");
    const same = finishedReach(graphOf(flows, FIELDS), "A", {}, "downstream");
    expect(same).not.toBe(before);
    expect(same.question).toBe(before.question);
    expect(same.answer()).toBe(before.answer());
    const changed = finishedReach(graphOf([...flows, flow("ef", "E", "F")], FIELDS), "A", {}, "downstream");
    expect(changed.question).toBe(before.question);
    expect(changed.answer()).not.toBe(before.answer());
  });

  it("tells questions apart by fingerprint", () => {
    const questions = [
      finishedReach(diamond, "A", {}, "downstream"),
      finishedReach(diamond, "A", {}, "upstream"),
      finishedReach(diamond, "B", {}, "downstream"),
      finishedReach(diamond, "A", { maxHops: 2 }, "downstream"),
      finishedReach(diamond, "A", { pupilAge: 10 }, "downstream"),
      finishedReach(diamond, "A", { asOf: "2020-01-01" }, "downstream"),
      finishedReach(diamond, "A", { identifiableOnly: true }, "downstream"),
      finishedReach(diamond, "A", { basis: "STATED" }, "downstream"),
    ];
    expect(new Set(questions.map((q) => q.question)).size).toBe(questions.length);
    for (const q of questions) expect(q.question).toMatch(/^[A-Za-z0-9_-]{8,}$/);
  });

  it(`keeps at most ${REACH_SEARCHES_KEPT} finished searches per snapshot, the least recently used dropped first`, () => {
    const graph = graphOf(flows, FIELDS);
    const kept = finishedReach(graph, "A", {}, "downstream");
    for (let age = 0; age < REACH_SEARCHES_KEPT * 2; age++) {
      finishedReach(graph, "A", { pupilAge: age }, "downstream");
      // Asked again each time, so it stays among the most recently used.
      expect(finishedReach(graph, "A", {}, "downstream")).toBe(kept);
    }
    const oldest = finishedReach(graph, "A", { pupilAge: 0 }, "downstream");
    expect(finishedReach(graph, "A", { pupilAge: 0 }, "downstream")).toBe(oldest);
    for (let age = 100; age < 100 + REACH_SEARCHES_KEPT; age++) finishedReach(graph, "A", { pupilAge: age }, "downstream");
    expect(finishedReach(graph, "A", { pupilAge: 0 }, "downstream")).not.toBe(oldest);
  });

  it("refuses maxHops out of range with RangeError, as the search does", () => {
    expect(() => finishedReach(diamond, "A", { maxHops: 0 }, "downstream")).toThrow(RangeError);
  });
});
