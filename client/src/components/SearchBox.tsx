import { useId, useMemo, useRef, useState } from "react";
import type { FieldSummary, OrganisationSummary } from "../api/types";
import { searchRegister, type SearchHit } from "../text/search";

export interface SearchBoxProps {
  organisations: readonly OrganisationSummary[];
  fields: readonly FieldSummary[];
  onPick: (hit: SearchHit) => void;
}

/** Finds an organisation (to focus) or a field (to follow) by any of its names, aliases included. */
export function SearchBox({ organisations, fields, onPick }: SearchBoxProps) {
  const [query, setQuery] = useState("");
  const id = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const hits = useMemo(() => searchRegister(query, organisations, fields), [query, organisations, fields]);
  const pick = (hit: SearchHit) => {
    setQuery("");
    onPick(hit);
  };
  const moveFocus = (from: HTMLElement, step: number) => {
    const buttons = [...(listRef.current?.querySelectorAll("button") ?? [])];
    const at = buttons.indexOf(from as HTMLButtonElement);
    const next = buttons[at + step];
    if (next) next.focus();
    else if (at + step < 0) document.getElementById(`${id}-input`)?.focus();
  };
  return (
    <div className="search" role="search">
      <label htmlFor={`${id}-input`}>Search organisations and fields</label>
      <input
        id={`${id}-input`}
        type="search"
        value={query}
        placeholder="e.g. DCSF, NPD, ethnicity"
        autoComplete="off"
        // Only while the list exists: an id that names nothing is an invalid ARIA reference.
        aria-controls={query.trim() !== "" ? `${id}-results` : undefined}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && hits.length > 0) pick(hits[0]);
          if (event.key === "ArrowDown") {
            event.preventDefault();
            listRef.current?.querySelector("button")?.focus();
          }
          if (event.key === "Escape") setQuery("");
        }}
      />
      {query.trim() !== "" && (
        <ul id={`${id}-results`} className="search-results" ref={listRef} aria-label="Search results">
          {hits.length === 0 && <li className="empty">No organisation or field has a name containing “{query.trim()}”.</li>}
          {hits.map((hit) => (
            <li key={`${hit.type}:${hit.id}`}>
              <button
                type="button"
                onClick={() => pick(hit)}
                onKeyDown={(event) => {
                  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                    event.preventDefault();
                    moveFocus(event.currentTarget, event.key === "ArrowDown" ? 1 : -1);
                  }
                }}
              >
                <span className="hit-type">{hit.type === "org" ? "Focus on" : "Follow field"}</span> {hit.name}
                {hit.via && hit.via !== hit.id && <small> (also called {hit.via})</small>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
