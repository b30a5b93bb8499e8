import { chainOfSteps, extendStep, isOnPath, startStep, type ChainStep } from "./chain-steps";
import { hopFilter, resolveFilters, type AdmittedHop, type HopFilter } from "./hop-filter";
import type { IndexedGraph } from "./indexed-graph";
import { boundSetsFor } from "./received-from";
import { FIRST, resolveLimit } from "./limits";
import type { ChainFilters, ChainResult, GraphFlow } from "./types";

/** The filters plus `first`, the cap on how many chains come back. */
export interface OnwardChainsOptions extends ChainFilters {
  first?: number | null;
}

/**
 * Every chain onward from `from`: each simple path of 1..maxHops hops that pass the filters
 * (so every prefix of a chain is itself a chain), ordered by hop count, then organisation
 * ids, then flow ids. `truncated` is true when more chains exist than `first`, or when some
 * returned chain of maxHops hops could go one hop further to an organisation not yet on it.
 * @throws RangeError when `maxHops` or `first` is out of range.
 */
export function onwardChains(
  graph: IndexedGraph,
  from: string,
  options: OnwardChainsOptions = {},
): ChainResult {
  const resolved = resolveFilters(options);
  const filters = { ...resolved, boundSets: boundSetsFor(graph, from, resolved.optOuts) };
  const first = resolveLimit(FIRST, options.first);
  const admit = hopFilter(graph, filters);
  const scopes = graph.scopes;
  const start = graph.dense.ordinalOf.get(from);
  const startContext = scopes.active && start !== undefined ? scopes.originContext(start) : 0;
  /** The scope context after `hop`, or -1 when the chain's scopes do not admit it. */
  const contextAfter = (path: ChainStep, hop: AdmittedHop): number => (scopes.active ? scopes.forwardFlow(path.context, hop.flow) : 0);

  // Paths are built a layer (hop count) at a time. Each layer stays sorted if every group of
  // paths sharing one organisation sequence is extended together, next organisation by next
  // organisation, so we can stop as soon as we have one chain more than `first`, without
  // enumerating (possibly exponentially many) paths we would only throw away.
  const found: ChainStep[] = [];
  let layer: PathGroup[] = [{ paths: [startStep(from, startContext)] }];
  for (let hops = 1; hops <= filters.maxHops && layer.length > 0; hops++) {
    const next: PathGroup[] = [];
    for (const group of layer) {
      const head = group.paths[0];
      for (const { to, flows } of runsByDestination(graph.flowsFrom.get(head.organisation))) {
        if (isOnPath(head, to)) continue;
        const admitted = admitAll(flows, admit);
        if (admitted.length === 0) continue;
        const paths: ChainStep[] = [];
        for (const path of group.paths) {
          for (const hop of admitted) {
            const context = contextAfter(path, hop);
            if (context === -1) continue;
            paths.push(extendStep(path, hop, to, context));
            found.push(paths[paths.length - 1]);
            if (found.length > first) return result(found, first, true);
          }
        }
        if (paths.length > 0) next.push({ paths });
      }
    }
    layer = next;
  }
  return result(found, first, layer.some((group) => group.paths.some((path) => canGoFurther(graph, path, admit, contextAfter))));
}

/** Paths sharing one organisation sequence (they differ only in parallel flows). */
interface PathGroup {
  readonly paths: ChainStep[];
}

function result(found: ChainStep[], first: number, truncated: boolean): ChainResult {
  return {
    chains: found.slice(0, first).map((step) => chainOfSteps(step)),
    truncated,
  };
}

/** Consecutive flows to the same organisation (the adjacency is sorted by destination). */
function* runsByDestination(
  flows: readonly GraphFlow[] | undefined,
): Generator<{ to: string; flows: readonly GraphFlow[] }> {
  if (!flows) return;
  for (let start = 0; start < flows.length; ) {
    let end = start + 1;
    while (end < flows.length && flows[end].to === flows[start].to) end++;
    yield { to: flows[start].to, flows: flows.slice(start, end) };
    start = end;
  }
}

function admitAll(flows: readonly GraphFlow[], admit: HopFilter): AdmittedHop[] {
  const admitted: AdmittedHop[] = [];
  for (const flow of flows) {
    const hop = admit(flow);
    if (hop) admitted.push(hop);
  }
  return admitted;
}

/** Whether some admitted hop leads from the end of `path` to an organisation not on it. */
function canGoFurther(
  graph: IndexedGraph,
  path: ChainStep,
  admit: HopFilter,
  contextAfter: (path: ChainStep, hop: AdmittedHop) => number,
): boolean {
  const flows = graph.flowsFrom.get(path.organisation) ?? [];
  return flows.some((flow) => {
    if (isOnPath(path, flow.to)) return false;
    const hop = admit(flow);
    return hop !== null && contextAfter(path, hop) !== -1;
  });
}
