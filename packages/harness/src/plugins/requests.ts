/**
 * Plugins as the user asked for them on the command line and in a config file, and the
 * `--option key=value` / `--option NAME.key=value` targeting that `eval`, `generate` and
 * `plugin check` share. Commands only parse flags; the merging rules live here, once.
 */
import type { OptionValue, PluginOptions } from '../contract.js';
import type { PluginConfigEntry } from '../config.js';
import { parseOptionAssignments } from '../config.js';

/** A plugin as the user asked for it: spec and options (generate's editors, metrics and perturber). */
export interface PluginRequest {
  spec: string;
  options?: PluginOptions;
}

/** A detector as the user asked for it: spec, options and the name it should appear under. */
export interface DetectorRequest extends PluginRequest {
  as?: string;
  batchSize?: number;
}

/**
 * Applies `--option` pairs to requests, in order (a later pair wins): `key=value` sets the key on
 * every request, `NAME.key=value` only on the request whose alias or spec is NAME. An unknown NAME
 * is an error naming the plugins there are. `noun` names them in that message ("detector", "plugin").
 */
export function targetOptions<R extends DetectorRequest>(requests: readonly R[], pairs: readonly string[], noun: string): R[] {
  const out = requests.map((r) => ({ ...r, options: { ...(r.options ?? {}) } }));
  for (const { target, key, value } of parseOptionAssignments(pairs)) {
    const targets = target === undefined ? out : out.filter((r) => r.as === target || r.spec === target);
    if (target !== undefined && targets.length === 0) {
      throw new Error(`--option ${target}.${key}: no ${noun} named ${target} in this command (${noun}s: ${out.map((r) => r.as ?? r.spec).join(', ')})`);
    }
    for (const r of targets) (r.options as Record<string, OptionValue>)[key] = value;
  }
  return out;
}

/**
 * The detectors of an `eval`: the command line's when it names any (a config alias, `NAME=SPEC`, or
 * a spec), else the config's; then `--option` pairs and `--batch-size`.
 */
export function detectorRequests(
  cliSpecs: readonly string[],
  configured: ReadonlyArray<string | PluginConfigEntry>,
  optionPairs: readonly string[],
  batchSize?: number,
): DetectorRequest[] {
  const byAlias = new Map<string, PluginConfigEntry>();
  for (const entry of configured) if (typeof entry !== 'string' && entry.as) byAlias.set(entry.as, entry);
  const requests: DetectorRequest[] = (cliSpecs.length ? cliSpecs : configured).map((item) => {
    if (typeof item !== 'string') return { spec: item.use, options: { ...(item.options ?? {}) }, ...(item.as ? { as: item.as } : {}) };
    const aliased = byAlias.get(item);
    if (aliased) return { spec: aliased.use, options: { ...(aliased.options ?? {}) }, as: item };
    const eq = item.indexOf('=');
    // NAME=SPEC names a detector (useful for two configurations of one plugin).
    if (eq > 0 && !item.slice(0, eq).includes('/')) return { spec: item.slice(eq + 1), options: {}, as: item.slice(0, eq) };
    return { spec: item, options: {} };
  });
  const targeted = targetOptions(requests, optionPairs, 'detector');
  if (batchSize !== undefined) for (const r of targeted) r.batchSize = batchSize;
  return targeted;
}
