#!/usr/bin/env node
/**
 * Expected outputs of nsfwjs's MobileNetV2 on the fixture images, computed by TensorFlow.js itself
 * (CPU backend, devDependencies of this package) from the harness's preprocessed tensors, as
 * declared by fixtures/models/nsfwjs-mobilenetv2/mobilenetv2.semibench.json, on the ten photographs
 * of the Semi-Truths sample (fixtures/semi-truths-sample/input/images, a verbatim copy of the published sample).
 *
 *   pnpm build && node packages/plugin-detectors/reference/nsfwjs_tfjs_reference.mjs \
 *     > packages/plugin-detectors/reference/nsfwjs-tfjs-reference.json
 *
 * Takes about a minute (tfjs's CPU backend is plain JS). test/detectors/onnx.test.ts compares onnxruntime's
 * outputs on the converted model with these numbers (tolerance 1e-5) and re-runs tfjs live on one image.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareInput, validatePreprocessSpec } from '@semibench/harness';
import { loadNsfwjsMobileNetV2, nsfwjsVersion, predictWithTfjs } from '../dist/onnx/nsfwjs.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const sidecar = JSON.parse(await readFile(join(root, 'fixtures/models/nsfwjs-mobilenetv2/mobilenetv2.semibench.json'), 'utf8'));
const pre = validatePreprocessSpec(sidecar.preprocessing, 'sidecar');
const imagesDir = resolve(root, 'fixtures/semi-truths-sample/input/images');
const keys = (await readdir(imagesDir, { recursive: true, withFileTypes: true }))
  .filter((e) => e.isFile())
  .map((e) => join(e.parentPath ?? e.path, e.name).slice(imagesDir.length + 1))
  .sort();
const tensors = [];
for (const key of keys) {
  const { tensor } = await prepareInput(join(imagesDir, key), { kind: 'tensor', preprocess: pre }, { seed: 0, key });
  tensors.push(tensor.data);
}
const outputs = await predictWithTfjs(await loadNsfwjsMobileNetV2(), tensors);
const result = {
  nsfwjs: await nsfwjsVersion(),
  tfjsBackend: 'cpu',
  classes: ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'],
  preprocessing: sidecar.preprocessing,
  images: 'shared/data/semi-truths-sample/input/images',
  outputs: Object.fromEntries(keys.map((key, i) => [key, Array.from(outputs[i])])),
};
process.stdout.write(JSON.stringify(result, null, 1) + '\n');
