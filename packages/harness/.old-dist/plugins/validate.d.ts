import { type AnyPlugin, type PluginKind, type PluginOfKind } from '../contract.js';
/** A module that is not a usable plugin. The message names the file, what was found, and what is missing. */
export declare class PluginError extends Error {
    readonly source: string;
    constructor(message: string, source: string);
}
/**
 * Picks the plugin object out of an imported module: `default`, then the named export `plugin`
 * (CommonJS modules imported as ESM may nest the object one `default` deeper).
 */
export declare function pluginFromModule(mod: unknown, source: string): unknown;
/** Checks the contract's shape and returns the plugin typed for the expected kind. */
export declare function validatePlugin<K extends PluginKind>(candidate: unknown, source: string, expectedKind?: K): PluginOfKind<K>;
export declare function isPlugin(candidate: unknown): candidate is AnyPlugin;
//# sourceMappingURL=validate.d.ts.map