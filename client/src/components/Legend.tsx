import { memo } from "react";
import { LEVELS, ORGANISATION_KINDS, type OrganisationKind } from "../api/types";
import { KIND_VISUALS, LEVEL_VISUALS, MAP_COLOURS } from "../graph/visuals";
import { KindShape } from "./KindShape";

function LineSample({ dash, width, colour, dotted }: { dash: number[]; width: number; colour: string; dotted?: boolean }) {
  return (
    <svg width="44" height="12" viewBox="0 0 44 12" aria-hidden="true" focusable="false">
      <line
        x1="2"
        y1="6"
        x2="42"
        y2="6"
        stroke={colour}
        strokeWidth={width}
        strokeDasharray={dotted ? "0.1 4" : dash.join(" ") || undefined}
        strokeLinecap={dotted ? "round" : "butt"}
      />
    </svg>
  );
}

export interface LegendProps {
  /** With it, each kind has a checkbox that shows or hides that kind on the map. */
  hiddenKinds?: readonly OrganisationKind[];
  onToggleKind?: (kind: OrganisationKind, shown: boolean) => void;
  /** Kinds present on the current map, listed first; the rest are listed greyed. */
  kindsPresent?: ReadonlySet<OrganisationKind>;
}

/** The key to the map: shapes and colours of kinds, line styles of levels, and what the highlight means. */
export const Legend = memo(function Legend({ hiddenKinds, onToggleKind, kindsPresent }: LegendProps) {
  const interactive = onToggleKind !== undefined;
  return (
    <section className="legend" aria-labelledby="legend-title">
      <h2 id="legend-title">Legend</h2>
      <fieldset className="legend-kinds">
        <legend>Organisations {interactive ? "(untick to hide a kind)" : ""}</legend>
        <ul>
          {ORGANISATION_KINDS.map((kind) => {
            const present = kindsPresent === undefined || kindsPresent.has(kind);
            const content = (
              <>
                <KindShape kind={kind} />
                <span>{KIND_VISUALS[kind].label}</span>
              </>
            );
            return (
              <li key={kind} className={present ? undefined : "absent"}>
                {interactive ? (
                  <label>
                    <input
                      type="checkbox"
                      checked={!hiddenKinds?.includes(kind)}
                      onChange={(event) => onToggleKind(kind, event.target.checked)}
                    />
                    {content}
                  </label>
                ) : (
                  content
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <h3>Arrows: how identifying the data is</h3>
      <ul className="legend-lines">
        {LEVELS.map((level) => {
          const visual = LEVEL_VISUALS[level];
          return (
            <li key={level}>
              <LineSample dash={visual.dash} width={visual.width} colour={MAP_COLOURS.edge} dotted={visual.lineStyle === "dotted"} />
              <span>
                {visual.label} <small>({visual.description})</small>
              </span>
            </li>
          );
        })}
        <li>
          <LineSample dash={[]} width={2.5} colour={MAP_COLOURS.inferredEdge} />
          <span>
            Lighter, label ends “(inferred)”: the notice only implies the flow
          </span>
        </li>
      </ul>
      <h3>Highlight</h3>
      <ul className="legend-lines">
        <li>
          <LineSample dash={[]} width={3.5} colour={MAP_COLOURS.highlight} />
          <span>Black arrow: on a chain the field can take</span>
        </li>
        <li>
          <svg width="44" height="18" viewBox="0 0 44 18" aria-hidden="true" focusable="false">
            <circle cx="12" cy="9" r="7" fill="#ccc" stroke="#111" strokeWidth="2.5" />
            <circle cx="32" cy="9" r="7" fill="#ccc" stroke="#111" strokeWidth="2.5" strokeDasharray="3 2" />
          </svg>
          <span>Black ring: reached; dashed ring: only possibly (inside a broader heading)</span>
        </li>
        <li>
          <svg width="44" height="18" viewBox="0 0 44 18" aria-hidden="true" focusable="false">
            <circle cx="22" cy="9" r="7" fill="#ccc" opacity="0.25" />
          </svg>
          <span>Faded: not reached by the field from the focus</span>
        </li>
      </ul>
    </section>
  );
});
