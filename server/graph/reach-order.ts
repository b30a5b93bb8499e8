import type { DenseAdjacency } from "./dense-adjacency";

/** Each snapshot's organisations by position in id order (the inverse of `organisationOrder`). */
const byOrderOf = new WeakMap<DenseAdjacency, Int32Array>();

function organisationsInIdOrder(dense: DenseAdjacency): Int32Array {
  let byOrder = byOrderOf.get(dense);
  if (!byOrder) {
    byOrder = new Int32Array(dense.organisations.length);
    for (let ordinal = 0; ordinal < byOrder.length; ordinal++) byOrder[dense.organisationOrder[ordinal]] = ordinal;
    byOrderOf.set(dense, byOrder);
  }
  return byOrder;
}

/**
 * The organisations reached (`hopsAt[o] > 0`; the `count` of them are listed in `reached`), by
 * fewest hops, then id. A few are sorted by a key per organisation; many (a national `sources`
 * names 24,000 of 28,000) are bucketed by hops in one pass over the organisations in id order,
 * which costs less than any comparison sort of them.
 */
export function sortByHopsThenId(dense: DenseAdjacency, reached: ArrayLike<number>, hopsAt: Int32Array, count: number, maxHops: number): Int32Array {
  const organisationCount = dense.organisations.length;
  const sorted = new Int32Array(count);
  const byOrder = organisationsInIdOrder(dense);
  if (count * 16 < organisationCount) {
    const keys = new Float64Array(count);
    let k = 0;
    for (let i = 0; i < reached.length; i++) {
      const organisation = reached[i];
      if (hopsAt[organisation] > 0) keys[k++] = hopsAt[organisation] * organisationCount + dense.organisationOrder[organisation];
    }
    keys.sort();
    for (let i = 0; i < count; i++) sorted[i] = byOrder[keys[i] % organisationCount];
    return sorted;
  }
  const next = new Int32Array(maxHops + 2);
  for (let i = 0; i < reached.length; i++) next[hopsAt[reached[i]] + 1]++;
  // next[h] becomes the first slot of hops h; hops 0 (not reached) take no slots
  next[1] = 0;
  for (let hops = 2; hops < next.length; hops++) next[hops] += next[hops - 1];
  for (let position = 0; position < organisationCount; position++) {
    const organisation = byOrder[position];
    const hops = hopsAt[organisation];
    if (hops > 0) sorted[next[hops]++] = organisation;
  }
  return sorted;
}
