import { certaintyOfRank } from "./certainty";
import { fieldCoverage, type FieldCoverage } from "./field-coverage";
import { admitHop, type ResolvedFilters } from "./hop-filter";
import type { IndexedGraph } from "./indexed-graph";
import { levelOfRank } from "./levels";
import type { StateTable } from "./state-table";
import type { Chain } from "./types";

/** Builds the `Chain` a state stands for, in travel order whichever way the search ran. */
export class EvidenceChains {
  /** fields of each last hop used so far: many chains share one (e.g. every source of the NPD) */
  private readonly fieldsOfLastHop = new Map<number, readonly string[]>();
  private readonly coverage: FieldCoverage | null;

  constructor(
    private readonly graph: IndexedGraph,
    private readonly states: StateTable,
    private readonly filters: ResolvedFilters,
    /** true when states were found following flows forwards from the origin */
    private readonly downstream: boolean,
  ) {
    this.coverage = filters.field === null ? null : fieldCoverage(graph, filters.field);
  }

  /** The chain for a state of at least one hop. */
  chainOf(state: number): Chain {
    const { flows, organisations } = this.graph.dense;
    const states = this.states;
    const length = states.hops[state];
    const hops: string[] = new Array(length);
    const orgs: string[] = new Array(length + 1);
    const inferredHops: string[] = [];
    const inheritedHops: string[] = [];
    const unstatedLevelHops: string[] = [];
    // Walking back from a downstream state visits the chain from its end; from an upstream
    // state it visits it from its start (the source) to the target.
    const downstream = this.downstream;
    let lastHop = -1;
    let i = 0;
    for (let s = state; s !== -1; s = states.previous[s], i++) {
      orgs[downstream ? length - i : i] = organisations[states.organisation[s]];
      const flow = states.flow[s];
      if (flow === -1) continue;
      hops[downstream ? length - 1 - i : i] = flows[flow].id;
      if (flows[flow].basis === "INFERRED") inferredHops.push(flows[flow].id);
      if (flows[flow].inheritedFrom !== undefined) inheritedHops.push(flows[flow].id);
      if (flows[flow].level === "NOT_STATED") unstatedLevelHops.push(flows[flow].id);
      // The last hop in travel order: met first walking back downstream, last walking upstream.
      if (!downstream || lastHop === -1) lastHop = flow;
    }
    if (downstream) {
      inferredHops.reverse();
      inheritedHops.reverse();
      unstatedLevelHops.reverse();
    }
    return {
      hops,
      organisations: orgs,
      level: levelOfRank(states.levelRank[state]),
      certainty: certaintyOfRank(states.certaintyRank[state]),
      fields: [...this.fieldsOf(lastHop)],
      inferredHops,
      inheritedHops,
      unstatedLevelHops,
    };
  }

  private fieldsOf(flow: number): readonly string[] {
    let fields = this.fieldsOfLastHop.get(flow);
    if (fields === undefined) {
      fields = admitHop(this.graph.dense.flows[flow], this.filters, this.coverage)!.fields;
      this.fieldsOfLastHop.set(flow, fields);
    }
    return fields;
  }
}
