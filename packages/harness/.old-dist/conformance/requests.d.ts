/**
 * The check sequence for kinds that take one request per call (editors, metrics, perturbers):
 * create, output shape, determinism (repeated call and a fresh instance), unusual images where
 * the kind takes images, time and memory, dispose. Each kind supplies how to build requests,
 * call the instance and inspect a result.
 */
import type { PluginKind } from '../contract.js';
import { type CheckSession } from './session.js';
/** What a result is compared by: `text` exactly, `numbers` within a tolerance. */
export interface Fingerprint {
    text: string;
    numbers: readonly number[];
}
export interface Inspection {
    problems: string[];
    warnings: string[];
    fingerprint: Fingerprint;
}
export interface Keyed<R> {
    /** Names the request in reports (the image key, or the label for perturbers). */
    key: string;
    request: R;
}
export interface RequestKind<I extends {
    dispose?(): void | Promise<void>;
}, R> {
    /** Noun for one call, e.g. `edit`. */
    unit: string;
    /** The method's name as authors know it, e.g. `edit(request)`. */
    method: string;
    create(): Promise<I> | I;
    /** Problems with the instance create() returned (missing methods, bad identity...). */
    instanceProblems(instance: I): string[];
    describeInstance(instance: I): string;
    standard(): Promise<Array<Keyed<R>>>;
    /** Unusual inputs, each its own check: [id, title, build the request]. */
    special: Array<[string, string, () => Promise<Keyed<R>>]>;
    call(instance: I, request: R, signal: AbortSignal): Promise<unknown> | unknown;
    inspect(result: unknown, request: R): Inspection;
    /** Largest difference tolerated between numbers that must be equal. */
    tolerance: number;
}
export declare function checkRequests<K extends PluginKind, I extends {
    dispose?(): void | Promise<void>;
}, R>(session: CheckSession<K>, kind: RequestKind<I, R>): Promise<void>;
//# sourceMappingURL=requests.d.ts.map