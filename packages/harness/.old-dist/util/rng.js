/**
 * Seeded pseudo-random numbers for everything semibench draws (bootstrap resamples, crops,
 * magnitudes, sampling). Never use Math.random: runs must be byte-identical for a seed.
 *
 * xoshiro128** (Blackman & Vigna) seeded through splitmix32: small, fast on 32-bit integer
 * arithmetic in JS, and good enough statistically for resampling.
 */
export class Rng {
    a;
    b;
    c;
    d;
    constructor(seed) {
        let s = seed >>> 0;
        const next = () => {
            // splitmix32
            s = (s + 0x9e3779b9) | 0;
            let z = s;
            z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
            z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
            return (z ^ (z >>> 16)) >>> 0;
        };
        this.a = next();
        this.b = next();
        this.c = next();
        this.d = next();
        if ((this.a | this.b | this.c | this.d) === 0)
            this.a = 1;
    }
    /** Uniform 32-bit unsigned integer. */
    nextUint32() {
        const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
        const t = this.b << 9;
        this.c ^= this.a;
        this.d ^= this.b;
        this.b ^= this.c;
        this.a ^= this.d;
        this.c ^= t;
        this.d = rotl(this.d, 11);
        return result;
    }
    /** Uniform double in [0, 1) with 53 random bits. */
    next() {
        const hi = this.nextUint32() >>> 5; // 27 bits
        const lo = this.nextUint32() >>> 6; // 26 bits
        return (hi * 67108864 + lo) / 9007199254740992;
    }
    /** Uniform integer in [0, n), without modulo bias. */
    int(n) {
        if (!(n > 0) || !Number.isInteger(n))
            throw new RangeError(`Rng.int needs a positive integer, got ${n}`);
        if (n <= 0x100000000) {
            const limit = 0x100000000 - (0x100000000 % n);
            for (;;) {
                const x = this.nextUint32();
                if (x < limit)
                    return x % n;
            }
        }
        return Math.floor(this.next() * n);
    }
    /** Pick one element uniformly. */
    pick(items) {
        if (items.length === 0)
            throw new RangeError('Rng.pick on an empty list');
        return items[this.int(items.length)];
    }
    /** Fisher-Yates shuffle in place. */
    shuffle(items) {
        for (let i = items.length - 1; i > 0; i--) {
            const j = this.int(i + 1);
            const tmp = items[i];
            items[i] = items[j];
            items[j] = tmp;
        }
        return items;
    }
    /** An independent generator derived from this seed and a label (e.g. a row key or plugin name). */
    static derive(seed, label) {
        return new Rng(deriveSeed(seed, label));
    }
}
/** Deterministic 32-bit seed from a base seed and a label (FNV-1a over the label, mixed with the seed). */
export function deriveSeed(seed, label) {
    let h = 0x811c9dc5 ^ (seed >>> 0);
    for (let i = 0; i < label.length; i++) {
        h ^= label.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
    }
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    return h >>> 0;
}
function rotl(x, k) {
    return (x << k) | (x >>> (32 - k));
}
//# sourceMappingURL=rng.js.map