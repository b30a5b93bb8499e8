import react from "@vitejs/plugin-react";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = dirname(fileURLToPath(import.meta.url));

// The client is built into dist/client and served by the register itself (npm start).
// `npm run dev:client` serves it with hot reload and sends /graphql to a register on port 4000.
export default defineConfig({
  root: resolve(here),
  base: "/",
  plugins: [react()],
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
