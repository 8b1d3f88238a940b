/**
 * Measurements behind the time, memory and dispose checks. They run in the checking process
 * itself (plugins are in-process code), so they are approximations made robust by forcing
 * garbage collection before every reading and by comparing like with like:
 * - reachable memory = V8 heap in use (compiled code aside) + memory of Buffers/ArrayBuffers
 *   (`external`), after a full GC: what a plugin keeps alive. Native allocations that V8 does not see (e.g. an ONNX session)
 *   are not counted.
 * - peak = resident set size sampled while a call runs, minus the size before it.
 * - handles = `process.getActiveResourcesInfo()`: timers, sockets, child processes and the like
 *   that keep Node's event loop (and so semibench) from exiting.
 */
import { setImmediate as immediate, setTimeout as sleep } from 'node:timers/promises';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
/** Resource types that come and go with ordinary I/O (the check's own file reads, stdio) rather than plugin state. */
const TRANSIENT_RESOURCES = new Set(['CloseReq', 'FSReqCallback', 'FSReqPromise', 'Immediate', 'TTYWrap', 'WriteWrap', 'ShutdownWrap', 'StatWatcher']);
let cachedGc;
/** `global.gc` without requiring `node --expose-gc`: the flag can be turned on for new contexts at run time. */
function getGc() {
    if (cachedGc !== undefined)
        return cachedGc;
    const existing = globalThis.gc;
    if (typeof existing === 'function')
        return (cachedGc = existing);
    try {
        setFlagsFromString('--expose-gc');
        const gc = runInNewContext('gc');
        cachedGc = typeof gc === 'function' ? gc : null;
    }
    catch {
        cachedGc = null;
    }
    return cachedGc;
}
export class ResourceProbe {
    canGc;
    constructor() {
        this.canGc = getGc() !== null;
        // Touch stdio now so the handles they create lazily are part of every baseline.
        void process.stdout.writable;
        void process.stderr.writable;
    }
    /** Lets pending callbacks run and collects garbage twice (weak callbacks free external memory on the second pass). */
    async settle() {
        await immediate();
        const gc = getGc();
        if (gc) {
            gc();
            await immediate();
            gc();
        }
    }
    /**
     * Reachable memory in bytes after settling: V8 heap in use without the code spaces (compiled code
     * grows as the optimiser warms up, which is not the plugin keeping anything) plus `external`.
     */
    async reachable() {
        await this.settle();
        let heap = 0;
        for (const space of getHeapSpaceStatistics())
            if (!space.space_name.includes('code'))
                heap += space.space_used_size;
        return heap + process.memoryUsage().external;
    }
    /** Active resources keeping the event loop alive, by type, without the transient ones. */
    async handles(waitMs = 50) {
        // Give closing sockets and exiting child processes a moment to go away.
        await sleep(waitMs);
        await immediate();
        const counts = new Map();
        for (const type of process.getActiveResourcesInfo()) {
            if (TRANSIENT_RESOURCES.has(type))
                continue;
            counts.set(type, (counts.get(type) ?? 0) + 1);
        }
        return counts;
    }
}
/** Resource types whose count grew from `before` to `after`, as "2 x Timeout" lines. */
export function newHandles(before, after) {
    const out = [];
    for (const [type, n] of after) {
        const grown = n - (before.get(type) ?? 0);
        if (grown > 0)
            out.push(`${grown} x ${type}`);
    }
    return out;
}
/**
 * Times every call it wraps and samples RSS while the call runs. Sampling only sees calls that
 * yield (async work, native threads); for a synchronous call the RSS right after it is the reading.
 */
export class CallMeter {
    samples = [];
    async measure(items, call) {
        const rss0 = process.memoryUsage.rss();
        let peak = rss0;
        const sampler = setInterval(() => {
            const rss = process.memoryUsage.rss();
            if (rss > peak)
                peak = rss;
        }, 5);
        sampler.unref();
        const t0 = performance.now();
        try {
            return await call();
        }
        finally {
            const ms = performance.now() - t0;
            clearInterval(sampler);
            peak = Math.max(peak, process.memoryUsage.rss());
            this.samples.push({ items, ms, peakBytes: Math.max(0, peak - rss0) });
        }
    }
    /** Samples taken since `from` (an index into `samples`). */
    since(from) {
        return this.samples.slice(from);
    }
}
/** Milliseconds per item over samples (total time / total items). */
export function msPerItem(samples) {
    const items = samples.reduce((a, s) => a + s.items, 0);
    return items ? samples.reduce((a, s) => a + s.ms, 0) / items : 0;
}
/** The largest per-call peak divided by that call's items, in MiB. */
export function peakMbPerItem(samples) {
    let worst = 0;
    for (const s of samples)
        if (s.items > 0)
            worst = Math.max(worst, s.peakBytes / s.items / 2 ** 20);
    return worst;
}
//# sourceMappingURL=resources.js.map