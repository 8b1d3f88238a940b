/**
 * Seeded pseudo-random numbers for everything semibench draws (bootstrap resamples, crops,
 * magnitudes, sampling). Never use Math.random: runs must be byte-identical for a seed.
 *
 * xoshiro128** (Blackman & Vigna) seeded through splitmix32: small, fast on 32-bit integer
 * arithmetic in JS, and good enough statistically for resampling.
 */
export declare class Rng {
    private a;
    private b;
    private c;
    private d;
    constructor(seed: number);
    /** Uniform 32-bit unsigned integer. */
    nextUint32(): number;
    /** Uniform double in [0, 1) with 53 random bits. */
    next(): number;
    /** Uniform integer in [0, n), without modulo bias. */
    int(n: number): number;
    /** Pick one element uniformly. */
    pick<T>(items: readonly T[]): T;
    /** Fisher-Yates shuffle in place. */
    shuffle<T>(items: T[]): T[];
    /** An independent generator derived from this seed and a label (e.g. a row key or plugin name). */
    static derive(seed: number, label: string): Rng;
}
/** Deterministic 32-bit seed from a base seed and a label (FNV-1a over the label, mixed with the seed). */
export declare function deriveSeed(seed: number, label: string): number;
//# sourceMappingURL=rng.d.ts.map