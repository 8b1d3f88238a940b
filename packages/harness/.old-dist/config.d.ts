import type { OptionValue, PluginOptions } from './contract.js';
/** One plugin named in a config file: a spec plus its options, optionally under an alias. */
export interface PluginConfigEntry {
    /** Plugin spec: built-in name, path or npm package. */
    use: string;
    options?: PluginOptions;
    /** Name to refer to it by on the command line and in reports (defaults to the plugin's meta.name). */
    as?: string;
}
/** `semibench.config.*`, `.semibenchrc*` or `package.json#semibench`. */
export interface SemibenchConfig {
    detectors?: Array<string | PluginConfigEntry>;
    editors?: Array<string | PluginConfigEntry>;
    metrics?: Array<string | PluginConfigEntry>;
    perturber?: string | PluginConfigEntry;
    dataset?: string;
    out?: string;
    store?: string;
    bootstrap?: number;
    seed?: number;
    threshold?: number;
    confidence?: number;
    slices?: string[];
}
export interface LoadedConfig {
    config: SemibenchConfig;
    /** The file it came from; relative paths inside it are resolved against its directory. */
    filepath: string;
    dir: string;
}
/** Finds and validates the nearest config from `cwd`, or loads `explicitPath`. Returns undefined when there is none. */
export declare function loadConfig(cwd: string, explicitPath?: string): Promise<LoadedConfig | undefined>;
export declare function validateConfig(raw: unknown, file: string): SemibenchConfig;
/** Parses `key=value` pairs from the command line; values are JSON when they parse as JSON, else strings. */
export declare function parseOptionAssignments(pairs: readonly string[]): Array<{
    target?: string;
    key: string;
    value: OptionValue;
}>;
//# sourceMappingURL=config.d.ts.map