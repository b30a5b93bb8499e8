import { CombinedGraphQLErrors, ServerError, ServerParseError } from "@apollo/client/errors";

/** A problem put in words for the page: what happened and what to do. */
export interface Problem {
  title: string;
  detail: string;
}

/** Says how to start the register, for when it does not answer. */
export const START_HINT =
  "Start it from the project folder with `npm start` (it serves this map at http://localhost:4000/), then reload this page.";

/** Turns whatever a request failed with into words; never a stack trace. */
export function describeError(error: unknown): Problem {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = (first?.extensions?.code as string | undefined) ?? "ERROR";
    return { title: code === "NOT_FOUND" ? "Not found in the register" : "The register refused the question", detail: first?.message ?? error.message };
  }
  if (ServerError.is(error) && error.statusCode < 500) {
    return { title: `The register answered ${error.statusCode}`, detail: error.message };
  }
  if (ServerError.is(error) || ServerParseError.is(error) || (error instanceof Error && /fetch|network|load failed/i.test(error.message))) {
    return { title: "The register's server is not answering", detail: `The map could not reach the register at /graphql. ${START_HINT}` };
  }
  return { title: "Something went wrong", detail: error instanceof Error ? error.message : String(error) };
}
