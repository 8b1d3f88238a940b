/** Version of the suite itself; a cached "passed" from another suite version does not count. */
export const CONFORMANCE_SUITE_VERSION = 1;
export const DEFAULT_BUDGETS = {
    // A ViT-L CLIP detector on a laptop CPU takes 1-2 s per image; 5 s leaves room for that.
    msPerItem: 5000,
    peakMbPerItem: 1024,
    // A leak of one 256x256 RGB image per item is 192 KiB; measurement noise was below 6 KiB per item.
    leakKbPerItem: 32,
    retainedMbAfterDispose: 32,
};
export const pass = (detail, measured) => (measured ? { status: 'pass', detail, measured } : { status: 'pass', detail });
export const warn = (detail, measured) => (measured ? { status: 'warn', detail, measured } : { status: 'warn', detail });
export const fail = (detail, measured) => (measured ? { status: 'fail', detail, measured } : { status: 'fail', detail });
/** Runs checks, times them, turns a thrown error into a failure, and reports each as it ends. */
export class CheckRecorder {
    onCheck;
    results = [];
    /** Applied to every detail before it is recorded or shown (removes secrets from plugin error messages). */
    scrub = (text) => text;
    constructor(onCheck) {
        this.onCheck = onCheck;
    }
    async run(id, title, body) {
        const t0 = performance.now();
        let outcome;
        try {
            outcome = await body();
        }
        catch (error) {
            outcome = fail(error instanceof Error ? error.message : String(error));
        }
        return this.add({ id, title, ...outcome, ms: Math.round(performance.now() - t0) });
    }
    skip(id, title, reason) {
        return this.add({ id, title, status: 'skip', detail: reason, ms: 0 });
    }
    failed(id) {
        return this.results.some((r) => r.id === id && r.status === 'fail');
    }
    add(raw) {
        const result = { ...raw, detail: this.scrub(raw.detail) };
        this.results.push(result);
        this.onCheck?.(result);
        return result;
    }
}
//# sourceMappingURL=types.js.map