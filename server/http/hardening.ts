import compression from "compression";
import type { Express, NextFunction, Request, RequestHandler, Response } from "express";
import helmet from "helmet";
import type { Server } from "node:http";

/*
 * HTTP hygiene for the register's server (issue 8): security headers with a strict
 * Content-Security-Policy, compression of the client's files (never of API answers), and server
 * timeouts and a connection cap so a flood of slow clients cannot starve everyone else.
 *
 * `applyHttpHardening(app, httpServer)` is called once by the app wiring, before any route and
 * before the server listens.
 */

/**
 * A client has this long to send its request line and headers. A browser or script sends them in
 * one packet; 10 s is generous over any real network and cuts a slowloris client six times sooner
 * than Node's 60 s default.
 */
export const HEADERS_TIMEOUT_MS = 10_000;

/**
 * A client has this long to send the whole request, body included (Node's default is 300 s). The
 * largest body the API accepts is 2 MB (express.json's limit), which takes 16 s even at 1 Mbit/s;
 * real questions are a few kilobytes. 20 s therefore cuts only clients that trickle their body.
 */
export const REQUEST_TIMEOUT_MS = 20_000;

/**
 * How long an idle keep-alive connection stays open between requests: Node's default, 5 s. Long
 * enough for a page's burst of asset requests and the benchmark's back-to-back questions to reuse
 * their connection; short enough that parked connections give their slot back quickly.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/**
 * A connection on which nothing moves in either direction for this long is closed (Node's
 * default is never). It catches what the two timeouts above do not: a client that sent its
 * request and then stops reading the answer, keeping the socket and its buffers. The slowest
 * legitimate answer, a chain question, is stopped by its own 10 s budget (server/limits), so 60 s
 * of silence cuts no real client.
 */
export const SOCKET_IDLE_TIMEOUT_MS = 60_000;

/**
 * How often Node checks connections against the headers and request timeouts. Node's default is
 * 30 s, which lets a slow body live up to 30 s past REQUEST_TIMEOUT_MS; checking every second cuts
 * it within a second of the limit. One check walks the list of open connections (at most
 * MAX_CONNECTIONS), which costs microseconds.
 */
export const CONNECTIONS_CHECKING_INTERVAL_MS = 1_000;

/**
 * Connections open at once. Beyond this, Node closes each new connection as soon as it is
 * accepted, so the process never runs out of file descriptors: without a cap, about 20,000 slow
 * clients used every descriptor (`ulimit -n` is 20,000 here) and new clients were reset. 4,096 is
 * a fifth of that limit, leaving the rest for the database, the files served (each static answer
 * opens one) and the logs, and is far more than the register's real load needs (the benchmark
 * uses 8 connections; a browser opens at most 6 per host). Measured: 8,000 slow-body connections
 * from another process held at most about 3,900 descriptors, and a new client was answered in
 * under 300 ms throughout.
 * With the timeouts above, slow clients holding slots lose them within REQUEST_TIMEOUT_MS, so
 * newcomers refused during a flood get in again seconds later instead of never.
 */
export const MAX_CONNECTIONS = 4_096;

/**
 * The Content-Security-Policy of the map at `/` and of every file and answer but the IDE's (on
 * JSON answers it is inert). Everything comes from this server: no remote origin anywhere, no
 * inline or eval'd script, no inline style, no plugins, no framing.
 */
export const CONTENT_SECURITY_POLICY_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  "default-src": ["'self'"],
  // The map's and the IDE's bundles; no inline script, no eval.
  "script-src": ["'self'"],
  "script-src-attr": ["'none'"],
  // The map's styles are all in its stylesheet (Cytoscape's one injected rule too: FlowMap.tsx).
  "style-src": ["'self'"],
  // The map's PNG download and print image are data: and blob: URLs drawn from the canvas.
  "img-src": ["'self'", "data:", "blob:"],
  // GraphiQL's stylesheet embeds its fonts as data: URLs.
  "font-src": ["'self'", "data:"],
  // The map and the IDE ask /graphql on this origin, nothing else.
  "connect-src": ["'self'"],
  // GraphiQL's Monaco editor runs its language services in workers built into /assets.
  "worker-src": ["'self'"],
  "object-src": ["'none'"],
  "frame-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

/**
 * The query IDE's policy (GET /graphql from a browser): the same, except that styles may be
 * inline. GraphiQL's Monaco editor positions every line, cursor and widget with `style`
 * attributes written as HTML and adds `<style>` elements for its themes and decorations; without
 * 'unsafe-inline' the editor is blocked thousands of times and draws no text. Scripts stay
 * 'self' only, so an injected style can restyle the IDE but not run code; the map keeps the
 * stricter policy above.
 */
export const IDE_CONTENT_SECURITY_POLICY_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  ...CONTENT_SECURITY_POLICY_DIRECTIVES,
  "style-src": ["'self'", "'unsafe-inline'"],
};

/** A policy exactly as helmet sends it (directives joined by ";"), for tests and the README. */
export function policyText(directives: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join(";");
}

export interface HttpHardeningOptions {
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  socketIdleTimeoutMs?: number;
  connectionsCheckingIntervalMs?: number;
  maxConnections?: number;
}

/** Whether a request is for the GraphQL API (answers, and the IDE page on the same path). */
function isApiPath(path: string): boolean {
  return path === "/graphql" || path.startsWith("/graphql/");
}

/**
 * Security headers, compression of the client's files, and the server's timeouts and connection
 * cap. Call it right after creating the app and its server, before any route and before listen.
 */
export function applyHttpHardening(app: Express, httpServer: Server, options: HttpHardeningOptions = {}): void {
  app.use(securityHeaders());
  app.use(compressClientFiles());
  limitConnections(httpServer, options);
}

function contentSecurityPolicy(directives: Readonly<Record<string, readonly string[]>>): RequestHandler {
  return helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: Object.fromEntries(Object.entries(directives).map(([name, values]) => [name, [...values]])),
  });
}

/**
 * Helmet's headers, with the map's policy everywhere but on /graphql, where the IDE page gets
 * its own. HSTS is left out because the register serves plain HTTP.
 */
export function securityHeaders(): RequestHandler {
  const mapPolicy = contentSecurityPolicy(CONTENT_SECURITY_POLICY_DIRECTIVES);
  const idePolicy = contentSecurityPolicy(IDE_CONTENT_SECURITY_POLICY_DIRECTIVES);
  const others = helmet({
    contentSecurityPolicy: false,
    // Browsers ignore Strict-Transport-Security over plain HTTP, and on `localhost` a stray one
    // would force HTTPS on every other project served there. TLS, if any, ends in front of us.
    strictTransportSecurity: false,
    // Matches frame-ancestors 'none' for browsers that predate it.
    xFrameOptions: { action: "deny" },
    // Links out of the map (there are none today) carry no address: it names the focus school.
    referrerPolicy: { policy: "no-referrer" },
  });
  return (req: Request, res: Response, next: NextFunction) =>
    (isApiPath(req.path) ? idePolicy : mapPolicy)(req, res, (error?: unknown) => (error ? next(error) : others(req, res, next)));
}

/**
 * Gzip (or deflate) for the client's files as they go out. The large ones (the map's and the IDE's
 * bundles, Monaco's 2.8 MB among them) are gzipped once by the build and sent as they are by
 * client-assets.ts, which sets Content-Encoding so this middleware leaves them alone; it gzips
 * the rest (and everything, should a build lack its .gz files).
 *
 * `/graphql` is deliberately skipped, before the middleware even wraps the response: its
 * answers are what the benchmark measures, gzipping a 60-80 KB chain answer costs about 1.2 ms
 * of CPU on every request (measured here), and the API is mostly asked over loopback or a LAN,
 * where the bytes saved are worth less than the CPU spent. (The IDE page on GET /graphql is under
 * a kilobyte, below compression's threshold anyway.)
 */
export function compressClientFiles(): RequestHandler {
  const compress = compression();
  return (req: Request, res: Response, next: NextFunction) => (isApiPath(req.path) ? next() : compress(req, res, next));
}

/**
 * Sets the timeouts and connection cap above on the server (or the given values, which tests
 * shorten). Call before `listen`: Node reads the checking interval when the server starts.
 */
export function limitConnections(httpServer: Server, options: HttpHardeningOptions = {}): void {
  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  // Node requires headersTimeout <= requestTimeout.
  httpServer.headersTimeout = Math.min(options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS, requestTimeout);
  httpServer.requestTimeout = requestTimeout;
  httpServer.keepAliveTimeout = options.keepAliveTimeoutMs ?? KEEP_ALIVE_TIMEOUT_MS;
  httpServer.timeout = options.socketIdleTimeoutMs ?? SOCKET_IDLE_TIMEOUT_MS;
  httpServer.maxConnections = options.maxConnections ?? MAX_CONNECTIONS;
  // A public property of http.Server (set from createServer's options), read when it starts
  // listening; @types/node only declares it as an option.
  (httpServer as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval =
    options.connectionsCheckingIntervalMs ?? CONNECTIONS_CHECKING_INTERVAL_MS;
}
