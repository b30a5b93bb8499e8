/**
 * A small seeded random number generator, so a generated register is the same on every run and
 * every machine for the same `--seed`. Each part of the register draws from its own stream
 * (`rngFor(seed, "school", 12)`), so changing how one part is generated does not reshuffle the rest.
 */

export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /** integer in [min, max], both inclusive */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** an index drawn in proportion to `cumulative` weights (ascending running totals) */
  weighted(cumulative: readonly number[]): number;
  /** `count` distinct items (fewer when there are not enough), in draw order */
  sample<T>(items: readonly T[], count: number): T[];
}

/** 32-bit FNV-1a over the parts' text: a stable seed for one stream. */
export function hashParts(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  const text = parts.join("\u0000");
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** sfc32, seeded through splitmix32 so nearby seeds give unrelated streams. */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError("cannot pick from an empty list");
      return items[Math.floor(next() * items.length)];
    },
    weighted: (cumulative) => {
      const total = cumulative[cumulative.length - 1];
      const target = next() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > target) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
    sample: (items, count) => {
      const n = Math.min(count, items.length);
      const out: (typeof items)[number][] = [];
      if (n * 4 < items.length) {
        // Few from many: draw and reject repeats, without touching the whole list.
        const taken = new Set<number>();
        while (out.length < n) {
          const i = Math.floor(next() * items.length);
          if (!taken.has(i)) {
            taken.add(i);
            out.push(items[i]);
          }
        }
        return out;
      }
      // Partial Fisher-Yates over an index array.
      const idx = Array.from(items, (_, i) => i);
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(next() * (idx.length - i));
        [idx[i], idx[j]] = [idx[j], idx[i]];
        out.push(items[idx[i]]);
      }
      return out;
    },
  };
  return rng;
}

/** The stream for one part of the register, e.g. `rngFor(seed, "school", urn)`. */
export function rngFor(seed: number, ...parts: (string | number)[]): Rng {
  return createRng(hashParts(seed, ...parts));
}

/** Running totals of `weights`, for `Rng.weighted`. */
export function cumulative(weights: readonly number[]): number[] {
  let total = 0;
  return weights.map((w) => (total += w));
}
