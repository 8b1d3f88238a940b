import { type JobPlan, type RankPlan } from './plan.js';
export { LANES } from './plan.js';
/** The weights of resample `b` into `weights` (one per cluster). Returns the weighted number of rows. */
export declare function drawWeights(seed: number, b: number, clusterRows: Int32Array, weights: Uint16Array): number;
/** The weights of one group of LANES resamples, per lane and packed. */
export declare class LaneWeights {
    readonly clusterCount: number;
    /** weights[c·LANES + lane]. */
    readonly lane: Uint16Array;
    /** packed[c·PACKS + q] = lanes 4q .. 4q + 3 of cluster c. */
    readonly packed: Float64Array;
    /** Positives a packed sum may take before a lane could reach 2^13. */
    packChunk: number;
    /** Largest weighted row count of the lanes (sizes the harmonic table). */
    maxRows: number;
    constructor(clusterCount: number);
    /** Draws resamples b .. b + lanes − 1. */
    draw(seed: number, b: number, lanes: number, clusterRows: Int32Array): void;
    /** Weight 1 for every cluster in lane 0: the full sample. */
    unit(): void;
    private pack;
}
/** Scratch state of the ranking pass, one slot per (domain cell, lane): index d·LANES + lane. */
export declare class RankState {
    readonly domains: number;
    readonly tp: Float64Array;
    readonly fp: Float64Array;
    readonly pending: Float64Array;
    readonly auc: Float64Array;
    readonly ap: Float64Array;
    readonly blockTp: Float64Array;
    readonly blockFp: Float64Array;
    readonly touched: Int32Array;
    /**
     * Positives not yet in `pending`, still packed (PACKS doubles per domain), and how many positives
     * each domain holds there: runs add to these with one add per packed double, and they are
     * unpacked only when a negative of the domain needs them (or before a lane could overflow).
     */
    readonly packedPending: Float64Array;
    readonly packedCount: Int32Array;
    readonly sums: Float64Array<ArrayBuffer>;
    /** Lane weights of each NEG event's cluster, in event order (negWeights[k·LANES + lane]). */
    readonly negWeights: Uint16Array;
    constructor(domains: number, negatives: number);
    reset(): void;
    /** Moves the packed positives of domain `dom` into its per-lane pending sums. */
    flush(dom: number): void;
    flushAll(): void;
}
/**
 * One pass over the ranked rows for `lanes` resamples at once. In resamples, duplicates created by
 * resampling are ranked as distinct (infinitesimally apart) copies (see `credit`), while ties
 * between distinct rows are still treated as ties.
 * Writes AUC and AP per domain and lane into out[outBase + domainCell·M·stride + metric·stride + offset + lane].
 */
export declare function rankPass(plan: RankPlan, weights: LaneWeights, lanes: number, exact: boolean, state: RankState, out: Float64Array, outBase: number, outStride: number, outOffset: number): void;
/** Count metrics of every cell of one lane from packed counts, written at out[outBase + (cell·M + metric)·stride + offset]. */
export declare function metricsFromCounts(acc: Float64Array, lane: number, cellCount: number, out: Float64Array, outBase: number, stride: number, offset: number): void;
/** Point estimates (every row once) of every channel: Float64Array[cell·M + metric] per channel. */
export declare function pointEstimates(plan: JobPlan): Float64Array[];
/** Which metrics a resample computes: all, or only the count metrics or only ROC-AUC and AP (then the rest stays NaN). */
export type KernelPart = 'all' | 'counts' | 'rank';
/**
 * Replicates b0..b1-1 of every channel. Output per channel: Float64Array of cell·M·(b1−b0) values
 * laid out [(cell·M + metric)·(b1−b0) + (b − b0)], NaN where a metric is undefined in a resample.
 */
export declare function runResamples(plan: JobPlan, seed: number, b0: number, b1: number, part?: KernelPart): Float64Array[];
//# sourceMappingURL=kernel.d.ts.map