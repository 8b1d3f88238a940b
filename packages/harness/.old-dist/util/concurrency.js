/**
 * Bounded concurrency, in one place: the runner's parallel decodes, generation's rows in flight,
 * and the remote plugins' request limits all use these.
 */
/** Counting semaphore: at most `limit` holders at a time, served in arrival order. */
export class Semaphore {
    limit;
    active = 0;
    waiting = [];
    constructor(limit) {
        this.limit = limit;
        if (!Number.isInteger(limit) || limit < 1)
            throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`);
    }
    async run(task) {
        if (this.active >= this.limit)
            await new Promise((resolve) => this.waiting.push(resolve));
        else
            this.active++;
        try {
            return await task();
        }
        finally {
            // Hand the slot straight to the next waiter, so no newcomer can slip in between.
            const next = this.waiting.shift();
            if (next)
                next();
            else
                this.active--;
        }
    }
}
/** Runs `fn` over `items` with at most `limit` in flight, keeping result order. */
export async function mapLimit(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const workers = Array.from({ length: Math.min(Math.max(1, limit), items.length) }, async () => {
        for (;;) {
            const i = next++;
            if (i >= items.length)
                return;
            results[i] = await fn(items[i], i);
        }
    });
    await Promise.all(workers);
    return results;
}
//# sourceMappingURL=concurrency.js.map