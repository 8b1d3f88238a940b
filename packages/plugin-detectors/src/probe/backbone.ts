/**
 * Backbones for `semibench train probe`: a name (`nsfwjs`: the pretrained MobileNetV2 of the
 * nsfwjs npm package, rebuilt as ONNX on demand) or any .onnx file whose sidecar declares its
 * preprocessing. A probe package records the spec and the model's sha256, and refuses to run on a
 * backbone whose bytes changed.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { describeInput, sha256File, type TensorSpec, type PreprocessSpec } from '@semibench/harness';
import { OnnxRunner, readSidecar, sidecarPathFor } from '../onnx.js';
import { buildNsfwjsBackbone, nsfwjsVersion } from '../onnx/nsfwjs.js';

export interface Backbone {
  /** What the user gave (`nsfwjs` or a path as typed). */
  spec: string;
  modelPath: string;
  sha256: string;
  preprocessing: PreprocessSpec & { tensor: TensorSpec };
  /** Output read when --layer is not given. */
  defaultLayer: string;
  description: string;
}

/** nsfwjs's own input pipeline (its README: 224x224, values in [0, 1], NHWC). */
const NSFWJS_PREPROCESSING: PreprocessSpec & { tensor: TensorSpec } = {
  steps: [{ op: 'resize', size: [224, 224], mode: 'exact', interpolation: 'bilinear' }],
  tensor: { layout: 'NHWC', range: [0, 1] },
};

export async function resolveBackbone(spec: string, baseDir: string, cacheDir: string): Promise<Backbone> {
  if (spec === 'nsfwjs') {
    const version = await nsfwjsVersion();
    const modelPath = await buildNsfwjsBackbone(join(cacheDir, `nsfwjs-${version}-mobilenetv2-backbone.onnx`));
    return {
      spec,
      modelPath,
      sha256: await sha256File(modelPath),
      preprocessing: NSFWJS_PREPROCESSING,
      defaultLayer: 'flatten_1',
      description: `nsfwjs@${version} MobileNetV2 (pretrained; outputs flatten_1 [1280], dense_1 [256], dense_2 [128], logits, probabilities)`,
    };
  }
  if (!/\.onnx$/i.test(spec)) throw new Error(`--backbone ${spec}: give "nsfwjs" or an .onnx file with a sidecar (e.g. from semibench zoo export dinov2)`);
  const modelPath = isAbsolute(spec) ? spec : resolve(baseDir, spec);
  const sidecarPath = sidecarPathFor(modelPath);
  const sidecar = await readSidecar(sidecarPath, true);
  if (!sidecar?.preprocessing?.tensor) throw new Error(`--backbone ${spec}: its sidecar ${sidecarPath} must declare "preprocessing" with a "tensor"`);
  const preprocessing = sidecar.preprocessing as PreprocessSpec & { tensor: TensorSpec };
  if (preprocessing.steps.some((s) => s.op === 'mask-crop' || (s.op === 'gaussian-blur' && s.onlyWithoutMaskCrop === true))) {
    // A probe fitted on class-dependent inputs learns the preprocessing, not the edit.
    throw new Error(`--backbone ${spec}: its preprocessing (${describeInput({ kind: 'tensor', preprocess: preprocessing })}) treats real and edited rows differently; a probe must see both classes alike`);
  }
  return {
    spec,
    modelPath,
    sha256: await sha256File(modelPath),
    preprocessing,
    defaultLayer: sidecar.output?.name ?? 'features',
    description: sidecar.description ?? sidecar.name ?? spec,
  };
}

/** Opens the backbone with `layer` as the output read (error lists the model's outputs). */
export async function openBackbone(backbone: Backbone, layer: string): Promise<OnnxRunner> {
  const runner = new OnnxRunner({ modelPath: backbone.modelPath, preprocessing: backbone.preprocessing, output: { kind: 'logit', name: layer }, inProcess: false, sidecar: {} });
  await runner.open();
  return runner;
}
