import { type CellStats, type JobInput } from './plan.js';
export interface BootstrapOptions {
    readonly resamples: number;
    readonly seed: number;
    /** Worker threads; default: the machine's available parallelism. 1 = run inline. */
    readonly threads?: number;
}
export interface BootstrapResult {
    readonly stats: readonly CellStats[];
    /** Per channel: [cell·M + metric], NaN where undefined. */
    readonly point: readonly Float64Array[];
    /** Per channel: [(cell·M + metric)·resamples + b], NaN where undefined in that resample. */
    readonly replicates: readonly Float64Array[];
    readonly resamples: number;
    readonly cellCount: number;
}
export declare function bootstrap(jobs: readonly JobInput[], options: BootstrapOptions): Promise<BootstrapResult[]>;
/**
 * Percentile interval (numpy's linear interpolation) over the resamples where the metric is
 * defined; null when there are no resamples or fewer than half of them define the metric.
 */
export declare function percentileInterval(replicates: Float64Array, offset: number, resamples: number, confidence: number): [number, number] | null;
//# sourceMappingURL=engine.d.ts.map