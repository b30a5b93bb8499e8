import type { SampleSchool } from "./reference";

/**
 * The mix of phases and types in the real school sample, which the generator reproduces at
 * national scale. Rows with no phase or no type (693 Kent schools in the sample, and a few trust
 * schools) say nothing about the mix, so they are left out of it.
 */
export interface MixEntry {
  phase: string;
  typeGroup: string;
  /** how many sample schools have this phase and type */
  count: number;
  /** count over the total of counted rows */
  share: number;
}

export function phaseTypeMix(sample: readonly SampleSchool[]): MixEntry[] {
  const counts = new Map<string, { phase: string; typeGroup: string; count: number }>();
  for (const s of sample) {
    if (!s.phase || !s.typeGroup) continue;
    const key = `${s.phase}\u0000${s.typeGroup}`;
    const entry = counts.get(key) ?? { phase: s.phase, typeGroup: s.typeGroup, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  const total = [...counts.values()].reduce((n, e) => n + e.count, 0);
  if (total === 0) throw new Error("the school sample has no row with both a phase and a type");
  // Largest first, then by name: a stable order whatever the CSV's row order.
  return [...counts.values()]
    .sort((a, b) => b.count - a.count || (a.phase + a.typeGroup < b.phase + b.typeGroup ? -1 : 1))
    .map((e) => ({ ...e, share: e.count / total }));
}

/** What a school does with pupil data depends on the ages it teaches and on whether the LA maintains it. */
export type Stage = "primary" | "secondary" | "all-through" | "middle" | "special" | "other";

export function stageOf(phase: string, typeGroup: string): Stage {
  switch (phase) {
    case "Primary":
      return "primary";
    case "Secondary":
      return "secondary";
    case "All-through":
      return "all-through";
    case "Middle deemed secondary":
      return "middle";
    default:
      return typeGroup === "Special schools" ? "special" : "other";
  }
}

/** LA maintained (community, foundation, voluntary, special) rather than an academy or free school run by a trust. */
export function isMaintained(typeGroup: string): boolean {
  return typeGroup === "Local authority maintained schools" || typeGroup === "Special schools";
}

export const teachesPrimary = (stage: Stage) => stage === "primary" || stage === "all-through";
export const teachesSecondary = (stage: Stage) => stage === "secondary" || stage === "all-through" || stage === "middle";
