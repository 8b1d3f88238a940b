import type { PluginKind, PluginOfKind } from '../contract.js';
import type { BuiltinRegistry } from '../registry.js';
/** Where a loaded plugin came from; recorded in run manifests. */
export interface PluginSource {
    type: 'builtin' | 'path' | 'package';
    /** What the user typed. */
    spec: string;
    /** Built-in name, or the absolute file that was imported. */
    resolved: string;
    packageName?: string;
    packageVersion?: string;
    /** sha256 of the imported file (path and package plugins), so an edited plugin shows in diffs. */
    sha256?: string;
}
export interface LoadedPlugin<K extends PluginKind = PluginKind> {
    plugin: PluginOfKind<K>;
    source: PluginSource;
}
/** npm naming convention for third-party plugins. */
export declare const PLUGIN_PACKAGE_PREFIX = "semibench-plugin-";
export declare const PLUGIN_PACKAGE_KEYWORD = "semibench-plugin";
/** Candidate npm package names for a spec: `foo` → foo, semibench-plugin-foo; `@s/foo` → @s/foo, @s/semibench-plugin-foo. */
export declare function packageCandidates(spec: string): string[];
/** Finds `node_modules/<name>` walking up from `fromDir`, like Node's resolution does. */
export declare function findPackageDir(name: string, fromDir: string): string | undefined;
interface PackageJson {
    name?: string;
    version?: string;
    main?: string;
    module?: string;
    exports?: unknown;
    keywords?: string[];
    /** Entry of the unbuilt source (e.g. `./src/index.ts`), used while the built entry does not exist. */
    source?: string;
}
/** Resolves a plugin directory (a package) to the file to import. */
export declare function resolveDirectoryEntry(dir: string): {
    file: string;
    pkg?: PackageJson;
};
export interface PluginLoaderOptions {
    builtins: BuiltinRegistry;
    /** Directory that relative paths and npm packages are resolved from. */
    cwd?: string;
}
/**
 * Resolves plugin specs of every form in one place:
 *   builtin:NAME | NAME (a built-in) | ./path/to/file.mjs | /abs/dir (package.json exports/main) |
 *   npm package name (NAME, semibench-plugin-NAME, @scope/semibench-plugin-NAME), from `cwd`.
 */
export declare class PluginLoader {
    readonly builtins: BuiltinRegistry;
    readonly cwd: string;
    private readonly jiti;
    constructor(options: PluginLoaderOptions);
    load<K extends PluginKind>(kind: K, spec: string): Promise<LoadedPlugin<K>>;
    private unknown;
    private loadBuiltin;
    private loadPath;
    private loadPackage;
    private importPlugin;
    /** Installed npm packages that look like semibench plugins (by name prefix or keyword), from `cwd` upwards. */
    installedPackages(): Promise<Array<{
        name: string;
        dir: string;
    }>>;
}
export {};
//# sourceMappingURL=loader.d.ts.map