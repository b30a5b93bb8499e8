import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { useQuery } from "@apollo/client/react";
import { CopyLinkButton } from "./CopyLinkButton";
import { useCallback, useDeferredValue, useEffect, useMemo, useRef } from "react";
import { EVIDENCE_QUERY, REACH_QUERY, REGISTER_QUERY } from "../api/queries";
import type { EvidenceData, OrganisationKind, ReachData, RegisterData } from "../api/types";
import { inSentence } from "../graph/field-labels";
import { highlightFrom, NO_HIGHLIGHT } from "../graph/highlight";
import { neighbourhood, wholeRegister, type DrawFilters } from "../graph/neighbourhood";
import { edgeIdFor, toElements } from "../graph/to-elements";
import { KIND_VISUALS, LARGE_VIEW_ELEMENTS } from "../graph/visuals";
import { useViewState } from "../state/use-view-state";
import { NO_FOCUS, reachVariables, type Selection, type ViewState } from "../state/view-state";
import type { SearchHit } from "../text/search";
import { chainSentences, fieldFamily } from "../text/sentences";
import { reachSummary } from "../text/summary";
import { Controls } from "./Controls";
import { FlowDetails } from "./FlowDetails";
import { FlowMap, type FlowMapHandle } from "./FlowMap";
import { GovernorsSummary } from "./GovernorsSummary";
import { Legend } from "./Legend";
import { OrganisationDetails } from "./OrganisationDetails";
import { Problem } from "./Problem";
import { RecipientsTable } from "./RecipientsTable";
import { SearchBox } from "./SearchBox";

/** Most chains asked for to draw the highlight; each recipient's own chain comes on top. */
const CHAIN_LIMIT = 1000;

/**
 * Whether the map has an organisation to highlight from: "known"; "cleared" by the reader;
 * "unknown" to the register (a link to an id it does not have, e.g. one made before an import
 * renamed or removed it); or "gone": listed when the page loaded but unknown to the server now.
 * Without a known focus the whole register is drawn, with nothing highlighted.
 */
export type FocusStatus = "known" | "cleared" | "unknown" | "gone";

/** Whether a chain question failed because the server has no organisation with its `from` id. */
function focusNotFound(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === "NOT_FOUND" && e.extensions?.kind === "organisation");
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

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
  const reach = useQuery(REACH_QUERY, { variables: { ...variables, first: CHAIN_LIMIT }, skip: noFocus });
  // The governors' sentences wait for the map's answers, so they never slow the map down.
  const evidence = useQuery(EVIDENCE_QUERY, { variables, skip: !data || noFocus || reach.loading || reach.error !== undefined });
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          Onward <small>who passes pupil data to whom</small>
        </h1>
        {data && (
          <SearchBox
            organisations={data.organisations}
            fields={data.fields}
            onPick={(hit: SearchHit) =>
              hit.type === "org" ? update({ org: hit.id, selected: { type: "org", id: hit.id } }) : update({ field: hit.id })
            }
          />
        )}
        <a className="ide-link" href="/graphql">
          Query the register (GraphQL IDE)
        </a>
      </header>
      {error && <Problem error={error} />}
      {loading && !data && <p aria-busy="true">Loading the register…</p>}
      {data && (
        <MapPage
          register={data}
          state={state}
          update={update}
          reach={{
            data: reach.dataState === "complete" ? reach.data : reach.previousData,
            loading: reach.loading,
            error: reach.error,
          }}
          evidence={{ data: evidence.dataState === "complete" ? evidence.data : undefined, loading: evidence.loading, error: evidence.error }}
        />
      )}
    </div>
  );
}

interface MapPageProps {
  register: RegisterData;
  state: ViewState;
  update: (patch: Partial<ViewState>, options?: { replace?: boolean }) => void;
  reach: Answer<ReachData>;
  evidence: Answer<EvidenceData>;
}

/** Where a query stands, as the page needs it. */
interface Answer<T> {
  data: T | undefined;
  loading: boolean;
  error: Error | undefined;
}

function MapPage({ register, state, update, reach, evidence }: MapPageProps) {
  const mapRef = useRef<FlowMapHandle>(null);
  const printImageRef = useRef<HTMLImageElement>(null);

  const organisations = useMemo(() => new Map(register.organisations.map((o) => [o.id, o])), [register]);
  const fieldLabels = useMemo(() => new Map(register.fields.map((f) => [f.id, f.label])), [register]);
  const listed = organisations.get(state.org);
  const focusStatus: FocusStatus =
    state.org === NO_FOCUS ? "cleared" : listed === undefined ? "unknown" : focusNotFound(reach.error) ? "gone" : "known";
  const focus = focusStatus === "known" ? listed : undefined;
  // Without a focus there is no neighbourhood to draw: the whole register is drawn instead.
  const wholeView = state.view === "register" || focus === undefined;
  const field = state.field ? register.fields.find((f) => f.id === state.field) : undefined;
  const fieldKnown = state.field === null || field !== undefined;

  const filters: DrawFilters = useMemo(
    () => ({
      asOf: state.asOf,
      statedOnly: state.statedOnly,
      identifiableOnly: state.identifiableOnly,
      pupilAge: state.pupilAge,
      hiddenKinds: new Set(state.hiddenKinds),
    }),
    [state.asOf, state.statedOnly, state.identifiableOnly, state.pupilAge, state.hiddenKinds],
  );
  const drawn = useMemo(
    () =>
      wholeView
        ? wholeRegister(register.organisations, register.flows, filters, focus?.id ?? null, (kind) => KIND_VISUALS[kind].rank)
        : neighbourhood(register.organisations, register.flows, filters, state.org, state.hops),
    [register, filters, wholeView, focus, state.org, state.hops],
  );
  const elements = useMemo(() => toElements({ organisations: drawn.organisations, flows: drawn.flows, fieldLabels, rank: drawn.rank }), [drawn, fieldLabels]);
  const edgeOfFlow = useMemo(() => new Map(drawn.flows.map((f) => [f.id, edgeIdFor(f)])), [drawn]);
  const kindsPresent = useMemo(() => new Set<OrganisationKind>(drawn.organisations.map((o) => o.kind)), [drawn]);
  const large = elements.length > LARGE_VIEW_ELEMENTS;

  const answerable = focus !== undefined && fieldKnown;
  const reachData = answerable ? reach.data : undefined;

  const highlight = useMemo(
    () => (reachData && focus ? highlightFrom(reachData, focus.id, edgeOfFlow) : focus ? { ...NO_HIGHLIGHT, focus: focus.id } : NO_HIGHLIGHT),
    [reachData, focus, edgeOfFlow],
  );
  const recipients = useMemo(
    () => (reachData?.recipientsReport.organisations ?? []).filter((r) => r.organisation.id !== state.org),
    [reachData, state.org],
  );
  const family = useMemo(() => (state.field ? fieldFamily(state.field, register.fields) : null), [state.field, register.fields]);
  const sentences = useMemo(() => (evidence.data && answerable ? chainSentences(evidence.data, family) : null), [evidence.data, family, answerable]);

  const focusName = focus?.name ?? state.org;
  const whatLabel = field?.label ?? null;
  const hidden = recipients.filter((r) => {
    const kind = organisations.get(r.organisation.id)?.kind;
    return kind !== undefined && state.hiddenKinds.includes(kind);
  }).length;
  const summary = !focus
    ? `${focusStatus === "cleared" ? "No focus" : "The focus is unknown"}, so nothing is highlighted: the map shows the whole register, ${drawn.organisations.length} organisations and ${drawn.flows.length} flows.`
    : reachData
      ? reachSummary({
          fieldLabel: whatLabel,
          focusName,
          hops: state.hops,
          reached: highlight.reached.length,
          possible: highlight.possible.length,
          truncated: reachData.recipientsReport.truncated,
          hidden,
          asOf: state.asOf,
        })
      : answerable
        ? `Finding where ${whatLabel ?? "pupil data"} from ${focusName} can go…`
        : "Nothing is highlighted: see the problem above.";
  const truncated = reachData?.recipientsReport.truncated ?? false;

  const select = useCallback((selection: Selection | null) => update({ selected: selection }), [update]);
  const toggleKind = useCallback(
    (kind: OrganisationKind, shown: boolean) =>
      update({ hiddenKinds: shown ? state.hiddenKinds.filter((k) => k !== kind) : [...state.hiddenKinds, kind] }),
    [update, state.hiddenKinds],
  );
  // The table and the sentences may follow a moment after the map: the map is drawn first.
  const tableRecipients = useDeferredValue(recipients);
  const deferredSentences = useDeferredValue(sentences);

  const drawForPrint = useCallback(() => {
    if (printImageRef.current && mapRef.current) printImageRef.current.src = mapRef.current.pngDataUrl();
  }, []);
  useEffect(() => {
    window.addEventListener("beforeprint", drawForPrint);
    return () => window.removeEventListener("beforeprint", drawForPrint);
  }, [drawForPrint]);

  const fileStem = `onward-${focus ? state.org : "register"}${state.field ? `-${state.field}` : ""}`;
  const selectedOrg = state.selected?.type === "org" ? state.selected.id : null;

  return (
    <main className="layout">
      <aside className="sidebar" aria-label="Focus, filters and legend">
        <Controls
          state={state}
          update={update}
          focus={focus}
          focusStatus={focusStatus}
          fields={register.fields}
          optOuts={register.optOuts}
          truncated={truncated}
        />
        <Legend
          hiddenKinds={state.hiddenKinds}
          kindsPresent={kindsPresent}
          onToggleKind={toggleKind}
        />
      </aside>

      <section
        className="map-area"
        aria-labelledby="map-title"
        data-reach={!focus ? "no-focus" : reach.loading || !reach.data ? "loading" : "ready"}
      >
        <h2 id="map-title" className="visually-hidden">
          Map
        </h2>
        {!fieldKnown && <Problem problem={{ title: "Unknown pupil field", detail: `No pupil field has the id “${state.field}”. Pick one under “Pupil field”.` }} />}
        {reach.error !== undefined && answerable && <Problem error={reach.error} />}
        <p className="reach-summary" aria-live="polite" data-testid="reach-summary">
          {summary}
        </p>
        {reachData && recipients.length === 0 && (
          <p className="hint">
            Nothing leaves {focusName} {whatLabel ? `with ${whatLabel.toLowerCase()} ` : ""}under these settings. Try more hops, another field, or
            fewer filters (an as-of date or a pupil's age leaves flows out).
          </p>
        )}
        <div className="map-toolbar" role="toolbar" aria-label="Map actions">
          <button type="button" onClick={() => mapRef.current?.fit()}>
            Fit to window
          </button>
          <button type="button" onClick={async () => mapRef.current && download(await mapRef.current.pngBlob(), `${fileStem}.png`)}>
            Download PNG
          </button>
          <button
            type="button"
            onClick={async () => mapRef.current && download(new Blob([await mapRef.current.svgText()], { type: "image/svg+xml" }), `${fileStem}.svg`)}
          >
            Download SVG
          </button>
          <button
            type="button"
            onClick={() => {
              drawForPrint();
              window.print();
            }}
          >
            Print summary for governors
          </button>
          <CopyLinkButton />
          {large && <span className="muted">Large view: zoom in to read the labels.</span>}
        </div>
        <FlowMap
          ref={mapRef}
          elements={elements}
          layoutKey={wholeView ? "register|" : `focus|${state.org}`}
          large={large}
          strictRanks={!wholeView}
          highlight={highlight}
          selected={state.selected?.id ?? null}
          onSelect={select}
          description={`Data-flow map. ${summary}${focus ? " The table below lists the same recipients." : ""}`}
        />
      </section>

      <aside className="details" aria-label="Details">
        {state.selected === null && (
          <p className="muted">Click an organisation or an arrow on the map (or a name in the table) to see its details and the notices' own words.</p>
        )}
        {state.selected?.type === "org" && (
          <OrganisationDetails
            id={state.selected.id}
            isFocus={state.selected.id === state.org}
            onSelect={select}
            onFocus={(id) => update({ org: id, selected: { type: "org", id } })}
          />
        )}
        {state.selected?.type === "edge" && <FlowDetails edgeId={state.selected.id} onSelect={select} />}
      </aside>

      <section className="table-area" aria-labelledby="table-title">
        <h2 id="table-title">Recipients as a table</h2>
        {!focus ? (
          <p className="muted">Focus the map on an organisation to list here where its pupils' data can go.</p>
        ) : (
          <RecipientsTable
            caption={`Where ${whatLabel ? inSentence(whatLabel) : "pupil data"} from ${focusName} can go within ${state.hops} ${state.hops === 1 ? "hop" : "hops"}`}
            recipients={tableRecipients}
            organisations={organisations}
            fieldLabels={fieldLabels}
            hiddenKinds={state.hiddenKinds}
            selectedOrg={selectedOrg}
            onSelect={select}
          />
        )}
      </section>

      <GovernorsSummary
        heading={focus ? `Summary for governors: ${whatLabel ?? "pupil data"} from ${focusName}` : "Summary for governors: the whole register"}
        summary={summary}
        sentences={deferredSentences}
        loading={evidence.loading}
        imageRef={printImageRef}
      />
    </main>
  );
}
