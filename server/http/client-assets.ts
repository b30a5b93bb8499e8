import express, { Express, NextFunction, Request, Response } from "express";
import { existsSync, readdirSync } from "node:fs";
import { extname, join } from "node:path";

/**
 * Serves the built client: the map at `/` and the query IDE when a browser GETs `/graphql`
 * (a GET with `?query=` or from a script still reaches the API).
 */
export function serveClient(app: Express, clientDir: string | null): void {
  const built = clientDir != null && existsSync(join(clientDir, "index.html"));
  app.get("/graphql", (req, res, next) => {
    const fromBrowser = req.accepts(["application/json", "text/html"]) === "text/html" && req.query.query === undefined;
    if (!fromBrowser) return next();
    if (!built) {
      res.status(503).type("text/plain").send("The query IDE is part of the client build, which is missing: run `npm run build:client` (npm start does it).");
      return;
    }
    // The same URL answers scripts with JSON: caches must key on Accept. The page names hashed
    // files, so it is revalidated like index.html.
    res.vary("Accept");
    res.sendFile(join(clientDir, "ide.html"), { cacheControl: false, headers: { "Cache-Control": "no-cache" } });
  });
  if (!built) {
    app.get("/", (_req, res) => {
      res.status(503).type("text/plain").send("The map has not been built: run `npm run build:client` (npm start does it). The API is at /graphql.");
    });
    return;
  }
  app.use("/assets", servePrecompressed(join(clientDir, "assets")));
  app.use(
    express.static(clientDir, {
      index: "index.html",
      maxAge: "1h",
      setHeaders: (res, path) => {
        if (path.endsWith(".html")) res.setHeader("Cache-Control", "no-cache");
        else if (isHashedAsset(path)) res.setHeader("Cache-Control", IMMUTABLE);
      },
    }),
  );
}

/**
 * Files under /assets carry a hash of their content in their name (Vite's `name-HASH.ext`): a
 * new build gives new names, so a browser may keep them for a year without asking again.
 */
const IMMUTABLE = "public, max-age=31536000, immutable";

function isHashedAsset(path: string): boolean {
  return /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+(\.gz)?$/.test(path);
}

/**
 * Sends `/assets/NAME` as the `NAME.gz` the build wrote beside it (client/vite.config.mts) to a
 * client that accepts gzip, so no request pays to gzip a file: Monaco's bundle would cost up to
 * 150 ms of CPU each time. Files without a `.gz` fall through to express.static, where the
 * `compression` middleware (hardening.ts) gzips them as they go out; it leaves these alone since
 * they already carry a Content-Encoding.
 */
function servePrecompressed(assetsDir: string) {
  const gzipped = new Set(existsSync(assetsDir) ? readdirSync(assetsDir).filter((name) => name.endsWith(".gz")) : []);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const name = req.path.slice(1);
    if (name.includes("/") || !gzipped.has(`${name}.gz`)) return next();
    res.vary("Accept-Encoding");
    if (req.acceptsEncodings("gzip", "identity") !== "gzip") return next();
    res.type(extname(name));
    res.setHeader("Content-Encoding", "gzip");
    res.sendFile(join(assetsDir, `${name}.gz`), { headers: { "Cache-Control": IMMUTABLE }, cacheControl: false }, (error) => {
      if (error && !res.headersSent) {
        res.removeHeader("Content-Encoding");
        next();
      }
    });
  };
}
