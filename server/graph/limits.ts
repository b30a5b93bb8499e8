/**
 * Limits on how much work one request may ask for. Out-of-range values are the caller's
 * mistake, so they throw a `RangeError` naming the argument (the resolver maps it to
 * BAD_USER_INPUT) rather than being silently clamped.
 */

/** A bounded integer argument: its default and inclusive range. */
export interface Limit {
  readonly name: string;
  readonly defaultValue: number;
  readonly min: number;
  readonly max: number;
}

/** Longest chain followed, in hops. */
export const MAX_HOPS: Limit = { name: "maxHops", defaultValue: 6, min: 1, max: 12 };

/** Most chains `onwardChains` returns. */
export const FIRST: Limit = { name: "first", defaultValue: 100, min: 1, max: 1000 };

/**
 * The value to use for a limit: the default when absent, the value itself when it is an
 * integer in range.
 * @throws RangeError naming the argument and its allowed range otherwise.
 */
export function resolveLimit(limit: Limit, value: number | null | undefined): number {
  if (value === null || value === undefined) return limit.defaultValue;
  if (!Number.isInteger(value) || value < limit.min || value > limit.max) {
    throw new RangeError(
      `${limit.name} must be an integer from ${limit.min} to ${limit.max} (got ${value})`,
    );
  }
  return value;
}
