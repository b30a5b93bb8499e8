import { RegisterHttpError, RegisterRefusal, type AnswerError } from "./transport";

/** A problem put in words for the page: what happened and what to do. */
export interface Problem {
  title: string;
  detail: string;
}

/** Says how to start the register, for when it does not answer. */
export const START_HINT =
  "Start it from the project folder with `npm start` (it serves this map at http://localhost:4000/), then reload this page.";

/*
 * Errors come from the map's own questions (transport.ts) or from Apollo Client's (the details
 * panels). Apollo's are recognised by name, not by importing its classes: the map's first view
 * loads no Apollo Client.
 */
const isNamed = (error: unknown, name: string): error is Error => error instanceof Error && error.name === name;

/** The GraphQL errors an answer carried, from either client; null when the failure was not the register refusing. */
export function refusalErrors(error: unknown): readonly AnswerError[] | null {
  if (error instanceof RegisterRefusal) return error.errors;
  if (isNamed(error, "CombinedGraphQLErrors")) return (error as Error & { errors: readonly AnswerError[] }).errors;
  return null;
}

/** The HTTP status of a server error from either client, or null. */
function httpStatus(error: unknown): number | null {
  if (error instanceof RegisterHttpError) return error.statusCode;
  if (isNamed(error, "ServerError")) return (error as Error & { statusCode: number }).statusCode;
  return null;
}

/** Turns whatever a request failed with into words; never a stack trace. */
export function describeError(error: unknown): Problem {
  const refused = refusalErrors(error);
  if (refused) {
    const first = refused[0];
    const code = (first?.extensions?.code as string | undefined) ?? "ERROR";
    return { title: code === "NOT_FOUND" ? "Not found in the register" : "The register refused the question", detail: first?.message ?? (error as Error).message };
  }
  const status = httpStatus(error);
  if (status !== null && status > 0 && status < 500) {
    return { title: `The register answered ${status}`, detail: (error as Error).message };
  }
  if (status !== null || isNamed(error, "ServerParseError") || (error instanceof Error && /fetch|network|load failed/i.test(error.message))) {
    return { title: "The register's server is not answering", detail: `The map could not reach the register at /graphql. ${START_HINT}` };
  }
  return { title: "Something went wrong", detail: error instanceof Error ? error.message : String(error) };
}
