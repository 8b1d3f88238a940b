import type { PluginKind } from './contract.js';
/**
 * A built-in plugin, registered as data with a lazy loader: listing plugins never imports them,
 * and a run imports only the ones it uses (model runtimes are heavy).
 */
export interface BuiltinEntry {
    kind: PluginKind;
    /** Name as users type it (`noise-inconsistency`, `zoo:univfd`). */
    name: string;
    description: string;
    /** Imports the module whose default export (or `plugin` export) is the plugin. */
    load: () => Promise<unknown>;
}
/** The table of built-in plugins a host application (the CLI) assembles from the plugin packages. */
export declare class BuiltinRegistry {
    private readonly entries;
    constructor(entries?: Iterable<BuiltinEntry>);
    add(entry: BuiltinEntry): void;
    get(kind: PluginKind, name: string): BuiltinEntry | undefined;
    list(kind?: PluginKind): BuiltinEntry[];
    /** Closest built-in names to a misspelt one, for "did you mean" messages. */
    suggest(kind: PluginKind, name: string, max?: number): string[];
}
/** Levenshtein distance (small strings only). */
export declare function editDistance(a: string, b: string): number;
//# sourceMappingURL=registry.d.ts.map