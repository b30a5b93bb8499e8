/// <reference types="vite/client" />

declare module "cytoscape-dagre" {
  const register: (cytoscape: unknown) => void;
  export default register;
}

declare module "cytoscape-svg" {
  const register: (cytoscape: unknown) => void;
  export default register;
}
