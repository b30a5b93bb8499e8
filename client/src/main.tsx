import { ApolloProvider } from "@apollo/client/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createApolloClient } from "./api/apollo";
import { App, askFirstQuestions } from "./components/App";
import "./styles/app.css";

const client = createApolloClient();
// Before React renders: the first view's answers are on their way while its scripts load.
askFirstQuestions(client, window.location.search);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <App />
    </ApolloProvider>
  </StrictMode>,
);
