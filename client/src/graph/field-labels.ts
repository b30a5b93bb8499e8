/** Longest field name an arrow's label shows before cutting it with an ellipsis. */
export const MAX_LABEL_CHARS = 28;

/** Cuts a label to `max` characters, ending in an ellipsis when cut. */
export function clip(label: string, max = MAX_LABEL_CHARS): string {
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Names a list of fields briefly for an arrow: the first `shown` names, then "+N" for the rest,
 * e.g. "Ethnicity, Gender +3". An empty list reads "no fields named".
 */
export function shortFieldList(labels: readonly string[], shown = 2): string {
  if (labels.length === 0) return "no fields named";
  const head = labels.slice(0, shown).map((label) => clip(label)).join(", ");
  const rest = labels.length - shown;
  return rest > 0 ? `${head} +${rest}` : head;
}

/**
 * "Ethnicity" to "ethnicity" inside a sentence; a label with any other capital ("UPN",
 * "Key Stage 2 results", "Unique Pupil Number") is a name and stays as written.
 */
export function inSentence(label: string): string {
  if (/^[A-Z][^A-Z]*$/.test(label)) return label[0].toLowerCase() + label.slice(1);
  return label;
}
