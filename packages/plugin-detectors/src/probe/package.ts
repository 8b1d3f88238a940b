/**
 * The probe package `semibench train probe` writes and `--detector DIR` runs (data only):
 *
 *   DIR/detector.semibench.json  what runs it (plugin "probe"), the backbone reference (spec,
 *                                sha256), the layer, the preprocessing, the fit, the training data
 *   DIR/head.json                the logistic head: weights, intercept, C
 *   DIR/training-rows.json       keys and source images of every row used to fit (train + val)
 *   DIR/probe.semibench.json     the sidecar: preprocessing, output rule, trainedOn (generators)
 *   DIR/MODEL_CARD.md            the same facts for people
 *   DIR/features/                stored backbone features (re-fits are cheap)
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DETECTOR_PACKAGE_FILE, type PathStep, type PreprocessSpec, type TensorSpec } from '@semibench/harness';
import type { OnnxSidecar } from '../onnx.js';

export const PACKAGE_VERSION = '1';

export interface ProbeManifest {
  semibench: 1;
  plugin: 'probe';
  name: string;
  version: string;
  createdAt: string;
  backbone: { spec: string; sha256: string; description: string; path?: string; relativePath?: string };
  layer: string;
  preprocessing: PreprocessSpec & { tensor: TensorSpec };
  output: { kind: 'logit' };
  head: { file: 'head.json'; dim: number; C: number };
  fit: { method: string; seed: number; valFraction: number; valGroups: string[]; trainRows: number; valRows: number; path: PathStep[]; bestC: number; converged: boolean };
  trainedOn: { fingerprint: string; dataset: string; metadataSha256: string; rows: number; real: number; fake: number; sourceImages: number; generators: string[]; file: 'training-rows.json' };
}

export interface ProbeHead {
  dim: number;
  weights: number[];
  intercept: number;
  C: number;
}

export interface TrainingRows {
  fingerprint: string;
  keys: string[];
  imageIds: string[];
}

export async function writeProbePackage(dir: string, manifest: ProbeManifest, head: ProbeHead, rows: TrainingRows): Promise<void> {
  const m = { ...manifest, backbone: { ...manifest.backbone } };
  if (m.backbone.path) m.backbone.relativePath = relative(dir, m.backbone.path);
  const sidecar: OnnxSidecar = {
    semibench: 1,
    name: m.name,
    version: m.version,
    description: `logistic probe on ${m.backbone.spec} (${m.layer}), fitted by semibench train probe`,
    preprocessing: m.preprocessing,
    output: m.output,
    trainedOn: m.trainedOn.generators,
  };
  await Promise.all([
    writeFile(join(dir, DETECTOR_PACKAGE_FILE), `${JSON.stringify(m, null, 2)}\n`),
    writeFile(join(dir, 'head.json'), `${JSON.stringify(head)}\n`),
    writeFile(join(dir, 'training-rows.json'), `${JSON.stringify(rows)}\n`),
    writeFile(join(dir, 'probe.semibench.json'), `${JSON.stringify(sidecar, null, 2)}\n`),
    writeFile(join(dir, 'MODEL_CARD.md'), modelCard(m)),
  ]);
}

function modelCard(m: ProbeManifest): string {
  const t = m.trainedOn;
  return [
    `# ${m.name}`,
    '',
    `A logistic-regression probe (UnivFD's recipe) on frozen features of \`${m.backbone.spec}\`, output \`${m.layer}\`, written by \`semibench train probe\` on ${m.createdAt}.`,
    '',
    '## Backbone',
    `- ${m.backbone.description}`,
    `- sha256 ${m.backbone.sha256}${m.backbone.path ? ` (${m.backbone.path})` : ''}`,
    '',
    '## Training data',
    `- dataset: ${t.dataset} (metadata sha256 ${t.metadataSha256})`,
    `- fingerprint: ${t.fingerprint} (sha256 over the sorted key, label and image sha256 of every row used)`,
    `- ${t.rows} rows (${t.real} real, ${t.fake} edited) from ${t.sourceImages} source images; generators: ${t.generators.join(', ') || 'none named'}`,
    `- keys of every row used: training-rows.json. Scoring this detector on any of them is flagged by semibench eval.`,
    '',
    '## Fit',
    `- ${m.fit.method}`,
    `- validation: ${m.fit.valRows} rows of ${m.fit.valGroups.length} source images (fraction ${m.fit.valFraction}, seed ${m.fit.seed}); training: ${m.fit.trainRows} rows`,
    `- chosen C = ${m.fit.bestC}${m.fit.converged ? '' : ' (the optimiser stopped at its iteration limit)'}`,
    '',
    '| C | train log-loss | val log-loss | val accuracy |',
    '|---|---|---|---|',
    ...m.fit.path.map((p) => `| ${p.C.toPrecision(3)} | ${p.trainLoss.toFixed(4)} | ${p.valLoss.toFixed(4)} | ${p.valAccuracy.toFixed(3)} |`),
    '',
    '## Use',
    '```',
    'semibench eval --detector <this directory> --dataset <held-out data>',
    '```',
    '',
  ].join('\n');
}

export async function readProbePackage(dir: string): Promise<{ manifest: ProbeManifest; head: ProbeHead; rows: TrainingRows }> {
  const read = async <T>(name: string): Promise<T> => {
    try {
      return JSON.parse(await readFile(join(dir, name), 'utf8')) as T;
    } catch (e) {
      throw new Error(`probe package ${dir}: cannot read ${name}: ${(e as Error).message}`);
    }
  };
  const [manifest, head, rows] = await Promise.all([read<ProbeManifest>(DETECTOR_PACKAGE_FILE), read<ProbeHead>('head.json'), read<TrainingRows>('training-rows.json')]);
  if (manifest.plugin !== 'probe' || manifest.version !== PACKAGE_VERSION) throw new Error(`probe package ${dir}: format ${manifest.plugin}@${manifest.version}, this semibench reads probe@${PACKAGE_VERSION}`);
  if (head.weights.length !== head.dim) throw new Error(`probe package ${dir}: head.json has ${head.weights.length} weights for dim ${head.dim}`);
  return { manifest, head, rows };
}
