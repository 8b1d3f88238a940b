/**
 * `probe`: runs a package written by `semibench train probe` (`--detector DIR` loads it through
 * the package's detector.semibench.json). Backbone features of the declared output, then the
 * logistic head; the training rows travel with the instance so the run can flag overlap.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { decision, hashValue, sigmoid, type DetectorPlugin, type LogisticModel } from '@semibench/harness';
import { openBackbone, resolveBackbone } from './backbone.js';
import { readProbePackage } from './package.js';

/** Where the recorded backbone is now: option `backbone`, the recorded absolute path, or relative to the package. */
function backboneSpec(recorded: { spec: string; path?: string; relativePath?: string }, dir: string, override: unknown): string {
  if (typeof override === 'string' && override !== '') return override;
  if (recorded.spec === 'nsfwjs') return 'nsfwjs';
  for (const p of [recorded.path, recorded.relativePath ? join(dir, recorded.relativePath) : undefined]) if (p && existsSync(p)) return p;
  throw new Error(`probe package ${dir}: its backbone ${recorded.path ?? recorded.spec} is not there; give its new place with --option backbone=PATH.onnx`);
}

const plugin: DetectorPlugin = {
  kind: 'detector',
  meta: {
    name: 'probe',
    version: '1.0.0',
    apiVersion: 1,
    description: 'A linear probe package written by semibench train probe (run it with --detector DIR).',
    license: 'MIT',
    batchSize: 16,
  },
  async create(options, context) {
    if (typeof options.package !== 'string') throw new Error('probe: run a package with --detector DIR (a directory written by semibench train probe)');
    const dir = isAbsolute(options.package) ? options.package : resolve(context.baseDir, options.package);
    const { manifest, head, rows } = await readProbePackage(dir);
    const backbone = await resolveBackbone(backboneSpec(manifest.backbone, dir, options.backbone), dir, context.cacheDir);
    if (backbone.sha256 !== manifest.backbone.sha256) {
      throw new Error(`probe package ${dir}: backbone ${backbone.modelPath} has sha256 ${backbone.sha256}, but the probe was fitted on ${manifest.backbone.sha256}; re-fit with semibench train probe`);
    }
    const runner = await openBackbone({ ...backbone, preprocessing: manifest.preprocessing }, manifest.layer);
    const model: LogisticModel = { weights: Float64Array.from(head.weights), intercept: head.intercept };
    context.logger.info(`probe: ${manifest.name} (C ${head.C}, trained on ${manifest.trainedOn.rows} rows, ${manifest.trainedOn.fingerprint})`);
    return {
      input: runner.detectorInput,
      identity: { package: manifest.name, backboneSha256: manifest.backbone.sha256, layer: manifest.layer, head: hashValue(head), trainedOn: manifest.trainedOn.fingerprint },
      trainedOnRows: { fingerprint: rows.fingerprint, keys: rows.keys, imageIds: rows.imageIds },
      async predict(items, signal) {
        const features = await runner.features(items, signal);
        return features.map((f) => {
          if (f.length !== head.dim) throw new Error(`probe: the backbone gave ${f.length} features, the head expects ${head.dim}`);
          return sigmoid(decision(model, f));
        });
      },
      dispose: () => runner.close(),
    };
  },
};

export default plugin;
