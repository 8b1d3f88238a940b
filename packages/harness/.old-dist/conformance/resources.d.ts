export declare class ResourceProbe {
    readonly canGc: boolean;
    constructor();
    /** Lets pending callbacks run and collects garbage twice (weak callbacks free external memory on the second pass). */
    settle(): Promise<void>;
    /**
     * Reachable memory in bytes after settling: V8 heap in use without the code spaces (compiled code
     * grows as the optimiser warms up, which is not the plugin keeping anything) plus `external`.
     */
    reachable(): Promise<number>;
    /** Active resources keeping the event loop alive, by type, without the transient ones. */
    handles(waitMs?: number): Promise<Map<string, number>>;
}
/** Resource types whose count grew from `before` to `after`, as "2 x Timeout" lines. */
export declare function newHandles(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): string[];
/** One timed call: wall time and the resident-memory peak above the level before it. */
export interface CallSample {
    items: number;
    ms: number;
    peakBytes: number;
}
/**
 * Times every call it wraps and samples RSS while the call runs. Sampling only sees calls that
 * yield (async work, native threads); for a synchronous call the RSS right after it is the reading.
 */
export declare class CallMeter {
    readonly samples: CallSample[];
    measure<T>(items: number, call: () => Promise<T> | T): Promise<T>;
    /** Samples taken since `from` (an index into `samples`). */
    since(from: number): CallSample[];
}
/** Milliseconds per item over samples (total time / total items). */
export declare function msPerItem(samples: readonly CallSample[]): number;
/** The largest per-call peak divided by that call's items, in MiB. */
export declare function peakMbPerItem(samples: readonly CallSample[]): number;
//# sourceMappingURL=resources.d.ts.map