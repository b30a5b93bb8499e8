import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";

/** The client's Apollo Client: same-origin /graphql, flows and organisations cached by id. */
export function createApolloClient(uri = "/graphql"): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri }),
    cache: new InMemoryCache({
      typePolicies: {
        // Queries ask for different parts of a flow's lists; the newest answer replaces the old.
        Flow: { fields: { fields: { merge: false }, citations: { merge: false }, optOuts: { merge: false } } },
        Organisation: { fields: { incoming: { merge: false }, outgoing: { merge: false } } },
      },
    }),
  });
}

let shared: ApolloClient | null = null;

/**
 * The page's one Apollo Client, made when a details panel first needs it: the panels' queries use
 * its normalised cache (an organisation or flow opened twice is asked once), and the script that
 * holds it loads with them rather than before the map is drawn.
 */
export function pageApolloClient(): ApolloClient {
  shared ??= createApolloClient();
  return shared;
}
