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
