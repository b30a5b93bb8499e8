/** What the aria-live line needs to know about the current highlight. */
export interface SummaryInput {
  fieldLabel: string | null;
  focusName: string;
  hops: number;
  reached: number;
  possible: number;
  truncated: boolean;
  /** recipients whose kind the map hides */
  hidden: number;
  /** the as-of date; null means every era at once (said, since eras mix); omitted, not mentioned */
  asOf?: string | null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Says in words what the map highlights, e.g. "Ethnicity from Stokes Wood Primary School can
 * reach 14 organisations within 2 hops; 3 only possibly."
 */
export function reachSummary(input: SummaryInput): string {
  const what = input.fieldLabel ?? "Pupil data";
  const within = `within ${plural(input.hops, "hop", "hops")}`;
  const total = input.reached + input.possible;
  const parts: string[] = [];
  if (total === 0) {
    parts.push(`${what} from ${input.focusName} reaches no other organisation ${within} with these filters.`);
  } else {
    let sentence = `${what} from ${input.focusName} can reach ${plural(total, "organisation", "organisations")} ${within}`;
    if (input.possible > 0) sentence += input.possible === total ? `, all only possibly` : `; ${input.possible} only possibly`;
    parts.push(`${sentence}.`);
  }
  if (input.asOf === null) parts.push("This mixes every era the notices cover (2006 to today): choose a date under “As the notices stood on” to see one era.");
  else if (input.asOf !== undefined) parts.push(`As the notices stood on ${input.asOf}.`);
  if (input.hidden > 0) parts.push(`${plural(input.hidden, "recipient is", "recipients are")} of a kind hidden from the map.`);
  if (input.truncated) parts.push("More hops may reach further.");
  return parts.join(" ");
}
