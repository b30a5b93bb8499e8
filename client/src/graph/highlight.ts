import type { ReachData } from "../api/types";

/** What the map marks: the focus, who the field reaches (surely or only possibly), and the arrows of every chain. */
export interface Highlight {
  focus: string | null;
  reached: string[];
  possible: string[];
  chainEdges: string[];
}

export const NO_HIGHLIGHT: Highlight = { focus: null, reached: [], possible: [], chainEdges: [] };

/**
 * Reads the API's answer into element ids: recipients become reached nodes (POSSIBLE ones apart),
 * every hop of every chain becomes its arrow via `edgeOfFlow` (flows not drawn are skipped).
 */
export function highlightFrom(reach: ReachData, focus: string, edgeOfFlow: ReadonlyMap<string, string>): Highlight {
  const reached: string[] = [];
  const possible: string[] = [];
  for (const r of reach.recipientsReport.organisations) {
    if (r.organisation.id === focus) continue;
    (r.certainty === "DEFINITE" ? reached : possible).push(r.organisation.id);
  }
  const chainEdges = new Set<string>();
  const addHops = (hops: { id: string }[]) => {
    for (const hop of hops) {
      const edge = edgeOfFlow.get(hop.id);
      if (edge) chainEdges.add(edge);
    }
  };
  for (const chain of reach.onwardChains.chains) addHops(chain.hops);
  // A recipient's own evidence chain is always drawn, even when `first` cut the chain list.
  for (const r of reach.recipientsReport.organisations) addHops(r.chain.hops);
  return { focus, reached, possible, chainEdges: [...chainEdges].sort() };
}

/** The classes the map puts on each lit element (space-separated; ids not listed are unlit). */
export function litClasses(highlight: Highlight, classes: { focus: string; reached: string; possible: string; onChain: string }): Map<string, string> {
  const lit = new Map<string, string>();
  const add = (id: string, name: string) => lit.set(id, lit.has(id) ? `${lit.get(id)} ${name}` : name);
  if (highlight.focus === null) return lit;
  add(highlight.focus, classes.focus);
  for (const id of highlight.reached) add(id, classes.reached);
  for (const id of highlight.possible) add(id, classes.possible);
  for (const id of highlight.chainEdges) add(id, classes.onChain);
  return lit;
}
