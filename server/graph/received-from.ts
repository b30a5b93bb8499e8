import type { IndexedGraph } from "./indexed-graph";
import type { GraphOptOut } from "./types";

/**
 * Opt-outs that bind only what a sender received from certain organisations ("the LA will not pass
 * on what it received from the school"). Such an opt-out narrows its flow on a chain whose data
 * came from one of those organisations (or an instance of a role among them): the chain's origin.
 * The sender's own data (a chain starting at the sender, or at anyone else) is not narrowed.
 *
 * Judged by the origin, a hop's verdict still depends only on the flow and the question, never on
 * the path, so the searches stay exact: a downstream search knows its origin; an upstream one runs
 * once per class of origins (those the same bound opt-outs apply to), usually just once.
 */

/** The key of a set of senders, as `ResolvedFilters.boundSets` holds it. */
export function receivedFromKey(ids: readonly string[]): string {
  return [...ids].sort().join(",");
}

/** Whether an opt-out on a flow applies to a chain whose origin's bound sets are `boundSets`. */
export function optOutApplies(optOut: GraphOptOut, boundSets: ReadonlySet<string>): boolean {
  return !optOut.receivedFrom || boundSets.has(receivedFromKey(optOut.receivedFrom));
}

/** Every (opt-out, sender set) pair the register's flows use, found once per snapshot. */
export function boundOptOutsOf(flows: readonly { optOuts: readonly GraphOptOut[] }[]): { optOut: string; ids: readonly string[]; key: string }[] {
  const seen = new Map<string, { optOut: string; ids: readonly string[]; key: string }>();
  for (const flow of flows) {
    for (const o of flow.optOuts) {
      if (!o.receivedFrom) continue;
      const key = receivedFromKey(o.receivedFrom);
      seen.set(`${o.id} ${key}`, { optOut: o.id, ids: o.receivedFrom, key });
    }
  }
  return [...seen.values()];
}

/** The sender sets, among exercised opt-outs', that hold `organisation` (or the role it is an instance of). */
export function boundSetsFor(graph: IndexedGraph, organisation: string, exercised: ReadonlySet<string>): Set<string> {
  const sets = new Set<string>();
  if (exercised.size === 0) return sets;
  const role = graph.organisationsById.get(organisation)?.instanceOf ?? null;
  for (const { optOut, ids, key } of graph.boundOptOuts) {
    if (exercised.has(optOut) && (ids.includes(organisation) || (role !== null && ids.includes(role)))) sets.add(key);
  }
  return sets;
}
