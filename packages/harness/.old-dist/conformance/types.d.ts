import type { Logger, OptionValue, PluginKind, PluginOptions } from '../contract.js';
import type { PluginLoader, PluginSource } from '../plugins/loader.js';
/** Version of the suite itself; a cached "passed" from another suite version does not count. */
export declare const CONFORMANCE_SUITE_VERSION = 1;
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';
export interface CheckResult {
    /** Stable identifier, e.g. `determinism` (JSON consumers and tests key on it). */
    id: string;
    title: string;
    status: CheckStatus;
    /** What was observed and, on failure, what to change. May span several lines. */
    detail: string;
    ms: number;
    /** Numbers behind the verdict (differences, ms per item, MB), for --json. */
    measured?: Record<string, number>;
}
/** Limits for the time and memory checks. */
export interface ConformanceBudgets {
    /** Wall time of predict/edit/compute/perturb per item, steady state. */
    msPerItem: number;
    /** Resident memory growth while one call runs, divided by its items. */
    peakMbPerItem: number;
    /** Memory still reachable after repeated identical calls, per item processed (a leak). */
    leakKbPerItem: number;
    /** Memory still reachable after dispose(), compared with before create(). */
    retainedMbAfterDispose: number;
}
export declare const DEFAULT_BUDGETS: ConformanceBudgets;
export interface ConformanceOptions {
    loader: PluginLoader;
    /** Expected kind; when absent it is read from the plugin. */
    kind?: PluginKind;
    /** Options handed to create(), as `--option` would. */
    options?: PluginOptions;
    seed?: number;
    /** Directory for plugin caches (context.cacheDir) and the generated check images. */
    cacheDir: string;
    logger?: Logger;
    /** Limit for one predict/edit/compute/perturb call (default 120 s). */
    timeoutMs?: number;
    budgets?: Partial<ConformanceBudgets>;
    /** [height, width] of the large image (default 2000 x 3000). */
    largeSize?: readonly [number, number];
    /** Called as each check finishes, for progress output. */
    onCheck?: (result: CheckResult) => void;
}
export interface ConformanceReport {
    suiteVersion: number;
    spec: string;
    plugin?: {
        kind: PluginKind;
        name: string;
        version: string;
        apiVersion: number;
        description?: string;
    };
    source?: PluginSource;
    /** Options used, secrets redacted. */
    options: Record<string, OptionValue>;
    passed: boolean;
    counts: Record<CheckStatus, number>;
    checks: CheckResult[];
    startedAt: string;
    ms: number;
}
/** What a check body returns; the recorder adds id, title and timing. */
export interface Outcome {
    status: CheckStatus;
    detail: string;
    measured?: Record<string, number>;
}
export declare const pass: (detail: string, measured?: Record<string, number>) => Outcome;
export declare const warn: (detail: string, measured?: Record<string, number>) => Outcome;
export declare const fail: (detail: string, measured?: Record<string, number>) => Outcome;
/** Runs checks, times them, turns a thrown error into a failure, and reports each as it ends. */
export declare class CheckRecorder {
    private readonly onCheck?;
    readonly results: CheckResult[];
    /** Applied to every detail before it is recorded or shown (removes secrets from plugin error messages). */
    scrub: (text: string) => string;
    constructor(onCheck?: ((result: CheckResult) => void) | undefined);
    run(id: string, title: string, body: () => Promise<Outcome> | Outcome): Promise<CheckResult>;
    skip(id: string, title: string, reason: string): CheckResult;
    failed(id: string): boolean;
    private add;
}
//# sourceMappingURL=types.d.ts.map