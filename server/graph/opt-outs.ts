import { optOutApplies } from "./received-from";
import type { GraphFlow } from "./types";

/**
 * The fields a flow still carries once the pupil's exercised opt-outs are applied.
 * An exercised opt-out narrows the flow to its remaining fields, which then stand in for the
 * flow's listed fields (so they count as naming a field for certainty). With several
 * exercised opt-outs on one flow, only fields every one of them leaves survive.
 * An opt-out that binds only what the sender received from certain organisations applies only
 * when `boundSets` (the chain origin's, see received-from.ts) holds its sender set.
 * Returns the flow's own fields when none of its opt-outs is exercised.
 */
export function fieldsAfterOptOuts(
  flow: GraphFlow,
  exercised: ReadonlySet<string>,
  boundSets: ReadonlySet<string> = NONE,
): readonly string[] {
  let remaining: string[] | null = null;
  for (const optOut of flow.optOuts) {
    if (!exercised.has(optOut.id) || !optOutApplies(optOut, boundSets)) continue;
    remaining =
      remaining === null
        ? [...new Set(optOut.remainingFieldIds)]
        : remaining.filter((id) => optOut.remainingFieldIds.includes(id));
  }
  return remaining ?? flow.fieldIds;
}

const NONE: ReadonlySet<string> = new Set();
