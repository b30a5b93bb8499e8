import { HeaderMap, type ApolloServer } from "@apollo/server";
import { addTypenameToDocument } from "@apollo/client/utilities";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { parse, print } from "graphql";
import type { DataSource } from "typeorm";
import { REGISTER_QUERY } from "../../client/src/api/queries";
import type { Context } from "../context";
import { readRegisterStamp } from "../db/change-feed";
import { QUERY_LIMITS } from "../limits/query-limits";
import { onlyClientLibrary } from "./graphql-body";

/**
 * The map's register question, as printed from its parsed form (spacing and comments do not
 * count): as written, and as Apollo Client sends it (with __typename in every selection).
 */
const MAP_REGISTER = new Set([print(REGISTER_QUERY), print(addTypenameToDocument(REGISTER_QUERY))]);

/** Answers larger than this are not kept: a national register's would hold tens of megabytes. */
export const REGISTER_ANSWER_MAX_BYTES = 16 * 1024 * 1024;

/** Apollo's HTTP answer: status, body and headers. */
interface Answer {
  status: number;
  body: string;
  headers: [string, string][];
}

function send(res: Response, answer: Answer): void {
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  res.status(answer.status).send(answer.body);
}

export interface RegisterAnswerCache {
  handler: RequestHandler;
  /** answers sent from the kept copy, and answers computed (for tests) */
  readonly hits: number;
  readonly misses: number;
}

/** Longer than this, a body cannot be the map's question respaced: it is left to Apollo unparsed. */
const MAX_QUERY_LENGTH = Math.max(...[...MAP_REGISTER].map((q) => q.length)) * 2 + 200;

/**
 * Whether a request body asks exactly the map's register question, as Apollo would take it: no
 * operation name but "Register", no variables, no extension but the client library's (cheap
 * checks first; a body too long
 * to be it is never parsed here, so Apollo's token limit still guards every other one).
 */
function asksMapRegister(body: unknown): body is { query: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const { query, variables, operationName, extensions } = body as Record<string, unknown>;
  if (typeof query !== "string" || query.length > MAX_QUERY_LENGTH || !query.includes("Register")) return false;
  if (operationName !== undefined && operationName !== null && operationName !== "Register") return false;
  if (!onlyClientLibrary(extensions)) return false;
  const noVariables = variables === undefined || variables === null || (typeof variables === "object" && !Array.isArray(variables) && Object.keys(variables).length === 0);
  if (!noVariables) return false;
  try {
    return MAP_REGISTER.has(print(parse(query, { maxTokens: QUERY_LIMITS.tokens })));
  } catch {
    return false; // Apollo answers a document that does not parse
  }
}

/**
 * Every map load asks the whole register (client REGISTER_QUERY): about 1 MB for bench:client's
 * national view, 300 ms of the server's time alone and 600-900 ms while the reach question
 * competes for the same thread. The answer changes only when the register does, and migration 003
 * keeps a stamp that every change to a register table renews (by trigger, so psql and sqlite3
 * writers count too). So the latest answer is kept with the stamp read before it was computed and
 * sent again while the stamp is unchanged.
 *
 * Why a stale answer is never sent: the stamp is read before the answer, so a kept answer was
 * computed at or after its stamp's state; a request that then reads the same stamp comes before
 * any later change. (A change committed in between leaves a newer answer under the older stamp,
 * which no later request reads again: stamps are never reused.) Requests that read a stamp while
 * its answer is being computed wait for that answer: no change was committed between the start of
 * that computation and their own reading of the same stamp, so it is no older than they are.
 *
 * The answer is Apollo's own HTTP body (its pipeline, limits and serialiser ran), kept only when
 * it is a 200 carrying data and no errors. Any other question goes to Apollo untouched.
 */
export function registerAnswerCache(apollo: ApolloServer<Context>, dataSource: DataSource, contextFor: (authorization?: string) => Context): RegisterAnswerCache {
  // Kept with the Accept header it was negotiated for (Apollo answers application/json or
  // application/graphql-response+json, or 406, by what the request accepts).
  let kept: (Answer & { stamp: string; accept: string }) | null = null;
  // The answers being computed, by stamp and Accept header: requests that arrive meanwhile (every
  // visitor's map after a start or a change) wait for it rather than each computing it again.
  const computing = new Map<string, Promise<Answer | null>>();
  const counts = { hits: 0, misses: 0 };

  const compute = async (req: Request): Promise<Answer | "streamed"> => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: "POST", headers, search: "", body: req.body },
      context: async () => contextFor(req.headers.authorization),
    });
    if (response.body.kind !== "complete") return "streamed";
    return { status: response.status ?? 200, body: response.body.string, headers: [...response.headers] };
  };

  const handler = async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "POST" || !asksMapRegister(req.body)) return next();
    try {
      const stamp = await readRegisterStamp(dataSource);
      const accept = String(req.headers.accept ?? "");
      if (kept?.stamp === stamp && kept.accept === accept) {
        counts.hits++;
        return send(res, kept);
      }
      const key = `${stamp}\n${accept}`;
      const shared = computing.get(key);
      if (shared) {
        const answer = await shared;
        if (answer) {
          counts.hits++;
          return send(res, answer);
        }
        // It could not be kept (an error, say): this request gets Apollo's own answer.
      }
      counts.misses++;
      const computation = compute(req);
      // Apollo writes "errors" before "data": an answer that starts with data has no errors.
      const keepable = computation.then(
        (answer) => (answer !== "streamed" && answer.status === 200 && answer.body.startsWith('{"data"') && answer.body.length <= REGISTER_ANSWER_MAX_BYTES ? answer : null),
        () => null,
      );
      if (!shared) {
        computing.set(key, keepable);
        void keepable.then(() => {
          if (computing.get(key) === keepable) computing.delete(key);
        });
      }
      const answer = await computation;
      if (answer === "streamed") return next();
      if (await keepable) kept = { ...answer, stamp, accept };
      send(res, answer);
    } catch (error) {
      next(error);
    }
  };
  return {
    handler,
    get hits() {
      return counts.hits;
    },
    get misses() {
      return counts.misses;
    },
  };
}
