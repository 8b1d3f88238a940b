import { binningProblems } from '../columns/metric-bins.js';
import { PLUGIN_KINDS, SUPPORTED_API_VERSIONS, type AnyPlugin, type PluginKind, type PluginOfKind } from '../contract.js';

/** A module that is not a usable plugin. The message names the file, what was found, and what is missing. */
export class PluginError extends Error {
  constructor(
    message: string,
    readonly source: string,
  ) {
    super(message);
    this.name = 'PluginError';
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const keys = Object.keys(value as object);
    return keys.length ? `an object with keys {${keys.slice(0, 12).join(', ')}}` : 'an empty object';
  }
  return `a ${typeof value}`;
}

/**
 * Picks the plugin object out of an imported module: `default`, then the named export `plugin`
 * (CommonJS modules imported as ESM may nest the object one `default` deeper).
 */
export function pluginFromModule(mod: unknown, source: string): unknown {
  if (mod === null || typeof mod !== 'object') {
    throw new PluginError(`${source}: the module evaluated to ${describe(mod)}, not a module with a plugin export.`, source);
  }
  const record = mod as Record<string, unknown>;
  let candidate: unknown = record.default ?? record.plugin;
  if (candidate !== null && typeof candidate === 'object' && !('kind' in candidate)) {
    const nested = candidate as Record<string, unknown>;
    if (nested.default !== undefined || nested.plugin !== undefined) candidate = nested.default ?? nested.plugin;
  }
  if (candidate === undefined) {
    const names = Object.keys(record).filter((k) => k !== '__esModule');
    throw new PluginError(
      `${source}: no plugin export found. Found exports: ${names.length ? names.join(', ') : '(none)'}. ` +
        `A plugin module must \`export default { kind, meta: { name, version, apiVersion: 1 }, create }\` (or export it as \`plugin\`).`,
      source,
    );
  }
  return candidate;
}

/** Checks the contract's shape and returns the plugin typed for the expected kind. */
export function validatePlugin<K extends PluginKind>(candidate: unknown, source: string, expectedKind?: K): PluginOfKind<K> {
  const missing: string[] = [];
  if (candidate === null || typeof candidate !== 'object') {
    throw new PluginError(`${source}: the plugin export is ${describe(candidate)}; expected an object { kind, meta, create }.`, source);
  }
  const p = candidate as Record<string, unknown>;
  const kind = p.kind;
  if (typeof kind !== 'string' || !(PLUGIN_KINDS as readonly string[]).includes(kind)) {
    missing.push(`kind: one of ${PLUGIN_KINDS.map((k) => `'${k}'`).join(' | ')} (found ${kind === undefined ? 'nothing' : JSON.stringify(kind)})`);
  }
  const meta = p.meta;
  if (meta === null || typeof meta !== 'object') {
    missing.push(`meta: { name, version, apiVersion } (found ${describe(meta)})`);
  } else {
    const m = meta as Record<string, unknown>;
    if (typeof m.name !== 'string' || m.name.trim() === '') missing.push('meta.name: a non-empty string');
    if (typeof m.version !== 'string' || m.version.trim() === '') missing.push('meta.version: a version string such as "1.0.0"');
    if (m.apiVersion === undefined) missing.push(`meta.apiVersion: ${SUPPORTED_API_VERSIONS.join(' or ')}`);
    else if (typeof m.apiVersion !== 'number' || !SUPPORTED_API_VERSIONS.includes(m.apiVersion)) {
      throw new PluginError(
        `${source}: plugin "${String(m.name)}" declares apiVersion ${JSON.stringify(m.apiVersion)}, ` +
          `but this semibench supports apiVersion ${SUPPORTED_API_VERSIONS.join(', ')}. ` +
          `Use a plugin release written for apiVersion ${SUPPORTED_API_VERSIONS.join('/')}, or upgrade semibench.`,
        source,
      );
    }
    if (kind === 'editor' && typeof m.method !== 'string') missing.push("meta.method: the edit method, e.g. 'inpainting'");
    if (kind === 'metric') {
      if (m.stage !== 'qc' && m.stage !== 'change') missing.push("meta.stage: 'qc' or 'change'");
      if (!Array.isArray(m.columns) || m.columns.some((c) => typeof c !== 'string')) missing.push('meta.columns: the column names it writes');
      missing.push(...binningProblems(m));
    }
  }
  if (typeof p.create !== 'function') missing.push(`create(options, context): a function (found ${describe(p.create)})`);
  if (missing.length > 0) {
    throw new PluginError(`${source}: not a valid semibench plugin. Found ${describe(candidate)}. Missing or wrong:\n  - ${missing.join('\n  - ')}`, source);
  }
  if (expectedKind !== undefined && kind !== expectedKind) {
    throw new PluginError(
      `${source}: plugin "${(meta as { name: string }).name}" is a ${String(kind)} plugin, but a ${expectedKind} was asked for.`,
      source,
    );
  }
  return candidate as PluginOfKind<K>;
}

export function isPlugin(candidate: unknown): candidate is AnyPlugin {
  try {
    validatePlugin(candidate, '(check)');
    return true;
  } catch {
    return false;
  }
}
