/** Bits of the packed count: counts of one (cluster, cell, class) and the weighted sums stay below 2^26. */
export declare const PACK = 67108864;
/**
 * Resamples are processed in lanes of eight: the per-cluster entries and the ranked positives are
 * read once for eight resamples (their weights sit side by side), which turns the memory-bound
 * passes into compute-bound ones. (Sixteen measured no faster here and doubles the weight buffers.)
 */
export declare const LANES = 8;
/** One column of a job: a detector's predictions (or one side of a paired comparison). */
export interface ChannelInput {
    /** 0/1 per row. */
    readonly prediction: Uint8Array;
    /** Probability of fake per row; NaN when the detector gave only a hard prediction. */
    readonly score: Float64Array;
}
/** Group codes of one slice column (−1 = empty), as narrow as the number of groups allows. */
export type GroupCodes = Int8Array | Int16Array | Int32Array;
/** Rows in columnar form, all channels sharing the rows, clusters and slice cells. */
export interface JobInput {
    readonly label: Uint8Array;
    /** Cluster index per row, in [0, clusterCount). */
    readonly cluster: Int32Array;
    readonly clusterCount: number;
    /** Per slice, each row's group code (−1 when its group value is empty). */
    readonly groups: readonly GroupCodes[];
    /** Per slice, group code → cell index (cell 0 is `overall`); −1 for codes no row of the job has. */
    readonly groupCell: readonly Int32Array[];
    readonly cellCount: number;
    readonly channels: readonly ChannelInput[];
}
export interface CountPlan {
    /** Entries of cluster c are [start[c], start[c+1]). */
    readonly start: Int32Array;
    /** (2·cell + class)·LANES, class 0 for fake rows (tp + fn·2^26), 1 for real rows (tn + fp·2^26). */
    readonly target: Int32Array;
    readonly value: Float64Array;
    /**
     * Targets with no entries, derived once the sums are done: when the groups of a slice split the
     * rows of a class that another target holds exactly (all of them, or e.g. ratio bins = the
     * inpainting rows), one group's sum is that target's minus the others':
     * acc[derived[i]] = acc[derivedFrom[i]] − Σ acc[derivedMinus[derivedStart[i] .. derivedStart[i+1])].
     */
    readonly derived: Int32Array;
    readonly derivedFrom: Int32Array;
    readonly derivedStart: Int32Array;
    readonly derivedMinus: Int32Array;
}
/** Event opcodes of the ranking pass. */
export declare const EV_RUN = 0;
export declare const EV_NEG = 1;
export declare const EV_BLOCK = 2;
export interface RankPlan {
    /** Domain index → cell index. A domain is a cell with both classes and a score on every row. */
    readonly domains: Int32Array;
    /** Domains of tuple t are tupleCells[tupleStart[t] .. tupleStart[t+1]). */
    readonly tupleStart: Int32Array;
    readonly tupleCells: Int32Array;
    /** Triples (op, a, b) in descending score order. RUN: sub-runs [a, b); NEG: cluster a, tuple b; BLOCK: tied rows [a, b). */
    readonly events: Int32Array;
    readonly subTuple: Int32Array;
    /** Positives of sub-run s are posCluster[subStart[s] .. subStart[s+1]). */
    readonly subStart: Int32Array;
    /** Clusters of the positives of every run, grouped by sub-run. */
    readonly posCluster: Int32Array;
    /** Cluster of each NEG event, in event order (their weights are gathered in one sweep per resample group). */
    readonly negCluster: Int32Array;
    readonly blockCluster: Int32Array;
    readonly blockTuple: Int32Array;
    readonly blockLabel: Uint8Array;
}
export interface ChannelPlan {
    readonly counts: CountPlan;
    readonly rank: RankPlan | null;
}
export interface JobPlan {
    readonly clusterCount: number;
    readonly cellCount: number;
    /** Rows per cluster: bounds the weighted row total of a resample (overflow guard of the packing). */
    readonly clusterRows: Int32Array;
    readonly channels: readonly ChannelPlan[];
}
/** Per-cell facts of the full sample, per channel: row count, class counts, rows without a score. */
export interface CellStats {
    readonly n: Int32Array;
    readonly pos: Int32Array;
    readonly neg: Int32Array;
    readonly nanScores: Int32Array;
}
type Alloc = <T extends Int32Array | Float64Array | Uint8Array | Uint16Array>(ctor: {
    new (buffer: ArrayBufferLike): T;
    readonly BYTES_PER_ELEMENT: number;
}, length: number) => T;
/** Typed arrays on SharedArrayBuffers, so worker threads read the plan without copying it. */
export declare const sharedAlloc: Alloc;
export declare const localAlloc: Alloc;
/**
 * The count part of a job's plan (ranking passes not yet built: `rank` null) and the facts of its
 * cells (which cells have both classes, rows without a score), which the ranking part needs.
 */
export declare function buildCountPlan(input: JobInput, shared: boolean): {
    plan: JobPlan;
    stats: CellStats[];
};
/** Rows per cluster (what a resample's weights are checked against). */
export declare function clusterSizes(input: JobInput, shared: boolean): Int32Array;
/** buildCountPlan in steps: it yields between slices, so that an async caller can handle messages meanwhile. */
export declare function countPlanSteps(input: JobInput, clusterRows: Int32Array, shared: boolean): Generator<void, {
    plan: JobPlan;
    stats: CellStats[];
}, void>;
/** A count part with no entries, for plans that only carry ranking passes to the workers. */
export declare const NO_COUNTS: CountPlan;
/** What the ranking pass of a job needs besides the scores (a job without its channels). */
export type RankInput = Pick<JobInput, 'label' | 'cluster' | 'groups' | 'groupCell' | 'cellCount'>;
/** The plan completed with its ranking passes. */
export declare function withRankPlans(input: JobInput, plan: JobPlan, stats: readonly CellStats[], shared: boolean): JobPlan;
/**
 * The ranking pass of one channel from the columns alone, so that a worker can build it while the
 * main thread builds the counts. Arrays on SharedArrayBuffers.
 */
export declare function standaloneRankPlan(input: RankInput, score: Float64Array): RankPlan | null;
/**
 * The part of a job a ranking pass can need: slices with a group among rows of the rarer class
 * (only those can hold cells with both classes). Cells keep their numbers.
 */
export declare function rankInput(input: JobInput): RankInput;
export {};
//# sourceMappingURL=plan.d.ts.map