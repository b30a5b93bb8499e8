/** Jest: TypeScript through SWC (type-checking is `tsc --noEmit`, run first by `npm test`). */
const swc = {
  jsc: {
    parser: { syntax: "typescript", tsx: true, decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: false, useDefineForClassFields: false, react: { runtime: "automatic" } },
    target: "es2022",
  },
  module: { type: "commonjs" },
};
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: { "^.+\\.(t|j)sx?$": ["@swc/jest", swc] },
  transformIgnorePatterns: ["/node_modules/(?!(cytoscape-dagre)/)"],
  setupFiles: ["reflect-metadata"],
  testTimeout: 30000,
};
