import { ApolloClient, ApolloLink, InMemoryCache } from "@apollo/client";
import { of } from "rxjs";
import { askEarly, takeEarly } from "../../client/src/api/early-questions";
import { REGISTER_QUERY } from "../../client/src/api/queries";

// The first view's questions are asked as the page's script starts; the hook that needs an answer
// takes it from there instead of asking the server again.

function countingClient() {
  const asked: string[] = [];
  const link = new ApolloLink((operation) => {
    asked.push(JSON.stringify(operation.variables));
    return of({ data: { organisations: [], fields: [], flows: [], optOuts: [] } });
  });
  return { client: new ApolloClient({ link, cache: new InMemoryCache() }), asked };
}

describe("questions asked early", () => {
  it("hands the early answer to the first taker, even after it has arrived, without asking again", async () => {
    const { client, asked } = countingClient();
    askEarly(client, REGISTER_QUERY, {});
    expect(asked).toEqual(["{}"]);
    await new Promise((resolve) => setTimeout(resolve, 10)); // answered before anyone takes it
    const taken = takeEarly(client, REGISTER_QUERY, "{}");
    expect(taken).toBeDefined();
    expect((await taken!).data).toEqual({ organisations: [], fields: [], flows: [], optOuts: [] });
    expect(asked).toEqual(["{}"]);
  });

  it("is forgotten once taken and settled, so the same question asked later goes to the server", async () => {
    const { client } = countingClient();
    askEarly(client, REGISTER_QUERY, {});
    const first = takeEarly(client, REGISTER_QUERY, "{}");
    // Taken twice at once (React runs an effect twice in development): the same answer.
    expect(takeEarly(client, REGISTER_QUERY, "{}")).toBe(first);
    await first;
    await Promise.resolve();
    expect(takeEarly(client, REGISTER_QUERY, "{}")).toBeUndefined();
  });

  it("is found only for the same client, question and variables", () => {
    const { client } = countingClient();
    askEarly(client, REGISTER_QUERY, { a: 1 });
    expect(takeEarly(client, REGISTER_QUERY, "{}")).toBeUndefined();
    expect(takeEarly(countingClient().client, REGISTER_QUERY, JSON.stringify({ a: 1 }))).toBeUndefined();
    expect(takeEarly(client, REGISTER_QUERY, JSON.stringify({ a: 1 }))).toBeDefined();
  });
});
