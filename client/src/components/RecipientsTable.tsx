import { memo, type KeyboardEvent } from "react";
import type { Certainty, OrganisationKind, OrganisationSummary, ReachRecipient } from "../api/types";
import { KIND_VISUALS, LEVEL_VISUALS } from "../graph/visuals";
import type { Selection } from "../state/view-state";
import { KindShape } from "./KindShape";

const CERTAINTY_WORDS: Record<Certainty, string> = {
  DEFINITE: "Definite",
  OPTIONAL: "Optional (a notice says the sender may leave it out)",
  POSSIBLE: "Possible (inside a broader heading, or only some of the data)",
};

export interface RecipientsTableProps {
  caption: string;
  recipients: readonly ReachRecipient[];
  organisations: ReadonlyMap<string, OrganisationSummary>;
  fieldLabels: ReadonlyMap<string, string>;
  hiddenKinds: readonly OrganisationKind[];
  selectedOrg: string | null;
  onSelect: (selection: Selection) => void;
}

/** Up and down arrows move between the rows' buttons, as in a list. */
function moveBetweenRows(event: KeyboardEvent<HTMLTableSectionElement>) {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>("button.row-button")];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  const next = buttons[at + (event.key === "ArrowDown" ? 1 : -1)];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

/** The map as a table: who the focus's data reach, in how many hops, how identifiable and how surely. */
export const RecipientsTable = memo(function RecipientsTable({ caption, recipients, organisations, fieldLabels, hiddenKinds, selectedOrg, onSelect }: RecipientsTableProps) {
  const name = (id: string) => organisations.get(id)?.name ?? id;
  const rows = [...recipients].sort((a, b) => a.hops - b.hops || name(a.organisation.id).localeCompare(name(b.organisation.id)));
  return (
    <table className="recipients">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Organisation</th>
          <th scope="col">Kind</th>
          <th scope="col">Hops</th>
          <th scope="col">Level</th>
          <th scope="col">Certainty</th>
          <th scope="col">Notices</th>
          <th scope="col">Fields on the last hop</th>
          <th scope="col">Route</th>
        </tr>
      </thead>
      <tbody onKeyDown={moveBetweenRows}>
        {rows.length === 0 && (
          <tr>
            <td colSpan={8}>No organisation: see the summary above.</td>
          </tr>
        )}
        {rows.map((r) => {
          const org = organisations.get(r.organisation.id);
          const hidden = org !== undefined && hiddenKinds.includes(org.kind);
          const inferred = r.chain.inferredHops.length;
          return (
            <tr key={r.organisation.id} data-org={r.organisation.id} aria-selected={selectedOrg === r.organisation.id}>
              <th scope="row">
                <button type="button" className="row-button link" onClick={() => onSelect({ type: "org", id: r.organisation.id })}>
                  {name(r.organisation.id)}
                </button>
                {hidden && <small> (kind hidden on the map)</small>}
              </th>
              <td>
                {org && (
                  <>
                    <KindShape kind={org.kind} size={14} /> {KIND_VISUALS[org.kind].label}
                  </>
                )}
              </td>
              <td>{r.hops}</td>
              <td>
                {LEVEL_VISUALS[r.level].label}
                {(r.chain.unstatedLevelHops?.length ?? 0) > 0 && <small> (a notice on the way states no level: counted as the most identifying)</small>}
              </td>
              <td>{CERTAINTY_WORDS[r.certainty]}</td>
              <td>{inferred === 0 ? "Stated" : `${inferred} inferred ${inferred === 1 ? "hop" : "hops"}`}</td>
              <td>{r.chain.fields.map((f) => fieldLabels.get(f.id) ?? f.id).join(", ")}</td>
              <td>{r.chain.organisations.map((o) => name(o.id)).join(" → ")}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});
