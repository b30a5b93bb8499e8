import { useMemo } from "react";
import type { FieldSummary, OptOutSummary, OrganisationSummary } from "../api/types";
import { ERA_PRESETS, EVERY_ERA, MAX_HOPS, NO_FOCUS, todayIso, type ViewState } from "../state/view-state";
import type { FocusStatus } from "./MapPage";

export interface ControlsProps {
  state: ViewState;
  update: (patch: Partial<ViewState>, options?: { replace?: boolean }) => void;
  /** the focus, when the register has it */
  focus: OrganisationSummary | undefined;
  focusStatus: FocusStatus;
  fields: readonly FieldSummary[];
  optOuts: readonly OptOutSummary[];
  /** whether a larger hop limit would reach further */
  truncated: boolean;
}

const CATEGORY_NAMES: Record<string, string> = {
  IDENTIFIERS: "Identifiers",
  CHARACTERISTICS: "Characteristics",
  ATTENDANCE: "Attendance",
  ASSESSMENT: "Assessment",
  SEN: "Special educational needs",
  MEDICAL: "Medical",
  BEHAVIOUR: "Behaviour",
  PARENT: "Parents",
  OTHER: "Other and umbrella headings",
};

/** Focus, field, hops, view and filters: every control writes to the view state (so to the URL). */
export function Controls({ state, update, focus, focusStatus, fields, optOuts, truncated }: ControlsProps) {
  const byCategory = useMemo(() => {
    const groups = new Map<string, FieldSummary[]>();
    for (const field of fields) groups.set(field.category, [...(groups.get(field.category) ?? []), field]);
    return [...groups.entries()];
  }, [fields]);
  const preset = ERA_PRESETS.find((p) => p.date === state.asOf);
  const today = todayIso();

  return (
    <div className="controls">
      <section aria-labelledby="focus-title">
        <h2 id="focus-title">Focus</h2>
        {focus ? (
          <p className="focus-name">
            <strong>{focus.name}</strong>
            {focus.aliases.length > 0 && <small> also {focus.aliases.slice(0, 3).join(", ")}</small>}
          </p>
        ) : (
          <FocusMissing status={focusStatus} id={state.org} update={update} />
        )}
        <label htmlFor="field-select">Pupil field</label>
        <select id="field-select" value={state.field ?? ""} onChange={(event) => update({ field: event.target.value || null })}>
          <option value="">Any pupil data</option>
          {byCategory.map(([category, list]) => (
            <optgroup key={category} label={CATEGORY_NAMES[category] ?? category}>
              {list.map((field) => (
                <option key={field.id} value={field.id}>
                  {field.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </section>

      <section aria-labelledby="extent-title">
        <h2 id="extent-title">How far</h2>
        <div className="hops" role="group" aria-label="Hop limit">
          <button type="button" aria-label="One hop fewer" disabled={state.hops <= 1} onClick={() => update({ hops: state.hops - 1 })}>
            −
          </button>
          <output aria-live="polite">
            {state.hops} {state.hops === 1 ? "hop" : "hops"}
          </output>
          <button type="button" aria-label="One hop more" disabled={state.hops >= MAX_HOPS} onClick={() => update({ hops: state.hops + 1 })}>
            +
          </button>
        </div>
        {truncated && state.hops < MAX_HOPS && (
          <button type="button" className="expand" onClick={() => update({ hops: state.hops + 1 })}>
            Show one more hop
          </button>
        )}
        <fieldset className="view-mode">
          <legend>Draw</legend>
          <label>
            <input type="radio" name="view" checked={focus !== undefined && state.view === "focus"} disabled={!focus} onChange={() => update({ view: "focus" })} />{" "}
            The focus and its onward hops
          </label>
          <label>
            <input type="radio" name="view" checked={!focus || state.view === "register"} onChange={() => update({ view: "register" })} /> The whole
            register
          </label>
        </fieldset>
      </section>

      <section aria-labelledby="filters-title">
        <h2 id="filters-title">Filters</h2>
        <label className="check">
          <input type="checkbox" checked={state.identifiableOnly} onChange={(event) => update({ identifiableOnly: event.target.checked })} />
          Identifiable data only (individual or pseudonymised)
        </label>
        <label className="check">
          <input type="checkbox" checked={state.statedOnly} onChange={(event) => update({ statedOnly: event.target.checked })} />
          Stated flows only (leave out inferred ones)
        </label>
        <label htmlFor="age-input">Pupil's age</label>
        <input
          id="age-input"
          type="number"
          min={0}
          max={25}
          placeholder="any"
          value={state.pupilAge ?? ""}
          onChange={(event) => {
            const value = event.target.value === "" ? null : Number(event.target.value);
            update({ pupilAge: value !== null && Number.isInteger(value) && value >= 0 && value <= 25 ? value : null }, { replace: true });
          }}
        />
        <label htmlFor="asof-select">As the notices stood on</label>
        <select
          id="asof-select"
          value={state.asOf === null ? EVERY_ERA : state.asOf === today ? "today" : preset ? preset.date : "custom"}
          onChange={(event) => {
            const value = event.target.value;
            if (value === "custom") update({ asOf: state.asOf ?? today });
            else if (value === "today") update({ asOf: today });
            else update({ asOf: value === EVERY_ERA ? null : value });
          }}
        >
          <option value="today">Today: {today}</option>
          {ERA_PRESETS.map((p) => (
            <option key={p.date} value={p.date}>
              {p.label}: {p.date}
            </option>
          ))}
          <option value="custom">Another date…</option>
          <option value={EVERY_ERA}>Every era at once (mixes 2006 to today, closed bodies included)</option>
        </select>
        {state.asOf !== null && (
          <input
            type="date"
            aria-label="As-of date"
            value={state.asOf}
            onChange={(event) => event.target.value && update({ asOf: event.target.value }, { replace: true })}
          />
        )}
        {optOuts.length > 0 && (
          <fieldset className="opt-outs">
            <legend>Opt-outs exercised</legend>
            {optOuts.map((optOut) => (
              <label className="check" key={optOut.id}>
                <input
                  type="checkbox"
                  checked={state.optOuts.includes(optOut.id)}
                  onChange={(event) =>
                    update({ optOuts: event.target.checked ? [...state.optOuts, optOut.id] : state.optOuts.filter((id) => id !== optOut.id) })
                  }
                />
                {optOut.label}
              </label>
            ))}
          </fieldset>
        )}
      </section>
    </div>
  );
}

/**
 * In place of the focus's name when there is none to highlight from: says why, and how to get
 * one (the map below draws the whole register meanwhile).
 */
function FocusMissing({ status, id, update }: { status: FocusStatus; id: string; update: ControlsProps["update"] }) {
  if (status === "cleared") {
    return (
      <p className="focus-missing" data-testid="focus-missing">
        No focus. Pick an organisation with the search above, or click one on the map and choose <em>Focus the map on…</em>
      </p>
    );
  }
  return (
    <div className="focus-missing problem" role="alert" data-testid="focus-missing">
      <p>
        No organisation has the id <code>{id}</code> in this register{status === "gone" ? " any more (it changed since this page loaded)" : ""}. The link
        may be older than a change to the register. Pick another with the search above or on the map, or clear the focus.
      </p>
      <button type="button" onClick={() => update({ org: NO_FOCUS, selected: null })}>
        Clear the focus
      </button>
    </div>
  );
}
