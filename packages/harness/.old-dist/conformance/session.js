import { withTimeout } from '../runner.js';
import { secretValues } from '../util/secrets.js';
import { CallMeter, ResourceProbe, msPerItem, newHandles, peakMbPerItem } from './resources.js';
import { fail, pass, warn } from './types.js';
/** Largest absolute difference tolerated between scores that must be equal (float32 reductions may differ in the last bit). */
export const SCORE_TOLERANCE = 1e-6;
export function errorText(error) {
    return error instanceof Error ? error.message : String(error);
}
/** True for values that survive JSON (what `identity` is hashed and recorded as). */
export function isJsonValue(value) {
    if (value === null || typeof value === 'string' || typeof value === 'boolean')
        return true;
    if (typeof value === 'number')
        return Number.isFinite(value);
    if (Array.isArray(value))
        return value.every(isJsonValue);
    if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
        return Object.values(value).every(isJsonValue);
    return false;
}
/** `meta.secretOptions` when it is a list of names (the meta check reports it when it is not). */
export function declaredSecrets(names) {
    return Array.isArray(names) ? names.filter((n) => typeof n === 'string') : [];
}
/** Problems with an instance's `identity` (recorded in manifests and hashed into store keys). */
export function identityProblems(identity, options, secretOptions) {
    if (identity === undefined)
        return [];
    if (identity === null || typeof identity !== 'object' || Array.isArray(identity))
        return ['instance.identity must be an object of JSON values'];
    const problems = [];
    for (const [k, v] of Object.entries(identity))
        if (!isJsonValue(v))
            problems.push(`instance.identity.${k} is not a JSON value (functions, NaN, class instances and undefined cannot be recorded)`);
    const text = JSON.stringify(identity);
    // The options semibench redacts (declared secretOptions, and names that look like tokens or keys).
    if (secretValues(options, declaredSecrets(secretOptions)).some((secret) => secret.length >= 6 && text.includes(secret))) {
        problems.push('instance.identity contains the value of a secret option; identity is written to every run manifest and hashed into store keys');
    }
    return problems;
}
export class CheckSession {
    env;
    meter = new CallMeter();
    label;
    held = [];
    /** Instances created so far (they are all disposed by the dispose check). */
    created = 0;
    baselineMemory = 0;
    /** Reachable memory after each repeated pass over the same inputs (the first: before them). */
    leakMarks = [];
    constructor(env) {
        this.env = env;
        const { meta } = env.loaded.plugin;
        this.label = `${env.loaded.plugin.kind} ${meta.name}@${meta.version}`;
    }
    /** Memory baseline for the dispose check, taken before the first create() (after loading: code is not a leak). */
    async begin() {
        this.baselineMemory = await this.env.probe.reachable();
    }
    /** Runs a creator under the time limit and remembers the instance for the dispose check. */
    async create(make, disposable) {
        const controller = new AbortController();
        const instance = await withTimeout(Promise.resolve().then(make), this.env.timeoutMs, controller, `${this.label}: create()`);
        this.held.push(disposable(instance));
        this.created++;
        return instance;
    }
    /** Calls `fn` under the time limit, metered as `items` items. */
    call(items, what, fn) {
        const controller = new AbortController();
        return withTimeout(this.meter.measure(items, () => fn(controller.signal)), this.env.timeoutMs, controller, `${this.label}: ${what}`);
    }
    /**
     * Marks the end of one pass over the ordinary inputs (call once before the first repeated pass).
     * A leak grows memory at every pass; noise (the allocator, the test runner) does not, so the
     * verdict looks at each pass as well as at the total.
     */
    async markPass() {
        this.leakMarks.push({ memory: await this.env.probe.reachable(), sample: this.meter.samples.length });
    }
    /** The time and memory check, from the repeated passes (steady state, after a first warm-up pass). */
    async performance(unit) {
        await this.env.checks.run('performance', `time and memory per ${unit}`, () => {
            const { budgets, probe } = this.env;
            const marks = this.leakMarks;
            const from = marks[0];
            const to = marks.at(-1);
            if (!from || !to || marks.length < 2)
                return fail('no repeated calls succeeded, so nothing could be measured (see the checks above)');
            const window = this.meter.samples.slice(from.sample, to.sample);
            const items = window.reduce((a, s) => a + s.items, 0);
            const ms = msPerItem(window);
            const first = this.meter.samples[0];
            // Ordinary items only: the large image reports its own peak.
            const peak = peakMbPerItem(this.meter.samples.slice(0, to.sample));
            const leakKb = items ? (to.memory - from.memory) / items / 1024 : 0;
            // Growth per item of the pass that grew least: above zero only when every pass kept memory.
            const steadiest = Math.min(...marks.slice(1).map((m, i) => {
                const prev = marks[i];
                const n = this.meter.samples.slice(prev.sample, m.sample).reduce((a, s) => a + s.items, 0);
                return n ? (m.memory - prev.memory) / n / 1024 : 0;
            }));
            const measured = { msPerItem: round(ms, 2), peakMbPerItem: round(peak, 2), items };
            if (first)
                measured.firstCallMs = round(first.ms, 1);
            if (probe.canGc)
                measured.leakKbPerItem = round(leakKb, 2);
            const facts = [
                `${fmt(ms)} ms per ${unit} over ${items} repeated ${unit}s${first ? ` (first call ${fmt(first.ms)} ms for ${first.items})` : ''}`,
                `peak memory +${fmt(peak)} MB per ${unit}`,
                probe.canGc ? `reachable memory ${leakKb >= 0 ? '+' : ''}${fmt(leakKb)} KB per ${unit} across ${marks.length - 1} repeated passes` : 'leak not measured (garbage collection could not be forced)',
            ];
            const problems = [];
            if (ms > budgets.msPerItem)
                problems.push(`${fmt(ms)} ms per ${unit} is over the budget of ${budgets.msPerItem} ms (--max-ms-per-item): a Semi-Truths evaluation has 27,000 images`);
            if (peak > budgets.peakMbPerItem)
                problems.push(`peak memory of ${fmt(peak)} MB per ${unit} is over the budget of ${budgets.peakMbPerItem} MB (--max-mb-per-item)`);
            if (probe.canGc && leakKb > budgets.leakKbPerItem && steadiest > budgets.leakKbPerItem / 2) {
                problems.push(`memory grows by ${fmt(leakKb)} KB with every ${unit} although the same inputs are repeated (budget ${budgets.leakKbPerItem} KB): ` +
                    'something keeps a reference to inputs or results (a module-level array or cache without a bound?)');
            }
            if (problems.length)
                return fail([...problems, ...facts].join('\n'), measured);
            return probe.canGc ? pass(facts.join('; '), measured) : warn(facts.join('; '), measured);
        });
    }
    /** Disposes every instance created, then compares handles and reachable memory with the baseline. */
    async dispose() {
        await this.env.checks.run('dispose', 'dispose() releases resources', async () => {
            const { probe, budgets } = this.env;
            const instances = this.held.splice(0);
            const hasDispose = instances.some((i) => typeof i.dispose === 'function');
            const errors = [];
            for (const [n, instance] of instances.entries()) {
                if (typeof instance.dispose !== 'function')
                    continue;
                try {
                    const controller = new AbortController();
                    await withTimeout(Promise.resolve().then(() => instance.dispose?.()), this.env.timeoutMs, controller, `${this.label}: dispose() of instance ${n + 1}`);
                }
                catch (error) {
                    errors.push(`dispose() of instance ${n + 1} threw: ${errorText(error)}`);
                }
            }
            instances.length = 0;
            const lingering = newHandles(this.env.handlesBeforeLoad, await probe.handles());
            const retainedMb = (await probe.reachable()) - this.baselineMemory;
            const mb = retainedMb / 2 ** 20;
            const measured = { retainedMb: round(mb, 2), instances: this.created };
            const problems = [...errors];
            if (lingering.length) {
                problems.push(`after dispose() the plugin still holds ${lingering.join(', ')} (timers, sockets, child processes or workers): ` +
                    `they keep semibench from exiting. ${hasDispose ? 'Close or clear them in dispose().' : 'Add dispose() to the instance and close or clear them there.'}`);
            }
            if (probe.canGc && mb > budgets.retainedMbAfterDispose) {
                problems.push(`${fmt(mb)} MB is still reachable after dispose() (budget ${budgets.retainedMbAfterDispose} MB): release models, buffers and caches ` +
                    `${hasDispose ? 'in dispose()' : 'in a dispose() method'}, and keep them on the instance rather than in module-level variables.`);
            }
            if (problems.length)
                return fail(problems.join('\n'), measured);
            const how = hasDispose ? `dispose() ran on ${this.created} instance(s)` : 'no dispose() method, and none is needed';
            const memory = probe.canGc ? `; ${fmt(mb)} MB reachable compared with before create()` : '';
            return pass(`${how}; no timers, sockets or processes left open${memory}`, measured);
        });
    }
}
export function round(value, digits) {
    const f = 10 ** digits;
    return Math.round(value * f) / f;
}
/** Short human number: 3 significant digits, no exponent for the magnitudes seen here. */
export function fmt(value) {
    if (!Number.isFinite(value))
        return String(value);
    const abs = Math.abs(value);
    if (abs >= 100)
        return value.toFixed(0);
    if (abs >= 10)
        return value.toFixed(1);
    if (abs >= 0.01 || abs === 0)
        return value.toFixed(2);
    return value.toPrecision(2);
}
//# sourceMappingURL=session.js.map