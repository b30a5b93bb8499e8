import "./monaco-workers";
import { GraphiQL } from "graphiql";
import "graphiql/style.css";
import { createRoot } from "react-dom/client";

const EXAMPLE = `# Where can a pupil's ethnicity go from Stokes Wood Primary School within 3 hops?
query Recipients {
  recipients(from: "stokes-wood-primary-school", field: "ethnicity", maxHops: 3) {
    hops
    level
    certainty
    organisation { id name kind }
  }
}
`;

/** Posts each operation to the register's own /graphql: nothing leaves this host. */
async function fetcher(params: unknown, options?: { headers?: Record<string, string> }) {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...(options?.headers ?? {}) },
    body: JSON.stringify(params),
  });
  return response.json();
}

/** Mounts GraphiQL 5, bundled, pointed at /graphql. */
export function mountGraphiQL(element: HTMLElement): void {
  element.textContent = "";
  createRoot(element).render(<GraphiQL fetcher={fetcher} defaultQuery={EXAMPLE} />);
}
