import { askEarly, takeEarly } from "../../client/src/api/early-questions";
import { REACH, REGISTER, type Question } from "../../client/src/api/map-questions";

// The first view's questions are asked as the page's script starts; the hook that needs an answer
// takes it from there instead of asking the server again.

const EMPTY = { organisations: [], fields: [], flows: [], optOuts: [] };

/** A stand-in for the transport that counts what it was asked and answers at once. */
function countingAsk() {
  const asked: string[] = [];
  const ask = <T, V extends object>(question: Question<T, V>, variables: V): Promise<T> => {
    asked.push(`${question.name} ${JSON.stringify(variables)}`);
    return Promise.resolve(EMPTY as T);
  };
  return { ask, asked };
}

describe("questions asked early", () => {
  it("hands the early answer to the first taker, even after it has arrived, without asking again", async () => {
    const { ask, asked } = countingAsk();
    askEarly(REGISTER, {}, ask);
    expect(asked).toEqual(["Register {}"]);
    await new Promise((resolve) => setTimeout(resolve, 10)); // answered before anyone takes it
    const taken = takeEarly(REGISTER, "{}");
    expect(taken).toBeDefined();
    expect(await taken!).toEqual(EMPTY);
    expect(asked).toEqual(["Register {}"]);
  });

  it("is forgotten once taken and settled, so the same question asked later goes to the server", async () => {
    askEarly(REGISTER, {}, countingAsk().ask);
    const first = takeEarly(REGISTER, "{}");
    // Taken twice at once (React runs an effect twice in development): the same answer.
    expect(takeEarly(REGISTER, "{}")).toBe(first);
    await first;
    await Promise.resolve();
    expect(takeEarly(REGISTER, "{}")).toBeUndefined();
  });

  it("is found only for the same question and variables", () => {
    askEarly(REGISTER, { a: 1 } as never, countingAsk().ask);
    expect(takeEarly(REGISTER, "{}")).toBeUndefined();
    expect(takeEarly(REACH, JSON.stringify({ a: 1 }))).toBeUndefined();
    expect(takeEarly(REGISTER, JSON.stringify({ a: 1 }))).toBeDefined();
  });

  it("asks a question once while it is on its way, and again once it has been taken and settled", async () => {
    const { ask, asked } = countingAsk();
    askEarly(REACH, { from: "x" } as never, ask);
    askEarly(REACH, { from: "x" } as never, ask);
    expect(asked).toEqual(['Reach {"from":"x"}']);
    await takeEarly(REACH, JSON.stringify({ from: "x" }));
    await Promise.resolve();
    askEarly(REACH, { from: "x" } as never, ask);
    expect(asked).toEqual(['Reach {"from":"x"}', 'Reach {"from":"x"}']);
  });
});
