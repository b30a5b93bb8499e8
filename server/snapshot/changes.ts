import { compareIds } from "../graph/compare-ids";
import type { GraphFlow, GraphOrganisation, RegisterGraphData } from "../graph/types";

/**
 * A reload after an edit, as pure functions: which rows the change log names, and the register's
 * graph with those rows replaced by their new versions (or gone), in the same id order a full read
 * gives. The store (server/graph-store.ts) reads the log and the rows; a test checks the result
 * against a full read after random edits.
 */

/** What the change log says since a snapshot: the ids to re-read, or that everything must be. */
export type ChangeSet = { everything: true } | { everything: false; organisations: Set<string>; fields: boolean; optOuts: Set<string>; flows: Set<string> };

/** Entries past which re-reading rows one by one stops paying: the whole register is read instead. */
export const MOST_CHANGES_PATCHED = 10_000;

/** Groups log entries (`tableName`, `rowId`) by what they touch; `*` or too many mean everything. */
export function changeSetOf(entries: readonly { tableName: string; rowId: string }[]): ChangeSet {
  if (entries.length > MOST_CHANGES_PATCHED) return { everything: true };
  const set = { everything: false as const, organisations: new Set<string>(), fields: false, optOuts: new Set<string>(), flows: new Set<string>() };
  for (const { tableName, rowId } of entries) {
    if (tableName === "organisation") set.organisations.add(rowId);
    else if (tableName === "pupil_field") set.fields = true;
    else if (tableName === "opt_out") set.optOuts.add(rowId);
    else if (tableName === "flow") set.flows.add(rowId);
    else return { everything: true };
  }
  return set;
}

/**
 * The flows to re-read for a change set: those it names, and those that list a changed opt-out
 * (each flow holds its opt-outs' remaining fields).
 */
export function flowsToReread(base: RegisterGraphData, changes: Exclude<ChangeSet, { everything: true }>): string[] {
  const ids = new Set(changes.flows);
  if (changes.optOuts.size > 0) for (const flow of base.flows) if (flow.optOuts.some((o) => changes.optOuts.has(o.id))) ids.add(flow.id);
  return [...ids];
}

/**
 * `base` with the rows re-read after an edit: every organisation and flow whose id was re-read is
 * replaced by its new version, or dropped when the re-read did not find it (deleted); fields come
 * whole from `reread` when any changed. Lists stay in id order, as a full read gives them.
 */
export function patchGraphData(
  base: RegisterGraphData,
  reread: RegisterGraphData,
  asked: { organisations: readonly string[]; flows: readonly string[]; fields: boolean },
): RegisterGraphData {
  return {
    organisations: replaceById(base.organisations, reread.organisations, asked.organisations),
    fields: asked.fields ? reread.fields : base.fields,
    flows: replaceById(base.flows, reread.flows, asked.flows),
  };
}

/** `rows` (in id order) with the `asked` ids replaced by `fresh` (in id order), or removed where fresh lacks them. */
function replaceById<T extends GraphOrganisation | GraphFlow>(rows: readonly T[], fresh: readonly T[], asked: readonly string[]): T[] {
  if (asked.length === 0) return rows as T[];
  const askedIds = new Set(asked);
  const added = fresh.filter((row) => askedIds.has(row.id));
  // Both lists are in id order: merge them.
  const result: T[] = [];
  let next = 0;
  for (const row of rows) {
    if (askedIds.has(row.id)) continue;
    while (next < added.length && compareIds(added[next].id, row.id) < 0) result.push(added[next++]);
    result.push(row);
  }
  while (next < added.length) result.push(added[next++]);
  return result;
}
