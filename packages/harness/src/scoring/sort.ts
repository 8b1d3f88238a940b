/**
 * Argsort of float64 keys by LSD radix sort (four 16-bit passes over the IEEE-754 bits): O(n) and
 * stable, so ranking 1.5M scores costs tens of milliseconds instead of a comparator sort's seconds.
 */
export function argsortDescending(keys: Float64Array, indices: Int32Array): Int32Array {
  const n = indices.length;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const view = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < n; i++) {
    // -0 and +0 compare equal: give them the same bits so they land in one tie block.
    const key = keys[indices[i]!]! === 0 ? 0 : keys[indices[i]!]!;
    view.setFloat64(0, key);
    let h = view.getUint32(0);
    let l = view.getUint32(4);
    // Map the float's bits to an unsigned integer with the same order; invert it for descending.
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    hi[i] = ~h >>> 0;
    lo[i] = ~l >>> 0;
  }
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Int32Array(n);
  const counts = new Int32Array(65536);
  const passes: Array<[Uint32Array, number]> = [
    [lo, 0],
    [lo, 16],
    [hi, 0],
    [hi, 16],
  ];
  for (const [word, shift] of passes) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(word[i]! >>> shift) & 0xffff]!++;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const j = order[i]!;
      next[counts[(word[j]! >>> shift) & 0xffff]!++] = j;
    }
    const tmp = order;
    order = next;
    next = tmp;
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = indices[order[i]!]!;
  return out;
}
