import { HeaderMap, type ApolloServer } from "@apollo/server";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { getArgumentValues, getVariableValues, type GraphQLSchema } from "graphql";
import { requestSnapshot, type Context } from "../context";
import type { WriteQueue } from "../db/write-queue";
import { searchReachOf } from "../graph";
import type { RegisterGraphStore, RegisterSnapshot } from "../graph-store";
import { isPlainObject, onlyClientLibrary } from "../http/graphql-body";
import { checkArguments } from "../limits/request-strings";
import { toChainFilters } from "../resolvers/chain-filters";
import type { ChainFilterArgs } from "../resolvers/types/args";
import { AnswerBuffers } from "./answer-buffers";
import { writeReachAnswer } from "./reach-json";
import { isWithinCost, reachShapeOf, type ReachShape } from "./reach-shape";

/** Longer than this, a query is not one of the plain questions served here (they are a few hundred characters). */
const MAX_QUERY_LENGTH = 4096;
/** Query texts remembered, recognised or not: a script repeats a handful; a flood of new texts only churns this. */
const SHAPES_KEPT = 256;
/** Accept headers whose negotiated answer is remembered (clients send a few). */
const ACCEPTS_KEPT = 32;

export interface LeanReachAnswers {
  handler: RequestHandler;
  /** requests answered here, and plain questions left to Apollo (an error to report, an unknown id...), for tests */
  readonly served: number;
  readonly passed: number;
  /** from now on every request goes to Apollo (the server is stopping, and Apollo refuses them) */
  stop(): void;
}

interface Dependencies {
  apollo: ApolloServer<Context>;
  schema: GraphQLSchema;
  graph: RegisterGraphStore;
  writes: WriteQueue;
  contextFor: (authorization?: string) => Context;
  /** the time one request may spend on chain questions, ms (the resolvers' DEADLINE_EXCEEDED) */
  chainBudgetMs: number;
}

/** Remembers up to `max` entries, forgetting the oldest first. */
function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): V {
  if (map.size >= max) map.delete(map.keys().next().value!);
  map.set(key, value);
  return value;
}

/** The query's plain shape; null for any other, or should recognising it fail in a way not foreseen (Apollo answers). */
function shapeOrNull(schema: GraphQLSchema, query: string): ReachShape | null {
  try {
    return reachShapeOf(schema, query);
  } catch {
    return null;
  }
}

/** The answer written from `snapshot`; null when Apollo should answer (it reports an error). */
function answerFrom(snapshot: RegisterSnapshot, shape: ReachShape, args: ChainFilterArgs & { from?: string; to?: string }, buffers: AnswerBuffers): Buffer | null {
  const start = args[shape.startArgument];
  if (typeof start !== "string" || !snapshot.organisations.has(start)) return null;
  if (args.field != null && !snapshot.fields.has(args.field)) return null;
  try {
    const search = searchReachOf(snapshot.graph, start, toChainFilters(args), shape.direction);
    return writeReachAnswer(shape, search.list, snapshot.organisations, (length) => buffers.take(length));
  } catch {
    return null; // an argument the algorithms refuse (BAD_USER_INPUT from Apollo), or anything unforeseen
  }
}

/**
 * Lean answers to the chain questions scripts ask most (issue 13): a `recipients` or `sources`
 * question of a plain shape (reach-shape.ts) is answered straight from the search, its JSON
 * written without a GraphQL result tree (reach-json.ts), without Apollo's per-request pipeline.
 *
 * Only answers are served here, never errors: whatever Apollo would refuse or report (a document
 * it rejects, variables of the wrong type, strings over the limits, an unknown organisation, field
 * or opt-out, an out-of-range argument, a request past its time budget, a server stopping) goes on to Apollo untouched, which
 * answers as it always has. The content type is the one Apollo negotiates for the request's Accept
 * header, learnt by asking Apollo once per header. `test/api/lean-reach.test.ts` checks that the
 * answers are byte for byte Apollo's.
 */
export function leanReachAnswers({ apollo, schema, graph, writes, contextFor, chainBudgetMs }: Dependencies): LeanReachAnswers {
  const shapes = new Map<string, ReachShape | null>();
  const headersByAccept = new Map<string, Promise<[string, string][] | null>>();
  const counts = { served: 0, passed: 0 };
  let stopped = false;
  const buffers = new AnswerBuffers();

  /** The headers Apollo gives a successful answer for this Accept header; null when it refuses it (406). */
  const answerHeaders = (accept: string): Promise<[string, string][] | null> => {
    const known = headersByAccept.get(accept);
    if (known) return known;
    const headers = new HeaderMap([["content-type", "application/json"]]);
    if (accept !== "") headers.set("accept", accept);
    const asked = apollo
      .executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: "POST", headers, search: "", body: { query: "{ __typename }" } }, context: async () => contextFor() })
      .then((response) => ((response.status ?? 200) === 200 && response.body.kind === "complete" ? [...response.headers].filter(([name]) => name !== "content-length") : null));
    // A failed question is not remembered: the next request asks again.
    asked.catch(() => headersByAccept.delete(accept));
    return remember(headersByAccept, accept, asked, ACCEPTS_KEPT);
  };

  /**
   * The snapshot the last answer came from, for the next answer to be written from while the
   * database's version is read. Weak: a snapshot the store has replaced is not kept alive here.
   */
  let lastSnapshot: WeakRef<RegisterSnapshot> | null = null;

  /** The answer's body, or null to leave the request to Apollo. */
  const answer = async (req: Request): Promise<{ body: Buffer; headers: [string, string][] } | null> => {
    const deadline = performance.now() + chainBudgetMs;
    const body: unknown = req.body;
    if (!isPlainObject(body)) return null;
    const { query, variables, operationName, extensions } = body;
    if (typeof query !== "string" || query.length > MAX_QUERY_LENGTH || !(query.includes("recipients") || query.includes("sources"))) return null;
    if (!onlyClientLibrary(extensions)) return null;
    if (variables !== undefined && variables !== null && !isPlainObject(variables)) return null;
    const inputs = (variables ?? {}) as Record<string, unknown>;
    let shape = shapes.get(query);
    if (shape === undefined) shape = remember(shapes, query, shapeOrNull(schema, query), SHAPES_KEPT);
    if (shape === null) return null;
    if (operationName !== undefined && operationName !== null && operationName !== shape.operation.name?.value) return null;

    const coerced = getVariableValues(schema, shape.operation.variableDefinitions ?? [], inputs);
    if (coerced.errors) return null;
    try {
      checkArguments(shape.argumentPlan, inputs);
    } catch {
      return null;
    }
    if (!isWithinCost(schema, shape, inputs)) return null;
    let args: ChainFilterArgs & { from?: string; to?: string };
    try {
      args = getArgumentValues(shape.fieldDefinition, shape.fieldNode, coerced.coerced) as typeof args;
    } catch {
      return null;
    }
    // Opt-outs are checked against the database by the resolver: left to Apollo.
    if (args.optOuts?.length) return null;
    const headers = await answerHeaders(String(req.headers.accept ?? "")).catch(() => null);
    if (!headers) return null;

    // The database's version is asked now (store.current() sends the query before its first
    // await); while it comes back from sqlite3's thread pool (a few hundred µs), the answer is
    // written from the snapshot the last answer came from. It is sent only if the version says
    // that snapshot is still the newest; otherwise it is written again from the newer one. So
    // every answer is still of the register as committed when the request arrived.
    const confirming = requestSnapshot(graph, writes)();
    const held = lastSnapshot?.deref();
    const early = held ? answerFrom(held, shape, args, buffers) : null;
    let snapshot: RegisterSnapshot;
    try {
      snapshot = await confirming;
    } catch {
      return null; // Apollo reports it, as it does for any request
    }
    const stillNewest = snapshot === held;
    if (!stillNewest) lastSnapshot = new WeakRef(snapshot);
    // Past the request's time budget, Apollo refuses the question (DEADLINE_EXCEEDED), as the resolvers do.
    const pastDeadline = performance.now() > deadline;
    // An early answer not sent gives its buffer back at once.
    if (early !== null && (!stillNewest || pastDeadline)) buffers.give(early);
    if (pastDeadline) return null;
    const written = stillNewest ? early : answerFrom(snapshot, shape, args, buffers);
    return written === null ? null : { body: written, headers };
  };

  const handler = async (req: Request, res: Response, next: NextFunction) => {
    if (stopped || req.method !== "POST") return next();
    try {
      const answered = await answer(req);
      if (!answered || stopped) {
        if (answered === null && isPlainObject(req.body) && shapes.get(req.body.query as string)) counts.passed++;
        return next();
      }
      counts.served++;
      for (const [name, value] of answered.headers) res.setHeader(name, value);
      // Its bytes are used again once sent; an answer cut short is left to the garbage collector.
      res.once("finish", () => buffers.give(answered.body));
      res.status(200).send(answered.body);
    } catch (error) {
      next(error);
    }
  };

  return {
    handler,
    get served() {
      return counts.served;
    },
    get passed() {
      return counts.passed;
    },
    stop() {
      stopped = true;
    },
  };
}
