import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { GraphQLFormattedError } from "graphql";
import { createServer as createHttpServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { DataSource } from "typeorm";
import { isAdminRequest } from "../auth";
import { Context, requestSnapshot } from "../context";
import { WriteQueue } from "../db/write-queue";
import { asTokenLimitError, limitsPlugin, limitValidationRules } from "../limits/apollo-limits";
import { LIMIT_CODES, QUERY_LIMITS } from "../limits/query-limits";
import { RegisterGraphStore } from "../graph-store";
import { createLoaders } from "../loaders";
import { buildRegisterSchema } from "../schema";
import { serveClient } from "./client-assets";
import { CompiledExecution } from "./compiled-execution";
import { applyHttpHardening } from "./hardening";
import { leanReachAnswers, type LeanReachAnswers } from "../lean/lean-reach";
import { registerAnswerCache, type RegisterAnswerCache } from "./register-answer";

export interface RegisterServerOptions {
  /** the connection questions are answered on */
  dataSource: DataSource;
  /**
   * the connection changes are written on, one transaction at a time; by default `dataSource`
   * itself (an in-memory database has only one connection). `npm start` opens a separate one.
   */
  writer?: DataSource;
  adminToken?: string | null;
  /** folder of the built client (index.html, ide.html); the API works without it */
  clientDir?: string | null;
  log?: (message: string) => void;
  /**
   * How operations run: compiled by graphql-jit (the default; see compiled-execution.ts) or
   * interpreted by graphql-js, which the tests use to check both give the same answers.
   */
  execution?: "compiled" | "interpreted";
  /** time one request may spend on chain questions, ms (default QUERY_LIMITS.chainBudgetMs) */
  chainBudgetMs?: number;
  /**
   * Where to keep the graph snapshot between starts (server/snapshot): read at start when it is
   * of the register's current state, written after every read of the database. Null or absent:
   * not kept (tests, :memory:).
   */
  snapshotFile?: string | null;
  /**
   * Whether plain `recipients` and `sources` questions are answered straight from the search
   * (server/lean; the default) or all go through Apollo (tests compare the two).
   */
  leanAnswers?: boolean;
}

export interface RegisterServer {
  apollo: ApolloServer<Context>;
  /** the map's whole-register answer, kept per register stamp (register-answer.ts) */
  registerAnswers: RegisterAnswerCache;
  /** lean answers to plain chain questions (server/lean), or null when they are off */
  leanAnswers: LeanReachAnswers | null;
  /** null when operations are interpreted (`execution: "interpreted"`) */
  compiledExecution: CompiledExecution | null;
  graph: RegisterGraphStore;
  dataSource: DataSource;
  writes: WriteQueue;
  httpServer: Server;
  /** Builds a request context as an HTTP request would get (for `executeOperation` in tests). */
  contextFor(authorization?: string): Context;
  /** Listens on the port (0 picks a free one) and resolves to the URL of the API. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const LIMIT_CODE_BY_NAME: Record<string, string> = Object.fromEntries(Object.entries(LIMIT_CODES));

/** Unexpected errors are logged in full and reach clients as a plain, coded message: never a stack. */
function formatError(log: (m: string) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (code === "GRAPHQL_PARSE_FAILED") {
      const tokens = asTokenLimitError(formatted.message);
      if (tokens) return { message: tokens.message, extensions: { ...tokens.extensions, http: undefined } };
    }
    // Apollo gives every validation error GRAPHQL_VALIDATION_FAILED; a limit's refusal keeps its own code.
    const limit = formatted.extensions?.limit as { name?: string } | undefined;
    if (code === "GRAPHQL_VALIDATION_FAILED" && limit?.name) {
      const own = LIMIT_CODE_BY_NAME[limit.name];
      if (own) return { ...formatted, extensions: { ...formatted.extensions, code: own } };
    }
    if (code && code !== "INTERNAL_SERVER_ERROR") return formatted;
    log(`Internal error: ${(error as { originalError?: Error })?.originalError?.stack ?? String(error)}`);
    return {
      message: "The register could not answer because of an internal error. The server logged the details; please try again or report it.",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}

/**
 * Wires the register: Apollo Server on Express at /graphql, the query IDE on GET /graphql from a
 * browser, and the map at /. Used by `server/index.ts`, the CLI and the tests alike.
 */
export async function createRegisterServer(options: RegisterServerOptions): Promise<RegisterServer> {
  const { dataSource } = options;
  const adminToken = options.adminToken ?? null;
  const log = options.log ?? ((m: string) => console.error(m));
  const writes = new WriteQueue(options.writer ?? dataSource);
  const chainBudgetMs = options.chainBudgetMs ?? QUERY_LIMITS.chainBudgetMs;
  const graph = new RegisterGraphStore(dataSource, writes, options.snapshotFile ? { path: options.snapshotFile, log } : null);
  await graph.listen(log);
  const app = express();
  const httpServer = createHttpServer(app);

  const schema = await buildRegisterSchema();
  const compiledExecution = options.execution === "interpreted" ? null : new CompiledExecution(schema);
  const apollo = new ApolloServer<Context>({
    ...(compiledExecution ? { gateway: compiledExecution, stringifyResult: compiledExecution.stringifyResult } : { schema }),
    introspection: true,
    // Limits (README, "Limits"): tokens at parsing, depth, aliases and directives at validation,
    // then cost and argument checks once the operation is known (limitsPlugin).
    parseOptions: { maxTokens: QUERY_LIMITS.tokens },
    validationRules: limitValidationRules,
    // Automatic persisted queries are not offered: no client here uses them, and a hash mismatch
    // came back as an internal error. A request that tries gets PERSISTED_QUERY_NOT_SUPPORTED.
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    formatError: formatError(log),
    // Cache-control hints are unused here, and the plugin wraps every field resolver: off.
    plugins: [limitsPlugin(schema), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

  const contextFor = (authorization?: string): Context => {
    const snapshot = requestSnapshot(graph, writes);
    return {
      dataSource,
      writes,
      graph,
      snapshot,
      loaders: createLoaders(dataSource, snapshot),
      deadline: performance.now() + chainBudgetMs,
      chainBudgetMs,
      isAdmin: isAdminRequest(authorization, adminToken),
      writable: adminToken !== null,
    };
  };

  app.disable("x-powered-by");
  // Security headers, compressed client files, timeouts and a connection cap (hardening.ts).
  applyHttpHardening(app, httpServer);
  // Express hashes every body `res.send` writes to make an ETag: a SHA-1 of each 60 KB answer,
  // for responses to POSTs that no cache revalidates. The client's files get theirs from
  // express.static, which does not use this setting.
  app.set("etag", false);
  app.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });
  serveClient(app, options.clientDir ?? null);
  // The map's whole-register question is answered again from its last answer while the register
  // is unchanged (register-answer.ts); every other request goes straight to Apollo.
  const registerAnswers = registerAnswerCache(apollo, dataSource, contextFor);
  // Plain recipients and sources questions are answered straight from the search (server/lean).
  const leanAnswers = options.leanAnswers === false ? null : leanReachAnswers({ apollo, schema, graph, writes, contextFor, chainBudgetMs });
  app.use(
    "/graphql",
    express.json({ limit: "2mb" }),
    registerAnswers.handler,
    ...(leanAnswers ? [leanAnswers.handler] : []),
    expressMiddleware(apollo, { context: async ({ req }) => contextFor(req.headers.authorization) }),
  );
  // A body that is not JSON never reaches Apollo: answer in GraphQL's error shape, with a code, not Express's HTML page.
  app.use((error: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) log(`Internal error: ${error.stack ?? error}`);
    const message =
      error.type === "entity.parse.failed"
        ? "The request body is not valid JSON. Send {\"query\": \"...\", \"variables\": {...}} with Content-Type: application/json."
        : error.type === "entity.too.large"
          ? "The request body is larger than 2 MB."
          : status === 500
            ? "The register could not answer because of an internal error. The server logged the details."
            : error.message;
    res.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST" } }] });
  });

  return {
    apollo,
    compiledExecution,
    registerAnswers,
    leanAnswers,
    graph,
    dataSource,
    writes,
    httpServer,
    contextFor,
    listen: (port, host = "localhost") =>
      new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address() as AddressInfo;
          resolve(`http://${host}:${address.port}/graphql`);
        });
      }),
    close: async () => {
      leanAnswers?.stop();
      await apollo.stop();
      // Every acknowledged write has committed already; this waits for those still in the queue.
      await writes.drain();
      await graph.close();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
