import type { CheckCacheEntry, PluginKind, PluginLoader, PluginSource, SemibenchConfig } from '@semibench/harness';
import { checkCacheKey, PLUGIN_KINDS } from '@semibench/harness';

export interface PluginListing {
  kind: PluginKind | '?';
  name: string;
  version: string;
  source: string;
  description?: string;
  error?: string;
  /** Outcome of `semibench plugin check` for this exact name, version and file, when it was run here. */
  checked?: 'passed' | 'failed';
}

/** Loads every visible plugin far enough to read its meta; a plugin that fails to load is listed with the reason. */
export async function listPlugins(
  loader: PluginLoader,
  config: SemibenchConfig | undefined,
  kind?: PluginKind,
  checks?: ReadonlyMap<string, CheckCacheEntry>,
): Promise<PluginListing[]> {
  const out: PluginListing[] = [];
  const mark = (k: PluginKind, meta: { name: string; version: string }, source: PluginSource): Pick<PluginListing, 'checked'> => {
    const entry = checks?.get(checkCacheKey(k, meta, source));
    return entry ? { checked: entry.passed ? 'passed' : 'failed' } : {};
  };
  const kinds = kind ? [kind] : PLUGIN_KINDS;
  for (const entry of loader.builtins.list(kind)) {
    try {
      const { plugin, source } = await loader.load(entry.kind, `builtin:${entry.name}`);
      out.push({ kind: entry.kind, name: entry.name, version: plugin.meta.version, source: 'built-in', description: entry.description, ...mark(entry.kind, plugin.meta, source) });
    } catch (error) {
      out.push({ kind: entry.kind, name: entry.name, version: '?', source: 'built-in', error: (error as Error).message });
    }
  }
  const configured: Array<[PluginKind, string]> = [];
  for (const e of config?.detectors ?? []) configured.push(['detector', typeof e === 'string' ? e : e.use]);
  for (const e of config?.editors ?? []) configured.push(['editor', typeof e === 'string' ? e : e.use]);
  for (const e of config?.metrics ?? []) configured.push(['metric', typeof e === 'string' ? e : e.use]);
  if (config?.perturber) configured.push(['perturber', typeof config.perturber === 'string' ? config.perturber : config.perturber.use]);
  for (const [k, spec] of configured) {
    if (!kinds.includes(k) || loader.builtins.get(k, spec)) continue;
    try {
      const { plugin, source } = await loader.load(k, spec);
      out.push({ kind: k, name: plugin.meta.name, version: plugin.meta.version, source: `config: ${source.resolved}`, ...(plugin.meta.description ? { description: plugin.meta.description } : {}), ...mark(k, plugin.meta, source) });
    } catch (error) {
      out.push({ kind: k, name: spec, version: '?', source: 'config', error: (error as Error).message });
    }
  }
  for (const pkg of await loader.installedPackages()) {
    let found = false;
    for (const k of kinds) {
      try {
        const { plugin, source } = await loader.load(k, pkg.dir);
        out.push({ kind: k, name: plugin.meta.name, version: plugin.meta.version, source: `npm: ${pkg.name}${source.packageVersion ? `@${source.packageVersion}` : ''}`, ...(plugin.meta.description ? { description: plugin.meta.description } : {}), ...mark(k, plugin.meta, source) });
        found = true;
        break;
      } catch (error) {
        if (!/is a \w+ plugin, but a/.test((error as Error).message)) {
          out.push({ kind: '?', name: pkg.name, version: '?', source: `npm: ${pkg.name}`, error: (error as Error).message.split('\n')[0] ?? '' });
          found = true;
          break;
        }
      }
    }
    if (!found && kind === undefined) out.push({ kind: '?', name: pkg.name, version: '?', source: `npm: ${pkg.name}`, error: 'not a plugin of any known kind' });
  }
  return out;
}
