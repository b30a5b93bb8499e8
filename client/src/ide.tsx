// The query IDE's entry: a few bytes that show a message, then load GraphiQL (and Monaco) on demand.
import "./ide/page.css";

const root = document.getElementById("ide")!;
root.textContent = "Loading the query IDE…";

import("./ide/GraphiQLPage")
  .then(({ mountGraphiQL }) => mountGraphiQL(root))
  .catch((error: unknown) => {
    root.textContent = `The query IDE could not load: ${error instanceof Error ? error.message : String(error)}. The API still answers POST requests at /graphql.`;
  });
