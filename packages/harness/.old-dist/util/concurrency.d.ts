/**
 * Bounded concurrency, in one place: the runner's parallel decodes, generation's rows in flight,
 * and the remote plugins' request limits all use these.
 */
/** Counting semaphore: at most `limit` holders at a time, served in arrival order. */
export declare class Semaphore {
    readonly limit: number;
    private active;
    private readonly waiting;
    constructor(limit: number);
    run<T>(task: () => Promise<T>): Promise<T>;
}
/** Runs `fn` over `items` with at most `limit` in flight, keeping result order. */
export declare function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]>;
//# sourceMappingURL=concurrency.d.ts.map