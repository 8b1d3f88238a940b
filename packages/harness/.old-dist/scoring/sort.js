/**
 * Stable descending sorts of float64 keys (no NaN) that carry payload columns along, so nothing is
 * gathered at random afterwards. Ranking 1.5M scores this way takes about a hundred milliseconds,
 * instead of a comparator sort's seconds:
 * - keys are spread over ~n/16 buckets by value (monotone in the key, so buckets are already in
 *   order), scattered once, and each bucket is finished by insertion sort;
 * - crowded buckets (and keys with no finite range) go to an LSD radix sort over the IEEE-754 bits,
 *   8 bits a pass, skipping passes whose byte is the same for every key: O(n) whatever the values.
 */
/** Buckets larger than this are radix-sorted rather than insertion-sorted. */
const INSERTION_MAX = 48;
/** Sorts `keys` descending, stably, carrying up to two `payloads` (each as long as `keys`); the inputs are not modified. */
export function sortDescending(keys, payloads) {
    if (payloads.length > 2)
        throw new RangeError('sortDescending carries at most two payload columns');
    const n = keys.length;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
        const k = keys[i];
        if (k < min)
            min = k;
        if (k > max)
            max = k;
    }
    const B = n >> 4;
    const scale = B / (max - min);
    if (B < 2 || !Number.isFinite(scale) || !Number.isFinite(max - min))
        return radixSortDescending(keys, payloads);
    // Bucket b holds keys with floor((max − key)·scale) = b: larger keys in lower buckets, ties together.
    const bucket = new Int32Array(n);
    const start = new Int32Array(B + 1);
    for (let i = 0; i < n; i++) {
        const b = Math.min(B - 1, Math.floor((max - keys[i]) * scale));
        bucket[i] = b;
        start[b + 1]++;
    }
    for (let q = 0; q < B; q++)
        start[q + 1] += start[q];
    const fill = start.slice(0, B);
    const sorted = new Float64Array(n);
    const out = payloads.map(() => new Int32Array(n));
    for (let i = 0; i < n; i++)
        sorted[fill[bucket[i]]++] = keys[i];
    payloads.forEach((column, p) => {
        const to = out[p];
        fill.set(start.subarray(0, B));
        for (let i = 0; i < n; i++)
            to[fill[bucket[i]]++] = column[i];
    });
    // The insertion sort moves two payload columns (a dummy second one when there is one).
    const a = out[0] ?? new Int32Array(n);
    const b = out[1] ?? new Int32Array(n);
    for (let q = 0; q < B; q++) {
        const lo = start[q];
        const hi = start[q + 1];
        if (hi - lo > INSERTION_MAX) {
            const part = radixSortDescending(sorted.subarray(lo, hi), out.map((column) => column.subarray(lo, hi)));
            sorted.set(part.keys, lo);
            out.forEach((column, p) => column.set(part.payloads[p], lo));
            continue;
        }
        // Insertion sort, stable: a key moves only past strictly smaller ones.
        for (let i = lo + 1; i < hi; i++) {
            const k = sorted[i];
            if (!(k > sorted[i - 1]))
                continue;
            const ai = a[i];
            const bi = b[i];
            let j = i - 1;
            while (j >= lo && sorted[j] < k) {
                sorted[j + 1] = sorted[j];
                a[j + 1] = a[j];
                b[j + 1] = b[j];
                j--;
            }
            sorted[j + 1] = k;
            a[j + 1] = ai;
            b[j + 1] = bi;
        }
    }
    return { keys: sorted, payloads: out };
}
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const [LO, HI] = LITTLE_ENDIAN ? [0, 1] : [1, 0];
/** LSD radix sort over the keys' bits (see the module comment); same contract as sortDescending. */
function radixSortDescending(keys, payloads) {
    const n = keys.length;
    const bits = new Uint32Array(keys.buffer, keys.byteOffset, 2 * n);
    let hi = new Uint32Array(n);
    let lo = new Uint32Array(n);
    const counts = new Int32Array(8 * 256);
    for (let i = 0; i < n; i++) {
        let l = 0;
        let h = 0; // +0 and −0 alike
        if (keys[i] !== 0) {
            l = bits[2 * i + LO];
            h = bits[2 * i + HI];
        }
        // Unsigned words in ascending key order (negative: flip all bits; positive: flip the sign),
        // then inverted for descending.
        if (h & 0x80000000) {
            h = ~h;
            l = ~l;
        }
        else
            h |= 0x80000000;
        h = ~h >>> 0;
        l = ~l >>> 0;
        hi[i] = h;
        lo[i] = l;
        counts[l & 255]++;
        counts[256 + ((l >>> 8) & 255)]++;
        counts[512 + ((l >>> 16) & 255)]++;
        counts[768 + (l >>> 24)]++;
        counts[1024 + (h & 255)]++;
        counts[1280 + ((h >>> 8) & 255)]++;
        counts[1536 + ((h >>> 16) & 255)]++;
        counts[1792 + (h >>> 24)]++;
    }
    let pay = payloads.map((p) => p.slice());
    let hi2 = new Uint32Array(n);
    let lo2 = new Uint32Array(n);
    let pay2 = payloads.map(() => new Int32Array(n));
    for (let pass = 0; pass < 8; pass++) {
        const base = pass * 256;
        let trivial = false;
        for (let d = 0; d < 256; d++) {
            const c = counts[base + d];
            if (c === n)
                trivial = true;
            if (c !== 0)
                break;
        }
        if (trivial)
            continue;
        let sum = 0;
        for (let d = 0; d < 256; d++) {
            const c = counts[base + d];
            counts[base + d] = sum;
            sum += c;
        }
        const word = pass < 4 ? lo : hi;
        const shift = (pass & 3) * 8;
        const offsets = counts.slice(base, base + 256);
        for (let i = 0; i < n; i++) {
            const at = counts[base + ((word[i] >>> shift) & 255)]++;
            hi2[at] = hi[i];
            lo2[at] = lo[i];
        }
        // Payloads in sweeps of their own over the same digits (256 write streams stay in cache).
        for (let p = 0; p < pay.length; p++) {
            const at = offsets.slice();
            const from = pay[p];
            const to = pay2[p];
            for (let i = 0; i < n; i++)
                to[at[(word[i] >>> shift) & 255]++] = from[i];
        }
        [hi, hi2] = [hi2, hi];
        [lo, lo2] = [lo2, lo];
        [pay, pay2] = [pay2, pay];
    }
    // Back to the keys: invert the word mapping.
    const sorted = new Float64Array(n);
    const out = new Uint32Array(sorted.buffer);
    for (let i = 0; i < n; i++) {
        let h = ~hi[i] >>> 0;
        let l = ~lo[i] >>> 0;
        if (h & 0x80000000)
            h &= 0x7fffffff;
        else {
            h = ~h >>> 0;
            l = ~l >>> 0;
        }
        out[2 * i + LO] = l;
        out[2 * i + HI] = h;
    }
    return { keys: sorted, payloads: pay };
}
/** Stable argsort of `keys[indices[i]]` (no NaN), descending: the indices in sorted order. */
export function argsortDescending(keys, indices) {
    const picked = new Float64Array(indices.length);
    for (let i = 0; i < indices.length; i++)
        picked[i] = keys[indices[i]];
    return sortDescending(picked, [indices]).payloads[0];
}
//# sourceMappingURL=sort.js.map