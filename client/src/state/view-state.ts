import { ORGANISATION_KINDS, type OrganisationKind } from "../api/types";

/** Everything that defines the picture; it lives in the URL so a link reproduces it. */
export interface ViewState {
  /**
   * the focus organisation's id; NO_FOCUS ("") when the focus is cleared, and then the whole
   * register is drawn with nothing highlighted (as it is for an id the register does not have)
   */
  org: string;
  /** a pupil field's id, or null for any pupil data */
  field: string | null;
  /** hop limit of the highlight (and of the drawing around the focus) */
  hops: number;
  /** "focus": the focus and its onward hops; "register": every organisation */
  view: "focus" | "register";
  identifiableOnly: boolean;
  statedOnly: boolean;
  pupilAge: number | null;
  optOuts: string[];
  /** the date the picture shows (today unless the user picks another); null = every era at once */
  asOf: string | null;
  hiddenKinds: OrganisationKind[];
  /** the organisation or arrow whose details are open */
  selected: Selection | null;
  /** groups of organisations opened on the map (grouping.ts ids, or "all") */
  openGroups: string[];
  /** presenting to a room: the map fills the screen, larger names, filters hidden */
  presenting: boolean;
  /**
   * how the map is drawn: "auto" lets large views use the WebGL renderer; "canvas" keeps the
   * 2D canvas renderer (a machine whose WebGL is software-only may draw faster without it)
   */
  renderer: "auto" | "canvas";
}

export type Selection = { type: "org"; id: string } | { type: "edge"; id: string };

export const DEFAULT_FOCUS = "stokes-wood-primary-school";
/** The focus of a view whose focus was cleared: written `?org=` (a missing `org` is the default). */
export const NO_FOCUS = "";

/** Today's date (the user's own calendar day) as YYYY-MM-DD: what the map shows unless told otherwise. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The URL value for "every era at once", a choice the user makes (the API's asOf: null). */
export const EVERY_ERA = "all";
export const DEFAULT_HOPS = 2;
export const MAX_HOPS = 12;

export const DEFAULT_VIEW: ViewState = {
  org: DEFAULT_FOCUS,
  field: null,
  hops: DEFAULT_HOPS,
  view: "focus",
  identifiableOnly: false,
  statedOnly: false,
  pupilAge: null,
  optOuts: [],
  // Today's picture by default: bodies abolished years ago are not current recipients.
  asOf: todayIso(),
  hiddenKinds: [],
  selected: null,
  openGroups: [],
  presenting: false,
  renderer: "auto",
};

/** The notices' eras, offered as as-of presets. */
export const ERA_PRESETS: readonly { date: string; label: string }[] = [
  { date: "2009-06-01", label: "DCSF era (2009)" },
  { date: "2011-06-01", label: "DfE 2010-12 (2011)" },
  { date: "2019-06-01", label: "UK GDPR era (2019)" },
];

const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const GROUP = /^(all|group~\d+~[a-z_]+)$/;

function integer(value: string | null, min: number, max: number): number | null {
  if (value === null || !/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

function list(value: string | null): string[] {
  return value ? value.split(",").filter((item) => item !== "") : [];
}

/** Reads a view from a query string; anything missing or malformed falls back to the default. */
export function parseViewState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const org = params.get("org");
  const field = params.get("field");
  const asOf = params.get("asof");
  const sel = params.get("sel");
  let selected: Selection | null = null;
  if (sel?.startsWith("org:")) selected = { type: "org", id: sel.slice(4) };
  else if (sel?.startsWith("edge:")) selected = { type: "edge", id: sel.slice(5) };
  return {
    org: org === NO_FOCUS ? NO_FOCUS : org && SLUG.test(org) ? org : DEFAULT_FOCUS,
    field: field && SLUG.test(field) ? field : null,
    hops: integer(params.get("hops"), 1, MAX_HOPS) ?? DEFAULT_HOPS,
    view: params.get("view") === "register" ? "register" : "focus",
    identifiableOnly: params.get("identifiable") === "1",
    statedOnly: params.get("stated") === "1",
    pupilAge: integer(params.get("age"), 0, 25),
    optOuts: list(params.get("optouts")).filter((id) => SLUG.test(id)),
    asOf: asOf === EVERY_ERA ? null : asOf && DATE.test(asOf) ? asOf : DEFAULT_VIEW.asOf,
    hiddenKinds: list(params.get("hide")).filter((k): k is OrganisationKind => (ORGANISATION_KINDS as readonly string[]).includes(k)),
    selected,
    openGroups: list(params.get("open")).filter((id) => GROUP.test(id)),
    presenting: params.get("present") === "1",
    renderer: params.get("renderer") === "canvas" ? "canvas" : "auto",
  };
}

/** Writes a view as a query string (with "?"); parseViewState reads it back unchanged. */
export function serializeViewState(state: ViewState): string {
  const params = new URLSearchParams();
  params.set("org", state.org);
  if (state.field) params.set("field", state.field);
  params.set("hops", String(state.hops));
  params.set("view", state.view);
  if (state.identifiableOnly) params.set("identifiable", "1");
  if (state.statedOnly) params.set("stated", "1");
  if (state.pupilAge !== null) params.set("age", String(state.pupilAge));
  if (state.optOuts.length > 0) params.set("optouts", [...state.optOuts].sort().join(","));
  // Always written, so a link shows the same date tomorrow (or every era, when chosen).
  params.set("asof", state.asOf ?? EVERY_ERA);
  if (state.hiddenKinds.length > 0) params.set("hide", [...state.hiddenKinds].sort().join(","));
  if (state.selected) params.set("sel", `${state.selected.type}:${state.selected.id}`);
  if (state.openGroups.length > 0) params.set("open", [...state.openGroups].sort().join(","));
  if (state.presenting) params.set("present", "1");
  if (state.renderer === "canvas") params.set("renderer", "canvas");
  return `?${params.toString()}`;
}

/** The API's filter arguments for a view (shared by the highlight and the evidence queries). */
export function reachVariables(state: ViewState) {
  return {
    from: state.org,
    field: state.field,
    maxHops: state.hops,
    pupilAge: state.pupilAge,
    optOuts: state.optOuts.length > 0 ? state.optOuts : null,
    asOf: state.asOf,
    basis: state.statedOnly ? ("STATED" as const) : ("STATED_OR_INFERRED" as const),
    identifiableOnly: state.identifiableOnly,
  };
}
