import { defineConfig } from "vite";
import { resolve } from "node:path";

// The client is built into dist/client and served by the register itself (npm start).
export default defineConfig({
  root: resolve(__dirname),
  base: "/",
  build: {
    outDir: resolve(__dirname, "..", "dist", "client"),
    emptyOutDir: true,
    rollupOptions: {
      input: { index: resolve(__dirname, "index.html"), ide: resolve(__dirname, "ide.html") },
    },
  },
});
