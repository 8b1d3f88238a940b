/**
 * `semibench train probe`: UnivFD's recipe on any ONNX backbone. Features from a named output of
 * the frozen backbone (stored), a seeded validation split grouped by source image, L2 logistic
 * regression with early stopping along the regularisation path (harness train/logistic.ts), and
 * a detector package (package.ts) that `semibench eval --detector DIR` runs.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fitProbe, groupedSplit, loadDataset, sha256, type Dataset, type DatasetRow, type Logger } from '@semibench/harness';
import { openBackbone, resolveBackbone } from './backbone.js';
import { extractFeatures } from './features.js';
import { PACKAGE_VERSION, writeProbePackage, type ProbeManifest } from './package.js';

export interface TrainProbeOptions {
  backbone: string;
  dataset: string | Dataset;
  out: string;
  layer?: string;
  valFraction?: number;
  seed?: number;
  /** Where relative backbone paths are resolved, and where the nsfwjs backbone is cached. */
  baseDir: string;
  cacheDir: string;
  logger: Logger;
}

export interface TrainProbeResult {
  dir: string;
  manifest: ProbeManifest;
  features: { file: string; computed: number; reused: number; dim: number };
}

/** sha256 over the sorted (key, label, image sha256) of the rows used: what the model saw. */
export function trainingFingerprint(rows: readonly DatasetRow[], imageSha256: readonly string[]): string {
  const lines = rows.map((r, i) => `${r.key}\t${r.label}\t${imageSha256[i] as string}`).sort();
  return `sha256:${sha256(lines.join('\n'))}`;
}

export async function trainProbe(options: TrainProbeOptions): Promise<TrainProbeResult> {
  const seed = options.seed ?? 0;
  const valFraction = options.valFraction ?? 0.2;
  const dataset = typeof options.dataset === 'string' ? await loadDataset(options.dataset) : options.dataset;
  const split = groupedSplit(dataset.rows, (r) => r.id, valFraction, seed);
  for (const [name, part] of [['training', split.train], ['validation', split.val]] as const) {
    const labels = new Set(part.map((r) => r.label));
    if (labels.size < 2) throw new Error(`the ${name} split has only ${[...labels].join('') || 'no'} rows; a probe needs real and edited rows on both sides (try another --seed or --val)`);
  }
  const dir = resolve(options.out);
  await mkdir(dir, { recursive: true });
  const backbone = await resolveBackbone(options.backbone, options.baseDir, options.cacheDir);
  const layer = options.layer ?? backbone.defaultLayer;
  const runner = await openBackbone(backbone, layer);
  let features;
  try {
    features = await extractFeatures(dataset.rows, backbone, runner, layer, { dir, seed, logger: options.logger });
  } finally {
    await runner.close();
  }
  const byKey = new Map(dataset.rows.map((r, i) => [r.key, features.vectors[i] as Float32Array]));
  const part = (rows: readonly DatasetRow[]) => ({ X: rows.map((r) => byKey.get(r.key) as Float32Array), y: rows.map((r) => (r.label === 'fake' ? 1 : 0)) });
  const fit = fitProbe(part(split.train), part(split.val));
  const used = [...split.train, ...split.val];
  const fingerprint = trainingFingerprint(dataset.rows, features.imageSha256);
  const generators = [...new Set(used.filter((r) => r.label === 'fake').map((r) => r.columns.model ?? '').filter((m) => m !== ''))].sort();
  const manifest: ProbeManifest = {
    semibench: 1,
    plugin: 'probe',
    name: `probe:${backbone.spec.replace(/^.*[\\/]/, '').replace(/\.onnx$/i, '')}/${layer}`,
    version: PACKAGE_VERSION,
    createdAt: new Date().toISOString(),
    backbone: { spec: backbone.spec, sha256: backbone.sha256, description: backbone.description, ...(backbone.spec === 'nsfwjs' ? {} : { path: backbone.modelPath }) },
    layer,
    preprocessing: backbone.preprocessing,
    output: { kind: 'logit' },
    head: { file: 'head.json', dim: features.dim, C: fit.bestC },
    fit: {
      method: 'L2 logistic regression (sklearn objective, L-BFGS), C chosen by early stopping along C = 1e-4 .. 1e4 (half decades, patience 3) on validation log-loss',
      seed,
      valFraction,
      valGroups: split.valGroups,
      trainRows: split.train.length,
      valRows: split.val.length,
      path: fit.path,
      bestC: fit.bestC,
      converged: fit.model.converged,
    },
    trainedOn: {
      fingerprint,
      dataset: dataset.spec,
      metadataSha256: dataset.metadataSha256,
      rows: used.length,
      real: used.filter((r) => r.label === 'real').length,
      fake: used.filter((r) => r.label === 'fake').length,
      sourceImages: new Set(used.map((r) => r.id)).size,
      generators,
      file: 'training-rows.json',
    },
  };
  const head = { dim: features.dim, weights: [...fit.model.weights], intercept: fit.model.intercept, C: fit.bestC };
  await writeProbePackage(dir, manifest, head, { fingerprint, keys: used.map((r) => r.key), imageIds: [...new Set(used.map((r) => r.id))] });
  return { dir, manifest, features: { file: features.file, computed: features.computed, reused: features.reused, dim: features.dim } };
}
