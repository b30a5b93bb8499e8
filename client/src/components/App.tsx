import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { EVIDENCE, REACH, REGISTER } from "../api/map-questions";
import { askEarly } from "../api/early-questions";
import type { RegisterData } from "../api/types";
import { useKeptAnswer } from "../api/use-kept-answer";
import { useViewState } from "../state/use-view-state";
import { DEFAULT_HOPS, NO_FOCUS, parseViewState, reachVariables, type ViewState } from "../state/view-state";
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

// Not needed to draw the first map: asked for as this module loads, beside the register's
// question, so it is there when the register arrives (asked for then, it held the map back).
const searchBoxModule = import("./SearchBox");
const SearchBox = lazy(() => searchBoxModule.then((m) => ({ default: m.SearchBox })));

const NO_VARIABLES = {};
const reachQuestion = (state: ViewState) => ({ ...reachVariables(state), first: CHAIN_LIMIT });

/**
 * Asks the first view's questions (the register, and the reach from the focus in the address) as
 * the script starts, before React renders: App then takes their answers instead of asking.
 */
export function askFirstQuestions(search: string): void {
  askEarly(REGISTER, NO_VARIABLES);
  const state = parseViewState(search);
  if (state.org !== NO_FOCUS) askEarly(REACH, reachQuestion(state));
}

/** The page: loads the register once, then draws whatever the view state (the URL) says. */
export function App() {
  const [state, update] = useViewState();
  // The register is read once and kept out of the normalised cache: later answers (names, quotes)
  // written there would otherwise hand the map a new copy of the whole register to redraw.
  const { data, error, loading } = useKeptAnswer(REGISTER, NO_VARIABLES, false, { showPrevious: false });
  // Asked at once, beside the register (not after it), so the highlight is not a second round trip;
  // not asked once the register shows there is no such focus.
  const variables = reachVariables(state);
  const noFocus = noFocusIn(data, state.org);
  // While a new answer is fetched the map keeps the last highlight.
  const reach = useKeptAnswer(REACH, reachQuestion(state), noFocus, { showPrevious: true });
  const changeView = useAskingAhead(state, data, update, reach.askAhead);
  // The governors' sentences wait until the map has drawn its answer, so they never slow the map
  // down (at national scale reading them in takes about 300 ms of the main thread)...
  const reachKey = JSON.stringify(variables);
  const mapDrawnFor = useAfterNextFrame(!data || reach.loading || reach.error !== undefined ? null : reachKey);
  // After the first view's, nor while the reader is still moving through fields (the arrow keys
  // on the list): each national answer keeps the server busy for 150-300 ms, and the next field's
  // map waited for it.
  const sentencesAsked = useRef(false);
  const readerStayed = useStayed(mapDrawnFor === reachKey ? reachKey : null, sentencesAsked.current ? READER_STAYS_MS : 0);
  useEffect(() => {
    if (readerStayed !== null) sentencesAsked.current = true;
  }, [readerStayed]);
  // Never another field's sentences under this field's heading.
  const evidence = useKeptAnswer(EVIDENCE, variables, !data || noFocus || readerStayed !== reachKey, { showPrevious: false });
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
              hit.type === "org" ? changeView({ org: hit.id, selected: { type: "org", id: hit.id } }) : changeView({ field: hit.id })
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
          update={changeView}
          reach={reach}
          evidence={evidence}
        />
      )}
    </div>
  );
}

/** Whether there is nothing to ask the reach of: the focus cleared, or not in the register (once it is known). */
function noFocusIn(register: RegisterData | undefined, org: string): boolean {
  return org === NO_FOCUS || (register !== undefined && !register.organisations.some((o) => o.id === org));
}

type ViewUpdate = (patch: Partial<ViewState>, options?: { replace?: boolean }) => void;

/**
 * `update`, which also asks for the new view's reach before React renders it: at national scale
 * rendering a change takes 20-40 ms, and the question was asked only after it (from an effect).
 * Stable, like `update`, so nothing memoised below is drawn again for it.
 */
function useAskingAhead(state: ViewState, register: RegisterData | undefined, update: ViewUpdate, askAhead: (variables: ReturnType<typeof reachQuestion>) => void): ViewUpdate {
  const now = useRef({ state, register });
  now.current = { state, register };
  return useCallback<ViewUpdate>(
    (patch, options) => {
      const next = { ...now.current.state, ...patch };
      if (!noFocusIn(now.current.register, next.org)) askAhead(reachQuestion(next));
      update(patch, options);
    },
    [update, askAhead],
  );
}

/** How long a drawn map stays before its sentences are asked for (a reader flipping through fields moves on sooner). */
const READER_STAYS_MS = 300;

/** `key`, once it has stayed unchanged for `ms` (null at once, and until then). */
function useStayed(key: string | null, ms: number): string | null {
  const [stayed, setStayed] = useState<string | null>(null);
  useEffect(() => {
    if (key === null) return;
    const timer = setTimeout(() => setStayed(key), ms);
    return () => clearTimeout(timer);
  }, [key, ms]);
  return key === null ? null : stayed;
}

/**
 * `key`, once the frame after it was set has been drawn (the map draws a new answer in the frame
 * after React commits it; its effects ask for that frame before this one does), else the key
 * before it. null is passed through at once.
 */
function useAfterNextFrame(key: string | null): string | null {
  const [drawn, setDrawn] = useState<string | null>(null);
  useEffect(() => {
    if (key === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setDrawn(key), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [key]);
  return key === null ? null : drawn;
}
