import react from "@vitejs/plugin-react";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { constants, gzipSync } from "node:zlib";
import { defineConfig, type Plugin } from "vite";

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Writes `NAME.gz` beside each built script, stylesheet and font, gzipped once at the highest
 * level, for the server to send as they are (client-assets.ts). Gzipping on every request would
 * cost up to 150 ms of CPU for Monaco's 2.8 MB bundle, on the thread pool SQLite's queries use.
 */
function precompress(): Plugin {
  return {
    name: "onward-precompress",
    apply: "build",
    writeBundle(options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|svg|ttf|json)$/.test(fileName)) continue;
        const path = join(options.dir!, fileName);
        const raw = readFileSync(path);
        if (raw.length < 1024) continue;
        const gzipped = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION });
        if (gzipped.length < raw.length) writeFileSync(`${path}.gz`, gzipped);
      }
    },
  };
}

// The client is built into dist/client and served by the register itself (npm start).
// `npm run dev:client` serves it with hot reload and sends /graphql to a register on port 4000.
export default defineConfig({
  root: resolve(here),
  base: "/",
  plugins: [react(), precompress()],
  server: { proxy: { "/graphql": "http://localhost:4000" } },
  worker: { format: "es" },
  build: {
    outDir: resolve(here, "..", "dist", "client"),
    emptyOutDir: true,
    // GraphiQL's Monaco is large but only the IDE page loads it, on demand.
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: { index: resolve(here, "index.html"), ide: resolve(here, "ide.html") },
      onwarn(warning, warn) {
        // GraphiQL's React Compiler directives ("use no memo") are harmless in a bundle.
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
    },
  },
});
