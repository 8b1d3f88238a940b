import { dirname } from 'node:path';
import { cosmiconfig } from 'cosmiconfig';
import { TypeScriptLoader } from 'cosmiconfig-typescript-loader';
const MODULE_NAME = 'semibench';
function explorer() {
    return cosmiconfig(MODULE_NAME, {
        searchPlaces: [
            'package.json',
            `.${MODULE_NAME}rc`,
            `.${MODULE_NAME}rc.json`,
            `.${MODULE_NAME}rc.yaml`,
            `.${MODULE_NAME}rc.yml`,
            `.${MODULE_NAME}rc.js`,
            `.${MODULE_NAME}rc.mjs`,
            `.${MODULE_NAME}rc.ts`,
            `${MODULE_NAME}.config.json`,
            `${MODULE_NAME}.config.js`,
            `${MODULE_NAME}.config.mjs`,
            `${MODULE_NAME}.config.ts`,
            `${MODULE_NAME}.config.mts`,
        ],
        loaders: { '.ts': TypeScriptLoader(), '.mts': TypeScriptLoader() },
        // Stop at the nearest project: a config in $HOME must not silently change a run elsewhere.
        searchStrategy: 'project',
    });
}
/** Finds and validates the nearest config from `cwd`, or loads `explicitPath`. Returns undefined when there is none. */
export async function loadConfig(cwd, explicitPath) {
    const result = explicitPath ? await explorer().load(explicitPath) : await explorer().search(cwd);
    if (!result || result.isEmpty)
        return undefined;
    return { config: validateConfig(result.config, result.filepath), filepath: result.filepath, dir: dirname(result.filepath) };
}
function fail(file, message) {
    throw new Error(`${file}: invalid semibench config: ${message}`);
}
function validateEntry(value, file, where) {
    if (typeof value === 'string')
        return value;
    if (value && typeof value === 'object' && typeof value.use === 'string') {
        const entry = value;
        if (entry.options !== undefined && (entry.options === null || typeof entry.options !== 'object' || Array.isArray(entry.options))) {
            fail(file, `${where}.options must be an object`);
        }
        if (entry.as !== undefined && typeof entry.as !== 'string')
            fail(file, `${where}.as must be a string`);
        return entry;
    }
    return fail(file, `${where} must be a plugin spec string or { use: "spec", options?: {...}, as?: "alias" }`);
}
export function validateConfig(raw, file) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
        fail(file, 'the config must be an object');
    const c = raw;
    const known = new Set(['detectors', 'editors', 'metrics', 'perturber', 'dataset', 'out', 'store', 'bootstrap', 'seed', 'threshold', 'confidence', 'slices']);
    const unknown = Object.keys(c).filter((k) => !known.has(k));
    if (unknown.length)
        fail(file, `unknown key(s) ${unknown.join(', ')}; known keys: ${[...known].join(', ')}`);
    const out = {};
    for (const key of ['detectors', 'editors', 'metrics']) {
        const list = c[key];
        if (list === undefined)
            continue;
        if (!Array.isArray(list))
            fail(file, `${key} must be a list`);
        out[key] = list.map((v, i) => validateEntry(v, file, `${key}[${i}]`));
    }
    if (c.perturber !== undefined)
        out.perturber = validateEntry(c.perturber, file, 'perturber');
    for (const key of ['dataset', 'out', 'store']) {
        if (c[key] === undefined)
            continue;
        if (typeof c[key] !== 'string')
            fail(file, `${key} must be a string`);
        out[key] = c[key];
    }
    for (const key of ['bootstrap', 'seed', 'threshold', 'confidence']) {
        if (c[key] === undefined)
            continue;
        if (typeof c[key] !== 'number' || !Number.isFinite(c[key]))
            fail(file, `${key} must be a number`);
        out[key] = c[key];
    }
    if (c.slices !== undefined) {
        if (!Array.isArray(c.slices) || c.slices.some((s) => typeof s !== 'string'))
            fail(file, 'slices must be a list of column names');
        out.slices = c.slices;
    }
    return out;
}
/** Parses `key=value` pairs from the command line; values are JSON when they parse as JSON, else strings. */
export function parseOptionAssignments(pairs) {
    return pairs.map((pair) => {
        const eq = pair.indexOf('=');
        if (eq <= 0)
            throw new Error(`--option "${pair}" must look like key=value or pluginName.key=value`);
        const lhs = pair.slice(0, eq);
        const raw = pair.slice(eq + 1);
        let value;
        try {
            value = JSON.parse(raw);
        }
        catch {
            value = raw;
        }
        const dot = lhs.lastIndexOf('.');
        return dot > 0 ? { target: lhs.slice(0, dot), key: lhs.slice(dot + 1), value } : { key: lhs, value };
    });
}
//# sourceMappingURL=config.js.map