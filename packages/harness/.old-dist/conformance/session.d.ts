/**
 * What every kind's checks share: creating instances (and remembering them for dispose),
 * metering calls, the leak window, and the performance and dispose checks.
 */
import type { OptionValue, PluginContext, PluginKind, PluginOptions } from '../contract.js';
import type { LoadedPlugin } from '../plugins/loader.js';
import type { CheckImages } from './images.js';
import { CallMeter, ResourceProbe } from './resources.js';
import { type CheckRecorder, type ConformanceBudgets } from './types.js';
export interface CheckEnv<K extends PluginKind> {
    loaded: LoadedPlugin<K>;
    options: PluginOptions;
    context: PluginContext;
    seed: number;
    timeoutMs: number;
    budgets: ConformanceBudgets;
    checks: CheckRecorder;
    probe: ResourceProbe;
    images: () => Promise<CheckImages>;
    /** Handles open before the plugin was loaded: timers a module starts on import count too. */
    handlesBeforeLoad: ReadonlyMap<string, number>;
}
interface Disposable {
    dispose?(): void | Promise<void>;
}
/** Largest absolute difference tolerated between scores that must be equal (float32 reductions may differ in the last bit). */
export declare const SCORE_TOLERANCE = 0.000001;
export declare function errorText(error: unknown): string;
/** True for values that survive JSON (what `identity` is hashed and recorded as). */
export declare function isJsonValue(value: unknown): value is OptionValue;
/** `meta.secretOptions` when it is a list of names (the meta check reports it when it is not). */
export declare function declaredSecrets(names: unknown): string[];
/** Problems with an instance's `identity` (recorded in manifests and hashed into store keys). */
export declare function identityProblems(identity: unknown, options: PluginOptions, secretOptions: unknown): string[];
export declare class CheckSession<K extends PluginKind> {
    readonly env: CheckEnv<K>;
    readonly meter: CallMeter;
    readonly label: string;
    private readonly held;
    /** Instances created so far (they are all disposed by the dispose check). */
    created: number;
    private baselineMemory;
    /** Reachable memory after each repeated pass over the same inputs (the first: before them). */
    private readonly leakMarks;
    constructor(env: CheckEnv<K>);
    /** Memory baseline for the dispose check, taken before the first create() (after loading: code is not a leak). */
    begin(): Promise<void>;
    /** Runs a creator under the time limit and remembers the instance for the dispose check. */
    create<T>(make: () => Promise<T> | T, disposable: (instance: T) => Disposable): Promise<T>;
    /** Calls `fn` under the time limit, metered as `items` items. */
    call<T>(items: number, what: string, fn: (signal: AbortSignal) => Promise<T> | T): Promise<T>;
    /**
     * Marks the end of one pass over the ordinary inputs (call once before the first repeated pass).
     * A leak grows memory at every pass; noise (the allocator, the test runner) does not, so the
     * verdict looks at each pass as well as at the total.
     */
    markPass(): Promise<void>;
    /** The time and memory check, from the repeated passes (steady state, after a first warm-up pass). */
    performance(unit: string): Promise<void>;
    /** Disposes every instance created, then compares handles and reachable memory with the baseline. */
    dispose(): Promise<void>;
}
export declare function round(value: number, digits: number): number;
/** Short human number: 3 significant digits, no exponent for the magnitudes seen here. */
export declare function fmt(value: number): string;
export {};
//# sourceMappingURL=session.d.ts.map