import type { MetricInstance, MetricValues, PluginContext, PluginOptions, RasterImage } from '@semibench/harness/plugin';
import { resizePilBicubic } from '../pixel/resize.js';
import { pathOption } from '../onnx/session.js';

/** Resolved file options, or the names of the missing ones. */
export function requirePaths<K extends string>(
  options: PluginOptions,
  keys: readonly K[],
  context: PluginContext,
): { paths: Record<K, string>; missing: [] } | { paths: undefined; missing: K[] } {
  const paths = {} as Record<K, string>;
  const missing: K[] = [];
  for (const key of keys) {
    const p = pathOption(options, key, context);
    if (p === undefined) missing.push(key);
    else paths[key] = p;
  }
  return missing.length ? { paths: undefined, missing } : { paths, missing: [] };
}

/**
 * The instance of a model-backed metric whose model is not configured: it says so once, records
 * `configured: false` in its identity, and returns null (= not computed, never 0) for every column, so that QC
 * uses only the checks that ran.
 */
export function notConfigured(plugin: string, columns: readonly string[], missing: readonly string[], context: PluginContext): MetricInstance {
  const reason = `${plugin}: not computed, no model configured (set option${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}; docs/metrics.md shows how to export the model)`;
  context.logger.warn(reason);
  const values: MetricValues = Object.fromEntries(columns.map((c) => [c, null]));
  return { identity: { configured: false, reason }, compute: () => values };
}

/** The edited image at the source size (the harness normally does this; metrics stay correct if it did not). */
export function editedAtSourceSize(original: RasterImage, edited: RasterImage): RasterImage {
  return edited.width === original.width && edited.height === original.height ? edited : resizePilBicubic(edited, original.width, original.height);
}

/** A Map that forgets its oldest entry past `limit`, for per-text / per-image embedding caches. */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly limit: number) {}
  async get(key: K, make: () => Promise<V>): Promise<V> {
    const hit = this.map.get(key);
    if (hit !== undefined) return hit;
    const value = await make();
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as K);
    return value;
  }
}
