/**
 * The basis recorded for `key` (a name, a predecessor's id), or `none`. Only the record's own keys
 * count: a name such as "toString" must not find Object's method.
 */
export function recordedBasis<T>(record: Record<string, T> | null | undefined, key: string, none: T): T {
  return record && Object.hasOwn(record, key) ? record[key] : none;
}
