/**
 * `semibench train probe` (the command in commands/train/probe.ts is its thin shell): UnivFD's
 * recipe on any ONNX backbone. It composes the harness (dataset, split, logistic fit, fingerprint:
 * harness train/) with plugin-detectors' backbone, feature store and package format (probe/),
 * which is why it lives here and not in either package. Features from a named output of
 * the frozen backbone (stored), a seeded validation split grouped by source image, L2 logistic
 * regression with early stopping along the regularisation path (harness train/logistic.ts), and
 * a detector package that `semibench eval --detector DIR` runs.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fitProbe, groupedSplit, loadDataset, trainingFingerprint, type Dataset, type DatasetRow, type Logger } from '@semibench/harness';
import { extractFeatures, openBackbone, PACKAGE_VERSION, resolveBackbone, writeProbePackage, type ProbeManifest } from '@semibench/plugin-detectors/probe/index';

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
  const name = `probe:${backbone.spec.replace(/^.*[\\/]/, '').replace(/\.onnx$/i, '')}/${layer}`;
  const manifest: ProbeManifest = {
    semibench: 1,
    plugin: 'probe',
    meta: { name, description: `logistic probe on ${backbone.spec} (${layer}), trained on ${fingerprint}`, trainedOn: generators },
    name,
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
