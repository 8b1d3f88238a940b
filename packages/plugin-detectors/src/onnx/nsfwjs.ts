/**
 * The pretrained network of the tests and the sidecar example: nsfwjs's MobileNetV2 (MIT, on npm,
 * a devDependency of this package), converted to ONNX from its tfjs layers files. Nothing here is
 * committed as weights: the model is rebuilt from the npm package (about a second) into a cache
 * directory, keyed by the nsfwjs version, so the repository stays lean.
 *
 * Its five classes are Drawing, Hentai, Neutral, Porn, Sexy. As a stand-in "detector" the sidecar
 * example scores P(Drawing), the closest it has to "not a camera photo"; it is a plumbing test of
 * the ONNX path, not a detector of edited images.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { convertTfjsLayersToOnnx, type TfjsLayersArtifacts, type WeightSpec } from './tfjs-layers.js';

export const NSFWJS_CLASSES = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'] as const;

interface ModelJson {
  modelTopology: TfjsLayersArtifacts['modelTopology'];
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
}

function moduleDefault<T>(mod: unknown): T {
  return ((mod as { default?: unknown }).default ?? mod) as T;
}

/** nsfwjs's installed version, or a clear error when the devDependency is missing. */
export async function nsfwjsVersion(): Promise<string> {
  const require = createRequire(import.meta.url);
  let pkgPath: string;
  try {
    pkgPath = require.resolve('nsfwjs/package.json');
  } catch {
    // The package's exports map may hide package.json; find it from the main entry instead.
    try {
      pkgPath = join(dirname(require.resolve('nsfwjs')), '..', '..', 'package.json');
    } catch {
      throw new Error('nsfwjs is not installed; it is a devDependency of @semibench/plugin-detectors (run pnpm install)');
    }
  }
  return (JSON.parse(await readFile(pkgPath, 'utf8')) as { version: string }).version;
}

/** The MobileNetV2 topology and dequantisable weights, read from the nsfwjs package. */
export async function loadNsfwjsMobileNetV2(): Promise<TfjsLayersArtifacts> {
  // The package's own public entry for this model: lazy imports of its UMD-wrapped files.
  const { MobileNetV2Model } = (await import('nsfwjs/models/mobilenet_v2')) as unknown as {
    MobileNetV2Model: { modelJson: () => Promise<unknown>; weightBundles: (() => Promise<unknown>)[] };
  };
  const json = moduleDefault<ModelJson>(await MobileNetV2Model.modelJson());
  const shards = await Promise.all(MobileNetV2Model.weightBundles.map(async (load) => Buffer.from(moduleDefault<string>(await load()), 'base64')));
  const all = Buffer.concat(shards);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
  return { modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData };
}

/**
 * Writes the converted model to `path` unless a build from the same nsfwjs version is already
 * there (a `path.source` stamp records it), and returns `path`.
 * Outputs: `probabilities` [N, 5] (softmax) and `logits` [N, 5]. Input `input_1` [N, 224, 224, 3] in [0, 1].
 */
export async function buildNsfwjsOnnx(path: string, exposeLayers: readonly string[] = []): Promise<string> {
  const version = await nsfwjsVersion();
  const stamp = `nsfwjs@${version}${exposeLayers.length ? `+${exposeLayers.join(',')}` : ''}`;
  try {
    if ((await stat(path)).size > 0 && (await readFile(`${path}.source`, 'utf8')).trim() === stamp) return path;
  } catch {
    // not built yet, or built from another version
  }
  const bytes = convertTfjsLayersToOnnx(await loadNsfwjsMobileNetV2(), {
    exposeLogits: true,
    exposeLayers,
    docString: `nsfwjs ${version} MobileNetV2 (MIT licence, https://github.com/infinitered/nsfwjs), converted by semibench`,
  });
  await mkdir(dirname(path), { recursive: true });
  // Write then rename, so a concurrent test worker never reads a half-written file.
  const tmp = `${path}.${randomUUID()}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, path);
  await writeFile(`${path}.source`, `${stamp}\n`);
  return path;
}

/** The MobileNetV2's layers a probe can read (`--layer`): the pooled 1280-d feature and the two hidden layers. */
export const NSFWJS_FEATURE_LAYERS = ['flatten_1', 'dense_1', 'dense_2'] as const;

/** nsfwjs's MobileNetV2 as a backbone: the model of buildNsfwjsOnnx plus NSFWJS_FEATURE_LAYERS as outputs. */
export function buildNsfwjsBackbone(path: string): Promise<string> {
  return buildNsfwjsOnnx(path, NSFWJS_FEATURE_LAYERS);
}

/**
 * Runs the same tfjs layers model with TensorFlow.js's CPU backend (devDependencies), for
 * checking the converted ONNX model. Inputs are NHWC [224, 224, 3] tensors; returns one row of
 * class probabilities per input. Slow (about a second per image): tests use it sparingly.
 */
export async function predictWithTfjs(artifacts: TfjsLayersArtifacts, inputs: readonly Float32Array[]): Promise<Float32Array[]> {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  const tfl = await import('@tensorflow/tfjs-layers');
  await tf.setBackend('cpu');
  const model = await tfl.loadLayersModel(
    tf.io.fromMemory({ modelTopology: artifacts.modelTopology as unknown as object, weightSpecs: artifacts.weightSpecs as never, weightData: artifacts.weightData }),
  );
  const out: Float32Array[] = [];
  for (const x of inputs) {
    const input = tf.tensor4d(x, [1, 224, 224, 3]);
    const y = model.predict(input) as import('@tensorflow/tfjs-core').Tensor;
    out.push(Float32Array.from(await y.data()));
    input.dispose();
    y.dispose();
  }
  model.dispose();
  return out;
}
