import type { AdmittedHop } from "./hop-filter";
import { certaintyOfRank, DEFINITE_RANK } from "./certainty";
import { levelOfRank } from "./levels";
import type { Chain } from "./types";

/**
 * One step of a path under construction from its origin, linked back to the step it extends
 * (`hop` is the flow into `organisation`). Sharing prefixes this way keeps enumeration cheap:
 * extending a path is one small allocation, and a full `Chain` is only built for paths
 * actually returned.
 */
export interface ChainStep {
  readonly previous: ChainStep | null;
  readonly organisation: string;
  readonly hop: AdmittedHop | null;
  readonly hopCount: number;
  /** least identifying level so far, as a rank */
  readonly levelRank: number;
  /** weakest certainty so far, as a rank (see certainty.ts) */
  readonly certaintyRank: number;
  /** scope context after the last hop (see scopes.ts) */
  readonly context: number;
}

/** The zero-hop path standing at `organisation`. */
export function startStep(organisation: string, context = 0): ChainStep {
  return { previous: null, organisation, hop: null, hopCount: 0, levelRank: 0, certaintyRank: DEFINITE_RANK, context };
}

/** `step` extended by `hop` to `organisation`. */
export function extendStep(step: ChainStep, hop: AdmittedHop, organisation: string, context = 0): ChainStep {
  return {
    previous: step,
    organisation,
    hop,
    hopCount: step.hopCount + 1,
    levelRank: Math.max(step.levelRank, hop.levelRank),
    certaintyRank: Math.max(step.certaintyRank, hop.certaintyRank),
    context,
  };
}

/** Whether `organisation` is already on the path ending at `step` (chains never revisit). */
export function isOnPath(step: ChainStep, organisation: string): boolean {
  for (let s: ChainStep | null = step; s !== null; s = s.previous) {
    if (s.organisation === organisation) return true;
  }
  return false;
}

/** The `Chain` for a path of at least one hop. */
export function chainOfSteps(step: ChainStep): Chain {
  const hops: AdmittedHop[] = [];
  const organisations: string[] = [];
  for (let s: ChainStep | null = step; s !== null; s = s.previous) {
    organisations.push(s.organisation);
    if (s.hop) hops.push(s.hop);
  }
  // Collected walking back from the end: reverse into travel order.
  hops.reverse();
  organisations.reverse();
  return {
    hops: hops.map((h) => h.flow.id),
    organisations,
    level: levelOfRank(step.levelRank),
    certainty: certaintyOfRank(step.certaintyRank),
    fields: [...hops[hops.length - 1].fields],
    inferredHops: hops.filter((h) => h.flow.basis === "INFERRED").map((h) => h.flow.id),
    inheritedHops: hops.filter((h) => h.flow.inheritedFrom !== undefined).map((h) => h.flow.id),
    unstatedLevelHops: hops.filter((h) => h.flow.level === "NOT_STATED").map((h) => h.flow.id),
  };
}
