/**
 * Loading a plugin whose kind is not known in advance, and the checks on its `meta`: what the
 * loader refuses is a failure there already; this adds what the loader tolerates but reports,
 * caches and users trip over (names that break CSV files, versions that are not semver, a
 * package.json version that disagrees with meta.version, invalid declarations).
 */
import { PLUGIN_KINDS } from '../contract.js';
import { PLUGIN_PACKAGE_PREFIX } from '../plugins/loader.js';
import { PluginError } from '../plugins/validate.js';
import { validateDetectorInput } from '../preprocess/index.js';
import { errorText } from './session.js';
import { fail, pass, warn } from './types.js';
/**
 * Loads `spec` as whatever kind it is. Built-in names are looked up in the registry; anything else
 * is loaded as a detector first and, when the loader says it is another kind, as that kind.
 */
export async function loadAnyKind(loader, spec, kind) {
    // LoadedPlugin<K> is invariant in K for the compiler; every kind's result is a LoadedPlugin.
    const load = async (k) => (await loader.load(k, spec));
    if (kind)
        return load(kind);
    const bare = spec.trim().replace(/^builtin:/, '');
    const builtinKinds = PLUGIN_KINDS.filter((k) => loader.builtins.get(k, bare));
    const only = builtinKinds[0];
    if (builtinKinds.length > 1) {
        throw new PluginError(`"${bare}" names built-in plugins of several kinds (${builtinKinds.join(', ')}); say which with --kind.`, spec);
    }
    if (only)
        return load(only);
    try {
        return await load('detector');
    }
    catch (error) {
        // The loader's kind-mismatch message is the only place the module's own kind is reported.
        const other = /is a (\w+) plugin, but a \w+ was asked for/.exec(errorText(error))?.[1];
        if (other && PLUGIN_KINDS.includes(other))
            return load(other);
        throw error;
    }
}
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
/** Characters that are safe in CSV cells, file names and shell arguments. */
const SAFE_NAME = /^[A-Za-z0-9@][A-Za-z0-9._:@/-]*$/;
const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function stringList(value) {
    return Array.isArray(value) && value.every((v) => typeof v === 'string' && v.trim() !== '');
}
/** The short name users type for a package (`@acme/semibench-plugin-foo` → `@acme/foo`). */
export function shortPackageName(packageName) {
    const [scope, rest] = packageName.startsWith('@') ? packageName.split('/', 2) : [undefined, packageName];
    const base = rest.startsWith(PLUGIN_PACKAGE_PREFIX) ? rest.slice(PLUGIN_PACKAGE_PREFIX.length) : rest;
    return scope ? `${scope}/${base}` : base;
}
export function checkMeta(loaded) {
    const plugin = loaded.plugin;
    const meta = plugin.meta;
    const failures = [];
    const warnings = [];
    const name = plugin.meta.name;
    if (!SAFE_NAME.test(name))
        failures.push(`meta.name "${name}" has characters that break reports and file names; use letters, digits and . _ - : @ / only`);
    else if (name !== name.toLowerCase())
        warnings.push(`meta.name "${name}" has capitals; npm names and semibench names are lower case`);
    if (!SEMVER.test(plugin.meta.version))
        failures.push(`meta.version "${plugin.meta.version}" is not a semver version such as 1.0.0; stored predictions and "plugins list" key on it`);
    if (meta.description === undefined || (typeof meta.description === 'string' && meta.description.trim() === '')) {
        warnings.push('meta.description is missing; "semibench plugins list" shows it');
    }
    else if (typeof meta.description !== 'string')
        failures.push('meta.description must be a string');
    for (const field of ['homepage', 'license'])
        if (meta[field] !== undefined && typeof meta[field] !== 'string')
            failures.push(`meta.${field} must be a string`);
    if (meta.secretOptions !== undefined && !stringList(meta.secretOptions))
        failures.push('meta.secretOptions must be a list of option names');
    const { packageName, packageVersion } = loaded.source;
    if (packageVersion !== undefined && packageVersion !== plugin.meta.version) {
        warnings.push(`meta.version is ${plugin.meta.version} but package.json says ${packageVersion}: bump both together (stored predictions are keyed by meta.version)`);
    }
    if (packageName !== undefined && name !== packageName && name !== shortPackageName(packageName)) {
        warnings.push(`meta.name "${name}" differs from the package name: users type "${shortPackageName(packageName)}" but reports will say "${name}"`);
    }
    switch (plugin.kind) {
        case 'detector': {
            const m = plugin.meta;
            if (m.input !== undefined) {
                try {
                    validateDetectorInput(m.input, `meta.input of ${name}`);
                }
                catch (error) {
                    failures.push(errorText(error));
                }
            }
            if (m.needsMask !== undefined && typeof m.needsMask !== 'boolean')
                failures.push('meta.needsMask must be true or false');
            if (m.needsColumns !== undefined && !stringList(m.needsColumns))
                failures.push('meta.needsColumns must be a list of column names');
            if (m.trainedOn !== undefined && !stringList(m.trainedOn))
                failures.push('meta.trainedOn must be a list of generator names');
            if (m.batchSize !== undefined && !(Number.isInteger(m.batchSize) && m.batchSize >= 1))
                failures.push(`meta.batchSize must be a positive integer, got ${JSON.stringify(m.batchSize)}`);
            break;
        }
        case 'editor':
            if (plugin.meta.method.trim() === '')
                failures.push("meta.method must name the edit method, e.g. 'inpainting'");
            break;
        case 'metric': {
            const columns = plugin.meta.columns;
            if (columns.length === 0)
                failures.push('meta.columns is empty: list the columns this metric writes');
            const bad = columns.filter((c) => !COLUMN_NAME.test(c));
            if (bad.length)
                failures.push(`meta.columns ${bad.map((c) => JSON.stringify(c)).join(', ')} are not valid column names (letters, digits, _)`);
            const dupes = columns.filter((c, i) => columns.indexOf(c) !== i);
            if (dupes.length)
                failures.push(`meta.columns lists ${[...new Set(dupes)].join(', ')} more than once`);
            break;
        }
        case 'perturber':
            break;
    }
    const summary = `${plugin.kind} ${name}@${plugin.meta.version}, apiVersion ${plugin.meta.apiVersion}`;
    if (failures.length)
        return fail([...failures, ...warnings].join('\n'));
    if (warnings.length)
        return warn(`${summary}\n${warnings.join('\n')}`);
    return pass(summary);
}
//# sourceMappingURL=meta.js.map