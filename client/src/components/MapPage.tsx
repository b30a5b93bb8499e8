import { useCallback, useDeferredValue, useEffect, useMemo, useRef } from "react";
import { refusalErrors } from "../api/errors";
import type { EvidenceData, OrganisationKind, ReachData, ReachVariables, RegisterData } from "../api/types";
import { inSentence } from "../graph/field-labels";
import { groupHighlight, groupOrganisations } from "../graph/grouping";
import { processorControllers, withProcessorsBesideControllers } from "../graph/processors";
import { highlightFrom, NO_HIGHLIGHT } from "../graph/highlight";
import { neighbourhood, wholeRegister, type DrawFilters } from "../graph/neighbourhood";
import { edgeIdFor, toElements } from "../graph/to-elements";
import { KIND_VISUALS, LARGE_VIEW_ELEMENTS } from "../graph/visuals";
import { NO_FOCUS, type Selection, type ViewState } from "../state/view-state";
import { chainSentences, fieldFamily } from "../text/sentences";
import { reachSummary } from "../text/summary";
import { Controls } from "./Controls";
import type { FlowMapHandle } from "./FlowMap";
import { GovernorsSummary } from "./GovernorsSummary";
import { GroupsBar } from "./GroupsBar";
import { Legend } from "./Legend";
import { MapToolbar } from "./MapToolbar";
import { loadable } from "./loadable";
import { useFlowMap, useHoldForFirstAnswer } from "./map-loading";
import { Problem } from "./Problem";
// Shown on every map view, and small (4 KB together): in the page's own script. As lazy chunks
// they were asked for only once the register had arrived, and the map waited on them.
import { RecipientsTable } from "./RecipientsTable";

/** When a part of the page's script could not be fetched (the server stopped, or was updated). */
const SCRIPT_FAILED = {
  title: "Part of the page could not be loaded",
  detail: "Its script did not arrive: the register may have been stopped or updated. Reload the page; clicking again also tries again.",
};

// Not needed for the first map: fetched once it has its answer (or something is clicked).
const organisationDetails = loadable(() => import("./OrganisationDetails").then((m) => m.OrganisationDetails));
const flowDetails = loadable(() => import("./FlowDetails").then((m) => m.FlowDetails));

/**
 * Whether the map has an organisation to highlight from: "known"; "cleared" by the reader;
 * "unknown" to the register (a link to an id it does not have, e.g. one made before an import
 * renamed or removed it); or "gone": listed when the page loaded but unknown to the server now.
 * Without a known focus the whole register is drawn, with nothing highlighted.
 */
export type FocusStatus = "known" | "cleared" | "unknown" | "gone";

/** Whether a chain question failed because the server has no organisation with its `from` id. */
function focusNotFound(error: unknown): boolean {
  return refusalErrors(error)?.some((e) => e.extensions?.code === "NOT_FOUND" && e.extensions?.kind === "organisation") ?? false;
}

interface MapPageProps {
  register: RegisterData;
  state: ViewState;
  update: (patch: Partial<ViewState>, options?: { replace?: boolean }) => void;
  /** with the question its data answers (the last one while a new answer is fetched) */
  reach: Answer<ReachData> & { answers: ReachQuestion | undefined };
  evidence: Answer<EvidenceData>;
}

/** What the table says its rows answer. */
type ReachQuestion = Pick<ReachVariables, "from" | "field" | "maxHops">;

/** Where a query stands, as the page needs it. */
interface Answer<T> {
  data: T | undefined;
  loading: boolean;
  error: Error | undefined;
}

/** The map page: focus and filters, the map with its legend, details, the table and the summary. */
export function MapPage({ register, state, update, reach, evidence }: MapPageProps) {
  const mapRef = useRef<FlowMapHandle>(null);
  const FlowMap = useFlowMap();
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
  // Processors are drawn in the column of the organisation they act for, beside it, never grouped.
  const processors = useMemo(() => processorControllers(drawn.organisations, drawn.flows), [drawn]);
  const rank = useMemo(() => withProcessorsBesideControllers(drawn.rank, processors), [drawn, processors]);
  const selectedOrg = state.selected?.type === "org" ? state.selected.id : null;
  // The focus, the organisation whose details are open, and every one that passes data on (chains
  // run through it) are drawn on their own; only leaves are grouped.
  const senders = useMemo(() => new Set(drawn.flows.map((f) => f.from.id)), [drawn]);
  // Only a selected leaf changes the grouping: selecting anything else redraws nothing.
  const selectedLeaf = selectedOrg !== null && !senders.has(selectedOrg) ? selectedOrg : null;
  const grouping = useMemo(() => {
    const keep = new Set<string>([...senders, ...processors.keys()]);
    if (focus) keep.add(focus.id);
    if (selectedLeaf) keep.add(selectedLeaf);
    return groupOrganisations(drawn.organisations, rank, state.openGroups, keep);
  }, [drawn, rank, processors, senders, focus, selectedLeaf, state.openGroups]);
  const elements = useMemo(
    () =>
      toElements({
        organisations: drawn.organisations,
        flows: drawn.flows,
        fieldLabels,
        rank,
        nodeOf: grouping.nodeOf,
        groups: grouping.groups,
        beyond: wholeView ? undefined : { count: drawn.beyond ?? 0, hops: state.hops },
        processors,
      }),
    [drawn, rank, processors, fieldLabels, grouping, wholeView, state.hops],
  );
  const edgeOfFlow = useMemo(() => new Map(drawn.flows.map((f) => [f.id, edgeIdFor(f, grouping.nodeOf)])), [drawn, grouping]);
  const kindsPresent = useMemo(() => new Set<OrganisationKind>(drawn.organisations.map((o) => o.kind)), [drawn]);
  const large = elements.length > LARGE_VIEW_ELEMENTS;

  const answerable = focus !== undefined && fieldKnown;
  const reachData = answerable ? reach.data : undefined;
  // The panels' scripts (with Apollo Client, which only they use) are fetched once the map is
  // drawn (its sentences are then asked), or at once when clicked: before that they would compete
  // with the first view for the main thread.
  const mapShown = evidence.loading || evidence.data !== undefined;
  const OrganisationDetails = organisationDetails.use(state.selected?.type === "org" || mapShown);
  const FlowDetails = flowDetails.use(state.selected?.type === "edge" || mapShown);
  const holdMap = useHoldForFirstAnswer(answerable && reach.data === undefined && reach.loading);

  const highlight = useMemo(
    () => (reachData && focus ? highlightFrom(reachData, focus.id, edgeOfFlow) : focus ? { ...NO_HIGHLIGHT, focus: focus.id } : NO_HIGHLIGHT),
    [reachData, focus, edgeOfFlow],
  );
  const drawnHighlight = useMemo(() => groupHighlight(highlight, grouping.nodeOf), [highlight, grouping]);
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
  // The last answer, still shown while the new one is fetched (or could not be had): the map and
  // the table keep it, and say so; the summary never gives its numbers under the new question.
  const showingPrevious = reachData !== undefined && (reach.loading || reach.error !== undefined);
  const whatInSentence = whatLabel ? inSentence(whatLabel) : "pupil data";
  const summary = !focus
    ? `${focusStatus === "cleared" ? "No focus" : "The focus is unknown"}, so nothing is highlighted: the map shows the whole register, ${drawn.organisations.length} organisations and ${drawn.flows.length} flows.`
    : reachData && !showingPrevious
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
      : answerable && reach.error === undefined
        ? `Finding where ${whatInSentence} from ${focusName} can go…`
        : answerable
          ? `No answer for where ${whatInSentence} from ${focusName} can go: see the problem above.`
          : "Nothing is highlighted: see the problem above.";
  const truncated = reachData?.recipientsReport.truncated ?? false;
  const chainsCut = reachData?.onwardChains.truncated ?? false;

  const select = useCallback((selection: Selection | null) => update({ selected: selection }), [update]);
  const toggleKind = useCallback(
    (kind: OrganisationKind, shown: boolean) =>
      update({ hiddenKinds: shown ? state.hiddenKinds.filter((k) => k !== kind) : [...state.hiddenKinds, kind] }),
    [update, state.hiddenKinds],
  );
  const toggleGroup = useCallback(
    (id: string) => update({ openGroups: state.openGroups.includes(id) ? state.openGroups.filter((g) => g !== id) : [...state.openGroups, id] }),
    [update, state.openGroups],
  );
  const moreHops = useCallback(() => update({ hops: Math.min(state.hops + 1, 12) }), [update, state.hops]);
  // The table and the sentences may follow a moment after the map: the map is drawn first. The
  // table's caption goes with its rows: while a new answer is fetched they are the last one's,
  // and the caption says what that answered, not what is being asked.
  const tableNow = useMemo(() => ({ recipients, answers: reach.answers, previous: showingPrevious }), [recipients, reach.answers, showingPrevious]);
  const table = useDeferredValue(tableNow);
  const deferredSentences = useDeferredValue(sentences);

  const drawForPrint = useCallback(() => {
    if (printImageRef.current && mapRef.current) printImageRef.current.src = mapRef.current.pngDataUrl();
  }, []);
  useEffect(() => {
    window.addEventListener("beforeprint", drawForPrint);
    return () => window.removeEventListener("beforeprint", drawForPrint);
  }, [drawForPrint]);

  const fileStem = `onward-${focus ? state.org : "register"}${state.field ? `-${state.field}` : ""}`;
  const asOfWords = state.asOf === null ? "every era at once (2006 to today)" : `as the notices stood on ${state.asOf}`;
  const presentingTitle = focus
    ? `Where ${whatLabel ? inSentence(whatLabel) : "pupil data"} from ${focusName} can go, within ${state.hops} ${state.hops === 1 ? "hop" : "hops"}: ${asOfWords}`
    : `The whole register: ${asOfWords}`;

  return (
    <main className="layout">
      <aside className="sidebar" aria-label="Focus and filters">
        <Controls
          state={state}
          update={update}
          focus={focus}
          focusStatus={focusStatus}
          fields={register.fields}
          optOuts={register.optOuts}
          truncated={truncated}
        />
      </aside>

      <section
        className="map-area"
        aria-labelledby="map-title"
        data-reach={!focus ? "no-focus" : reach.loading || !reach.data ? "loading" : "ready"}
      >
        {state.presenting ? (
          <h2 id="map-title" className="presenting-title">
            {presentingTitle}
          </h2>
        ) : (
          <h2 id="map-title" className="visually-hidden">
            Map
          </h2>
        )}
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
        <MapToolbar
          map={mapRef}
          fileStem={fileStem}
          presenting={state.presenting}
          onPresent={(presenting) => update({ presenting })}
          onPrint={() => {
            drawForPrint();
            window.print();
          }}
          large={large}
        />
        <GroupsBar
          groups={grouping.groups}
          organisations={drawn.organisations.length}
          drawnNodes={elements.filter((e) => e.group === "nodes").length}
          onToggle={toggleGroup}
          onOpenAll={() => update({ openGroups: ["all"] })}
          onCloseAll={() => update({ openGroups: [] })}
          openAll={state.openGroups.includes("all")}
          chainsCut={chainsCut}
          beyond={wholeView ? undefined : { count: drawn.beyond ?? 0, hops: state.hops }}
          onMore={moreHops}
        />
        <div className={showingPrevious ? "map-with-legend updating" : "map-with-legend"}>
          {showingPrevious && (
            // Shown (and the map dimmed) only once the answer has taken 300 ms: a quick one flickers nothing.
            // Hidden from screen readers: the summary above says the same.
            <p className="map-updating" aria-hidden="true" data-testid="map-updating">
              {reach.error === undefined ? "Finding the new answer: the map still shows the last one." : "No new answer: the map still shows the last one."}
            </p>
          )}
          {FlowMap instanceof Error ? (
            <Problem problem={SCRIPT_FAILED} />
          ) : FlowMap === null || holdMap ? (
            <div className="flow-map" aria-busy="true" />
          ) : (
          <FlowMap
            ref={mapRef}
            elements={elements}
            layoutKey={wholeView ? "register|" : `focus|${state.org}`}
            large={large}
            presenting={state.presenting}
            renderer={state.renderer}
            highlight={drawnHighlight}
            selected={state.selected?.id ?? null}
            onSelect={select}
            onToggleGroup={toggleGroup}
            onMore={moreHops}
            description={`Data-flow map. ${summary}${focus ? " The table below lists the same recipients." : ""}`}
          />
          )}
          {state.presenting && <Legend kindsPresent={kindsPresent} compact />}
        </div>
      </section>

      <div className="side-column">
      <Legend hiddenKinds={state.hiddenKinds} kindsPresent={kindsPresent} onToggleKind={toggleKind} compact />
      <aside className={state.selected === null ? "details" : "details has-selection"} aria-label="Details">
        {state.selected === null && (
          <p className="muted">Click an organisation or an arrow on the map (or a name in the table) to see its details and the notices' own words.</p>
        )}
        {state.selected?.type === "org" &&
          (OrganisationDetails instanceof Error ? (
            <Problem problem={SCRIPT_FAILED} />
          ) : OrganisationDetails === null ? (
            <p aria-busy="true">Loading…</p>
          ) : (
            <OrganisationDetails
              id={state.selected.id}
              isFocus={state.selected.id === state.org}
              onSelect={select}
              onFocus={(id) => update({ org: id, selected: { type: "org", id } })}
            />
          ))}
        {state.selected?.type === "edge" &&
          (FlowDetails instanceof Error ? (
            <Problem problem={SCRIPT_FAILED} />
          ) : FlowDetails === null ? (
            <p aria-busy="true">Loading…</p>
          ) : (
            <FlowDetails edgeId={state.selected.id} onSelect={select} family={family} />
          ))}
      </aside>
      </div>

      <section className="table-area" aria-labelledby="table-title" aria-busy={table.previous || undefined}>
        <h2 id="table-title">Recipients as a table</h2>
        {!focus ? (
          <p className="muted">Focus the map on an organisation to list here where its pupils' data can go.</p>
        ) : (
          <>
          {table.previous && (
            <p className="muted" data-testid="table-previous">
              {reach.error === undefined ? "The last answer, until the new one is found." : "The last answer: the new one could not be found."}
            </p>
          )}
          <RecipientsTable
            caption={reachCaption(table.answers ?? { from: state.org, field: state.field, maxHops: state.hops }, organisations, fieldLabels)}
            recipients={table.recipients}
            organisations={organisations}
            fieldLabels={fieldLabels}
            hiddenKinds={state.hiddenKinds}
            selectedOrg={selectedOrg}
            onSelect={select}
          />
          </>
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

/** "Where ethnicity from Stokes Wood Primary School can go within 2 hops" */
function reachCaption(question: ReachQuestion, organisations: ReadonlyMap<string, { name: string }>, fieldLabels: ReadonlyMap<string, string>): string {
  const label = question.field ? fieldLabels.get(question.field) : undefined;
  const hops = `${question.maxHops} ${question.maxHops === 1 ? "hop" : "hops"}`;
  return `Where ${label ? inSentence(label) : "pupil data"} from ${organisations.get(question.from)?.name ?? question.from} can go within ${hops}`;
}
