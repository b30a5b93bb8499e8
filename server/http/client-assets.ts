import express, { Express } from "express";
import { existsSync } from "node:fs";
import { join } from "node:path";

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
    res.sendFile(join(clientDir, "ide.html"));
  });
  if (!built) {
    app.get("/", (_req, res) => {
      res.status(503).type("text/plain").send("The map has not been built: run `npm run build:client` (npm start does it). The API is at /graphql.");
    });
    return;
  }
  app.use(express.static(clientDir, { index: "index.html", maxAge: "1h", setHeaders: (res, path) => path.endsWith(".html") && res.setHeader("Cache-Control", "no-cache") }));
}
