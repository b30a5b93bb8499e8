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
import { Context } from "../context";
import { RegisterGraphStore } from "../graph-store";
import { createLoaders } from "../loaders";
import { buildRegisterSchema } from "../schema";
import { serveClient } from "./client-assets";
import { CompiledExecution } from "./compiled-execution";

export interface RegisterServerOptions {
  dataSource: DataSource;
  adminToken?: string | null;
  /** folder of the built client (index.html, ide.html); the API works without it */
  clientDir?: string | null;
  log?: (message: string) => void;
  /**
   * How operations run: compiled by graphql-jit (the default; see compiled-execution.ts) or
   * interpreted by graphql-js, which the tests use to check both give the same answers.
   */
  execution?: "compiled" | "interpreted";
}

export interface RegisterServer {
  apollo: ApolloServer<Context>;
  /** null when operations are interpreted (`execution: "interpreted"`) */
  compiledExecution: CompiledExecution | null;
  graph: RegisterGraphStore;
  dataSource: DataSource;
  httpServer: Server;
  /** Builds a request context as an HTTP request would get (for `executeOperation` in tests). */
  contextFor(authorization?: string): Context;
  /** Listens on the port (0 picks a free one) and resolves to the URL of the API. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** Unexpected errors are logged in full and reach clients as a plain, coded message: never a stack. */
function formatError(log: (m: string) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
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
  const graph = new RegisterGraphStore(dataSource);
  const app = express();
  const httpServer = createHttpServer(app);

  const compiledExecution = options.execution === "interpreted" ? null : new CompiledExecution(await buildRegisterSchema());
  const apollo = new ApolloServer<Context>({
    ...(compiledExecution ? { gateway: compiledExecution } : { schema: await buildRegisterSchema() }),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatError(log),
    // Cache-control hints are unused here, and the plugin wraps every field resolver: off.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

  const contextFor = (authorization?: string): Context => ({
    dataSource,
    graph,
    loaders: createLoaders(dataSource, graph),
    isAdmin: isAdminRequest(authorization, adminToken),
    writable: adminToken !== null,
  });

  app.disable("x-powered-by");
  // Express hashes every body `res.send` writes to make an ETag: a SHA-1 of each 60 KB answer,
  // for responses to POSTs that no cache revalidates. The client's files get theirs from
  // express.static, which does not use this setting.
  app.set("etag", false);
  app.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });
  serveClient(app, options.clientDir ?? null);
  app.use("/graphql", express.json({ limit: "2mb" }), expressMiddleware(apollo, { context: async ({ req }) => contextFor(req.headers.authorization) }));
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
    graph,
    dataSource,
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
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
