import { useQuery } from "@apollo/client/react";
import { lazy, Suspense, useEffect } from "react";
import { EVIDENCE_QUERY, REGISTER_QUERY } from "../api/queries";
import { useReach } from "../api/use-reach";
import { useViewState } from "../state/use-view-state";
import { DEFAULT_HOPS, NO_FOCUS, reachVariables } from "../state/view-state";
import type { SearchHit } from "../text/search";
import { MapPage } from "./MapPage";
import { Problem } from "./Problem";

/** Most chains asked for to draw the highlight; each recipient's own chain comes on top. */
const CHAIN_LIMIT = 1000;

/**
 * A register this large is national: its map opens at one hop around the focus, and the note
 * where the hop limit cuts it (or "One hop more") opens the next, unless the link names its hops.
 */
const NATIONAL_REGISTER = 500;
const HOPS_IN_LINK = new URLSearchParams(window.location.search).has("hops");

// Not needed to draw the first map: loaded beside it, after the first paint.
const SearchBox = lazy(() => import("./SearchBox").then((m) => ({ default: m.SearchBox })));

/** The page: loads the register once, then draws whatever the view state (the URL) says. */
export function App() {
  const [state, update] = useViewState();
  // The register is read once and kept out of the normalised cache: later answers (names, quotes)
  // written there would otherwise hand the map a new copy of the whole register to redraw.
  const { data, error, loading } = useQuery(REGISTER_QUERY, { fetchPolicy: "no-cache" });
  // Asked at once, beside the register (not after it), so the highlight is not a second round trip;
  // not asked once the register shows there is no such focus.
  const variables = reachVariables(state);
  const noFocus = state.org === NO_FOCUS || (data !== undefined && !data.organisations.some((o) => o.id === state.org));
  const reach = useReach({ ...variables, first: CHAIN_LIMIT }, noFocus);
  // The governors' sentences wait for the map's answers, so they never slow the map down.
  const evidence = useQuery(EVIDENCE_QUERY, { variables, skip: !data || noFocus || reach.loading || reach.error !== undefined });
  const national = data !== undefined && data.organisations.length > NATIONAL_REGISTER;
  useEffect(() => {
    if (national && !HOPS_IN_LINK && state.hops === DEFAULT_HOPS) update({ hops: 1 }, { replace: true });
    // Only when the register first arrives: later hop changes are the reader's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [national]);
  return (
    <div className={state.presenting ? "app presenting" : "app"}>
      <header className="app-header">
        <h1>
          Onward <small>who passes pupil data to whom</small>
        </h1>
        {data && !state.presenting && (
          <Suspense fallback={null}>
          <SearchBox
            organisations={data.organisations}
            fields={data.fields}
            onPick={(hit: SearchHit) =>
              hit.type === "org" ? update({ org: hit.id, selected: { type: "org", id: hit.id } }) : update({ field: hit.id })
            }
          />
          </Suspense>
        )}
        {!state.presenting && (
          <a className="ide-link" href="/graphql">
            Query the register (GraphQL IDE)
          </a>
        )}
      </header>
      {error && <Problem error={error} />}
      {loading && !data && <p aria-busy="true">Loading the register…</p>}
      {data && (
        <MapPage
          register={data}
          state={state}
          update={update}
          reach={reach}
          evidence={{ data: evidence.dataState === "complete" ? evidence.data : undefined, loading: evidence.loading, error: evidence.error }}
        />
      )}
    </div>
  );
}

