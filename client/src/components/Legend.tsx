import { memo } from "react";
import { LEVELS, ORGANISATION_KINDS, type Level, type OrganisationKind } from "../api/types";
import { KIND_VISUALS, LEVEL_VISUALS, MAP_COLOURS } from "../graph/visuals";
import { KindShape } from "./KindShape";

/** A sample of an arrow: its line and its head, as the map draws that level. */
function LineSample({ level, colour, width }: { level?: Level; colour: string; width?: number }) {
  const visual = level ? LEVEL_VISUALS[level] : null;
  const dotted = visual?.lineStyle === "dotted";
  const stroke = width ?? visual?.width ?? 2.5;
  const head = visual?.arrow ?? "triangle";
  const hollow = visual?.arrowFill === "hollow";
  return (
    <svg width="48" height="14" viewBox="0 0 48 14" aria-hidden="true" focusable="false">
      <line
        x1="2"
        y1="7"
        x2={head === "circle" ? 35 : 36}
        y2="7"
        stroke={colour}
        strokeWidth={stroke}
        strokeDasharray={dotted ? "0.1 4" : visual?.dash.join(" ") || undefined}
        strokeLinecap={dotted ? "round" : "butt"}
      />
      {head === "triangle" && <polygon points="36,1.5 46,7 36,12.5" fill={hollow ? "#fff" : colour} stroke={colour} strokeWidth="1.5" />}
      {head === "vee" && <polygon points="35,1.5 46,7 35,12.5 38.5,7" fill={colour} />}
      {head === "circle" && <circle cx="41" cy="7" r="4.5" fill="#fff" stroke={colour} strokeWidth="1.5" />}
      {head === "diamond" && <polygon points="35,7 40.5,1.5 46,7 40.5,12.5" fill={hollow ? "#fff" : colour} stroke={colour} strokeWidth="1.5" />}
    </svg>
  );
}

/** Acronyms the map's names use, each explained in one line on hover or focus. */
const ACRONYMS: readonly [string, string][] = [
  ["NPD", "National Pupil Database: the DfE's store of every pupil's census returns and results, from age 2 on"],
  ["DfE", "Department for Education (earlier DfES, then DCSF): collects the school census"],
  ["LA", "Local authority: the council responsible for schools in its area"],
  ["LRS", "Learning Records Service: issues Unique Learner Numbers and keeps learner records"],
  ["ESFA", "Education and Skills Funding Agency: funds schools, colleges and training"],
  ["ICO", "Information Commissioner's Office: the data protection regulator"],
  ["Ofsted", "Office for Standards in Education: inspects schools"],
  ["NHS", "National Health Service"],
  ["UPN", "Unique Pupil Number: the identifier a school gives each pupil"],
];

export interface LegendProps {
  /** With it, each kind has a checkbox that shows or hides that kind on the map. */
  hiddenKinds?: readonly OrganisationKind[];
  onToggleKind?: (kind: OrganisationKind, shown: boolean) => void;
  /** Kinds present on the current map, listed first; the rest are listed greyed. */
  kindsPresent?: ReadonlySet<OrganisationKind>;
  /** Beside the map: only the kinds present are listed; the rest fold away. */
  compact?: boolean;
}

/** The key to the map: shapes and colours of kinds, line styles of levels, and what the highlight means. */
export const Legend = memo(function Legend({ hiddenKinds, onToggleKind, kindsPresent, compact = false }: LegendProps) {
  const interactive = onToggleKind !== undefined;
  const kindItem = (kind: OrganisationKind) => {
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
            <input type="checkbox" checked={!hiddenKinds?.includes(kind)} onChange={(event) => onToggleKind(kind, event.target.checked)} />
            {content}
          </label>
        ) : (
          content
        )}
      </li>
    );
  };
  const shown = compact && kindsPresent ? ORGANISATION_KINDS.filter((k) => kindsPresent.has(k) || hiddenKinds?.includes(k)) : ORGANISATION_KINDS;
  const folded = ORGANISATION_KINDS.filter((k) => !shown.includes(k));
  return (
    <section className={compact ? "legend legend-compact" : "legend"} aria-labelledby={compact ? "legend-title" : undefined} aria-label={compact ? undefined : "Legend"}>
      {compact ? <h2 id="legend-title">Legend</h2> : <h2>Legend</h2>}
      <fieldset className="legend-kinds">
        <legend>Organisations {interactive ? "(untick to hide)" : ""}</legend>
        <ul>{shown.map(kindItem)}</ul>
        {folded.length > 0 && (
          <details>
            <summary>{folded.length} kinds not on this map</summary>
            <ul>{folded.map(kindItem)}</ul>
          </details>
        )}
      </fieldset>
      <h3>Arrows: how identifying</h3>
      <ul className="legend-lines">
        {LEVELS.map((level) => {
          const visual = LEVEL_VISUALS[level];
          return (
            <li key={level}>
              <LineSample level={level} colour={MAP_COLOURS.edge} />
              <span>
                {visual.label} <small>({visual.description})</small>
              </span>
            </li>
          );
        })}
        <li>
          <LineSample level="INDIVIDUAL" colour={MAP_COLOURS.inferredEdge} />
          <span>Lighter grey: inferred (the notice only implies it)</span>
        </li>
      </ul>
      <h3>Highlight</h3>
      <ul className="legend-lines">
        <li>
          <LineSample colour={MAP_COLOURS.highlight} width={3.5} />
          <span>Black arrow: on a chain the field can take</span>
        </li>
        <li>
          <svg width="48" height="18" viewBox="0 0 48 18" aria-hidden="true" focusable="false">
            <circle cx="12" cy="9" r="7" fill="#ccc" stroke="#111" strokeWidth="2.5" />
            <circle cx="32" cy="9" r="7" fill="#ccc" stroke="#111" strokeWidth="2.5" strokeDasharray="3 2" />
          </svg>
          <span>Black ring: reached; dashed ring: only possibly, or only if the sender includes an optional field</span>
        </li>
        <li>
          <svg width="48" height="18" viewBox="0 0 48 18" aria-hidden="true" focusable="false">
            <circle cx="22" cy="9" r="7" fill="#ccc" opacity="0.25" />
          </svg>
          <span>Faded: not reached from the focus</span>
        </li>
        <li>
          <svg width="48" height="20" viewBox="0 0 48 20" aria-hidden="true" focusable="false">
            <circle cx="22" cy="10" r="8" fill="#cc79a7" stroke="#1d2329" strokeWidth="1.2" />
            <circle cx="22" cy="10" r="6" fill="none" stroke="#1d2329" strokeWidth="1.2" />
          </svg>
          <span>Double ring: a group (“7 health bodies”); click it to list them</span>
        </li>
        <li>
          <svg width="48" height="20" viewBox="0 0 48 20" aria-hidden="true" focusable="false">
            <rect x="14" y="1" width="16" height="9" rx="2" fill="#0072b2" />
            <rect x="17" y="13" width="10" height="6" fill="#6f6f6f" />
          </svg>
          <span>
            <em>Small, italic, under another:</em> a processor, acting for that organisation (not an independent recipient)
          </span>
        </li>
      </ul>
      <p className="acronyms">
        <span>Acronyms (hover or focus): </span>
        {ACRONYMS.map(([short, long], i) => (
          <span key={short}>
            {i > 0 && ", "}
            <abbr title={long} tabIndex={0}>
              {short}
            </abbr>
          </span>
        ))}
      </p>
    </section>
  );
});
