/**
 * Loading a plugin whose kind is not known in advance, and the checks on its `meta`: what the
 * loader refuses is a failure there already; this adds what the loader tolerates but reports,
 * caches and users trip over (names that break CSV files, versions that are not semver, a
 * package.json version that disagrees with meta.version, invalid declarations).
 */
import { type PluginKind } from '../contract.js';
import type { LoadedPlugin, PluginLoader } from '../plugins/loader.js';
import { type Outcome } from './types.js';
/**
 * Loads `spec` as whatever kind it is. Built-in names are looked up in the registry; anything else
 * is loaded as a detector first and, when the loader says it is another kind, as that kind.
 */
export declare function loadAnyKind(loader: PluginLoader, spec: string, kind?: PluginKind): Promise<LoadedPlugin>;
/** The short name users type for a package (`@acme/semibench-plugin-foo` → `@acme/foo`). */
export declare function shortPackageName(packageName: string): string;
export declare function checkMeta(loaded: LoadedPlugin): Outcome;
//# sourceMappingURL=meta.d.ts.map