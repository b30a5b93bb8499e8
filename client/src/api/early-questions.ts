import type { ApolloClient, DocumentNode } from "@apollo/client";

/*
 * Questions asked as the page's script starts, before React has rendered anything: the first
 * view's register and reach questions are then in flight while the map's chunk downloads and
 * React renders (asked from a component's effect, they started about 250 ms later; bench:client).
 * useKeptAnswer takes the answer from here instead of asking again.
 */

type Asked = Map<DocumentNode, Map<string, Promise<ApolloClient.QueryResult<unknown>>>>;
const askedEarly = new WeakMap<ApolloClient, Asked>();

/** Asks `query` with `variables` now, outside the normalised cache, for a later `takeEarly`. */
export function askEarly(client: ApolloClient, query: DocumentNode, variables: object): void {
  let asked = askedEarly.get(client);
  if (!asked) askedEarly.set(client, (asked = new Map()));
  let byVariables = asked.get(query);
  if (!byVariables) asked.set(query, (byVariables = new Map()));
  const key = JSON.stringify(variables);
  const answer = client.query({ query, variables, fetchPolicy: "no-cache" });
  answer.catch(() => undefined); // a failure is reported to whoever takes it
  byVariables.set(key, answer);
}

/**
 * The early answer to `query` with these variables (`key` is their JSON), if one was asked. It is
 * forgotten once taken and settled, so a question asked again later goes to the server (an effect
 * that React runs twice in development still finds it the second time).
 */
export function takeEarly<T>(client: ApolloClient, query: DocumentNode, key: string): Promise<ApolloClient.QueryResult<T>> | undefined {
  const byVariables = askedEarly.get(client)?.get(query);
  const answer = byVariables?.get(key);
  if (answer === undefined) return undefined;
  const forget = () => {
    if (byVariables!.get(key) === answer) byVariables!.delete(key);
  };
  answer.then(forget, forget);
  return answer as Promise<ApolloClient.QueryResult<T>>;
}
