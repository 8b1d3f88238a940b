/** Option readers shared by the built-in editors and perturbers: typed, with errors that name the plugin. */
import type { OptionValue, PluginOptions } from '@semibench/harness/plugin';

export class PluginOptionError extends Error {
  constructor(plugin: string, option: string, expected: string, got: OptionValue | undefined) {
    super(`${plugin}: option "${option}" must be ${expected}, got ${JSON.stringify(got)}`);
    this.name = 'PluginOptionError';
  }
}

export function numberOption(
  plugin: string,
  options: PluginOptions,
  name: string,
  fallback: number,
  range: { min?: number; max?: number; integer?: boolean } = {},
): number {
  const raw = options[name];
  if (raw === undefined || raw === null) return fallback;
  const v = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  const describe = `${range.integer ? 'an integer' : 'a number'}${range.min !== undefined ? ` >= ${range.min}` : ''}${range.max !== undefined ? ` <= ${range.max}` : ''}`;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new PluginOptionError(plugin, name, describe, raw);
  if (range.integer && !Number.isInteger(v)) throw new PluginOptionError(plugin, name, describe, raw);
  if ((range.min !== undefined && v < range.min) || (range.max !== undefined && v > range.max)) throw new PluginOptionError(plugin, name, describe, raw);
  return v;
}

export function stringOption(plugin: string, options: PluginOptions, name: string): string | undefined;
export function stringOption(plugin: string, options: PluginOptions, name: string, fallback: string): string;
export function stringOption(plugin: string, options: PluginOptions, name: string, fallback?: string): string | undefined {
  const raw = options[name];
  if (raw === undefined || raw === null) return fallback;
  if (typeof raw !== 'string') throw new PluginOptionError(plugin, name, 'a string', raw);
  return raw;
}

export function booleanOption(plugin: string, options: PluginOptions, name: string, fallback: boolean): boolean {
  const raw = options[name];
  if (raw === undefined || raw === null) return fallback;
  if (typeof raw === 'boolean') return raw;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new PluginOptionError(plugin, name, 'true or false', raw);
}

export function stringListOption(plugin: string, options: PluginOptions, name: string): string[] | undefined {
  const raw = options[name];
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (Array.isArray(raw) && raw.every((x): x is string => typeof x === 'string')) return raw;
  throw new PluginOptionError(plugin, name, 'a list of strings (or a comma-separated string)', raw);
}

/** Reject options the plugin does not know, so a typo does not silently fall back to a default. */
export function rejectUnknownOptions(plugin: string, options: PluginOptions, known: readonly string[]): void {
  const unknown = Object.keys(options).filter((k) => !known.includes(k));
  if (unknown.length > 0) throw new Error(`${plugin}: unknown option(s) ${unknown.map((k) => `"${k}"`).join(', ')}; known options: ${known.join(', ')}`);
}
