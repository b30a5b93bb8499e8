import type { Question } from "./map-questions";

/*
 * The map's own questions over plain `fetch`: a POST of the question's text and variables, as
 * any script would send it. The first view needs nothing more, and Apollo Client (with rxjs and
 * graphql-js) is then loaded only by the panels that use its cache (see map-questions.ts).
 */

/** A GraphQL error as the register words it: a message, and a code in `extensions`. */
export interface AnswerError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** The register answered the question with errors (NOT_FOUND, BAD_USER_INPUT...). */
export class RegisterRefusal extends Error {
  constructor(readonly errors: readonly AnswerError[]) {
    super(errors.map((e) => e.message).join("; ") || "The register refused the question.");
    this.name = "RegisterRefusal";
  }
}

/** The register's server answered with an HTTP error or something that is not GraphQL's JSON, or did not answer (status 0). */
export class RegisterHttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = "RegisterHttpError";
  }
}

/** What the register's GraphQL endpoint is asked with: GraphQL's own media type first, as Apollo Client asks. */
const ACCEPT = "application/graphql-response+json,application/json;q=0.9";

/**
 * Asks `question` with `variables` at `uri` (the page's own /graphql by default) and resolves to
 * the answer's data; rejects with RegisterRefusal when the answer carries errors, and with
 * RegisterHttpError when the server did not answer in GraphQL's shape.
 */
export async function askRegister<T, V extends object>(question: Question<T, V>, variables: V, uri = "/graphql"): Promise<T> {
  let response: Response;
  try {
    response = await fetch(uri, {
      method: "POST",
      headers: { "content-type": "application/json", accept: ACCEPT },
      body: JSON.stringify({ operationName: question.name, query: question.text, variables }),
    });
  } catch {
    // Nothing answered at all (the server is not running, or the network is down): status 0.
    throw new RegisterHttpError(0, `The register could not be reached at ${uri}.`);
  }
  let body: { data?: T | null; errors?: AnswerError[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new RegisterHttpError(response.status, `The register answered ${response.status} ${response.statusText} without GraphQL's JSON.`);
  }
  if (body.errors?.length) throw new RegisterRefusal(body.errors);
  if (!response.ok || body.data == null) throw new RegisterHttpError(response.status, `The register answered ${response.status} ${response.statusText}.`);
  return body.data;
}
