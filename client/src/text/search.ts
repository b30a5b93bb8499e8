import type { FieldSummary, OrganisationSummary } from "../api/types";

export interface SearchHit {
  type: "org" | "field";
  id: string;
  /** the name to show */
  name: string;
  /** the other name that matched, when it was not the main one */
  via: string | null;
}

const normalise = (text: string) => text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim();

/**
 * Finds organisations and fields by any of their names: name, aliases, label or id, ignoring
 * case and accents. Whole-name and prefix matches come first, then organisations before fields.
 */
export function searchRegister(
  query: string,
  organisations: readonly OrganisationSummary[],
  fields: readonly Pick<FieldSummary, "id" | "label">[],
  limit = 12,
): SearchHit[] {
  const q = normalise(query);
  if (q.length === 0) return [];
  const scored: { hit: SearchHit; score: number }[] = [];
  const consider = (type: SearchHit["type"], id: string, name: string, others: string[]) => {
    let best: { score: number; via: string | null } | null = null;
    for (const [text, via] of [[name, null] as const, ...others.map((o) => [o, o] as const)]) {
      const t = normalise(text);
      const at = t.indexOf(q);
      if (at < 0) continue;
      const score = (t === q ? 0 : at === 0 ? 1 : 2) * 2 + (type === "org" ? 0 : 1);
      if (!best || score < best.score) best = { score, via };
    }
    if (best) scored.push({ hit: { type, id, name, via: best.via }, score: best.score });
  };
  for (const o of organisations) consider("org", o.id, o.name, [...o.aliases, o.id]);
  for (const f of fields) consider("field", f.id, f.label, [f.id]);
  scored.sort((a, b) => a.score - b.score || a.hit.name.localeCompare(b.hit.name));
  return scored.slice(0, limit).map((s) => s.hit);
}
