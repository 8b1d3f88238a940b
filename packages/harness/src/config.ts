import { dirname } from 'node:path';
import { cosmiconfig } from 'cosmiconfig';
import { TypeScriptLoader } from 'cosmiconfig-typescript-loader';
import type { OptionValue, PluginOptions } from './contract.js';
import { DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES, DEFAULT_THRESHOLD } from './scoring/defaults.js';

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
export async function loadConfig(cwd: string, explicitPath?: string): Promise<LoadedConfig | undefined> {
  const result = explicitPath ? await explorer().load(explicitPath) : await explorer().search(cwd);
  if (!result || result.isEmpty) return undefined;
  return { config: validateConfig(result.config, result.filepath), filepath: result.filepath, dir: dirname(result.filepath) };
}

function fail(file: string, message: string): never {
  throw new Error(`${file}: invalid semibench config: ${message}`);
}

function validateEntry(value: unknown, file: string, where: string): string | PluginConfigEntry {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { use?: unknown }).use === 'string') {
    const entry = value as { use: string; options?: unknown; as?: unknown };
    if (entry.options !== undefined && (entry.options === null || typeof entry.options !== 'object' || Array.isArray(entry.options))) {
      fail(file, `${where}.options must be an object`);
    }
    if (entry.as !== undefined && typeof entry.as !== 'string') fail(file, `${where}.as must be a string`);
    return entry as PluginConfigEntry;
  }
  return fail(file, `${where} must be a plugin spec string or { use: "spec", options?: {...}, as?: "alias" }`);
}

export function validateConfig(raw: unknown, file: string): SemibenchConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail(file, 'the config must be an object');
  const c = raw as Record<string, unknown>;
  const known = new Set(['detectors', 'editors', 'metrics', 'perturber', 'dataset', 'out', 'store', 'bootstrap', 'seed', 'threshold', 'confidence', 'slices']);
  const unknown = Object.keys(c).filter((k) => !known.has(k));
  if (unknown.length) fail(file, `unknown key(s) ${unknown.join(', ')}; known keys: ${[...known].join(', ')}`);
  const out: SemibenchConfig = {};
  for (const key of ['detectors', 'editors', 'metrics'] as const) {
    const list = c[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) fail(file, `${key} must be a list`);
    out[key] = list.map((v, i) => validateEntry(v, file, `${key}[${i}]`));
  }
  if (c.perturber !== undefined) out.perturber = validateEntry(c.perturber, file, 'perturber');
  for (const key of ['dataset', 'out', 'store'] as const) {
    if (c[key] === undefined) continue;
    if (typeof c[key] !== 'string') fail(file, `${key} must be a string`);
    out[key] = c[key] as string;
  }
  for (const key of ['bootstrap', 'seed', 'threshold', 'confidence'] as const) {
    if (c[key] === undefined) continue;
    if (typeof c[key] !== 'number' || !Number.isFinite(c[key])) fail(file, `${key} must be a number`);
    out[key] = c[key] as number;
  }
  if (c.slices !== undefined) {
    if (!Array.isArray(c.slices) || c.slices.some((s) => typeof s !== 'string')) fail(file, 'slices must be a list of column names');
    out.slices = c.slices as string[];
  }
  return out;
}

/** Parses `key=value` pairs from the command line; values are JSON when they parse as JSON, else strings. */
export function parseOptionAssignments(pairs: readonly string[]): Array<{ target?: string; key: string; value: OptionValue }> {
  return pairs.map((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--option "${pair}" must look like key=value or pluginName.key=value`);
    const lhs = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    let value: OptionValue;
    try {
      value = JSON.parse(raw) as OptionValue;
    } catch {
      value = raw;
    }
    const dot = lhs.lastIndexOf('.');
    return dot > 0 ? { target: lhs.slice(0, dot), key: lhs.slice(dot + 1), value } : { key: lhs, value };
  });
}

/** Scoring settings as flags give them (numbers may arrive as text); undefined = not given. */
export interface ScoringFlags {
  seed?: number | undefined;
  bootstrap?: number | undefined;
  threshold?: string | number | undefined;
  confidence?: string | number | undefined;
  slice?: readonly string[] | undefined;
}

/**
 * The scoring settings of a run: a flag wins over the config file, which wins over the defaults
 * (seed 0, scoring/defaults.ts for the rest). `slices` is left out when neither names any, so the
 * run picks its default slices from the dataset.
 */
export function mergeScoringSettings(flags: ScoringFlags, config: SemibenchConfig): { seed: number; resamples: number; threshold: number; confidence: number; slices?: readonly string[] } {
  const number = (flag: string | number | undefined, configured: number | undefined, fallback: number) => (flag !== undefined ? Number(flag) : (configured ?? fallback));
  const slices = flags.slice?.length ? flags.slice : config.slices;
  return {
    seed: flags.seed ?? config.seed ?? 0,
    resamples: flags.bootstrap ?? config.bootstrap ?? DEFAULT_RESAMPLES,
    threshold: number(flags.threshold, config.threshold, DEFAULT_THRESHOLD),
    confidence: number(flags.confidence, config.confidence, DEFAULT_CONFIDENCE),
    ...(slices ? { slices } : {}),
  };
}
