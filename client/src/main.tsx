import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App, askFirstQuestions } from "./components/App";
import "./styles/app.css";

// Before React renders: the first view's answers are on their way while its scripts load.
askFirstQuestions(window.location.search);

// No Apollo Client here: the map's questions go over fetch (api/transport.ts); the details
// panels, loaded on demand, bring Apollo Client and its provider with them (api/apollo.ts).
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
