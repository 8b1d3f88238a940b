/** Metric checks: (original, edited) pairs like the generation pipeline hands over, including an edit of another size. */
import type { MetricInput, MetricInstance, RasterImage } from '../contract.js';
import { decodeMaskGrey } from '../imaging/mask-prep.js';
import { pilResize } from '../preprocess/index.js';
import { binarizeMask, decodeRgb } from '../util/images.js';
import { stableStringify } from '../util/hash.js';
import type { CheckImage } from './images.js';
import { checkRequests, type Inspection, type Keyed } from './requests.js';
import { identityProblems, type CheckSession } from './session.js';

/** The source with the masked region's colours inverted: a visible, deterministic edit. */
function invertInside(image: RasterImage, mask: RasterImage): RasterImage {
  const data = new Uint8Array(image.data);
  for (let i = 0; i < mask.data.length; i++) {
    if (mask.data[i] === 0) continue;
    for (let c = 0; c < 3; c++) data[i * 3 + c] = 255 - (data[i * 3 + c] as number);
  }
  return { data, width: image.width, height: image.height, channels: 3 };
}

/** `nativeScale` < 1 makes the editor's output smaller than the source, as diffusion models' outputs often are. */
async function metricInput(image: CheckImage, nativeScale = 1): Promise<Keyed<MetricInput>> {
  const [original, maskGrey] = await Promise.all([decodeRgb(image.path), decodeMaskGrey(image.maskPath)]);
  const mask = binarizeMask(maskGrey);
  let editedNative = invertInside(original, mask);
  let edited = editedNative;
  if (nativeScale !== 1) {
    editedNative = pilResize(editedNative, Math.max(1, Math.round(original.width * nativeScale)), Math.max(1, Math.round(original.height * nativeScale)), 'bilinear');
    edited = pilResize(editedNative, original.width, original.height, 'bilinear');
  }
  const request: MetricInput = { original, edited, editedNative, mask, originalText: 'dog', editedText: 'cat', method: 'inpainting' };
  return { key: image.key, request };
}

import { splitMetricResult } from '../localisation/change-mask.js';
import type { MetricValues } from '../contract.js';

export async function checkMetric(session: CheckSession<'metric'>): Promise<void> {
  const { env } = session;
  const plugin = env.loaded.plugin;
  const declared = new Set(plugin.meta.columns);
  const images = await env.images();
  const inspect = (result: unknown): Inspection => {
    const problems: string[] = [];
    const warnings: string[] = [];
    if (result === null || typeof result !== 'object' || Array.isArray(result)) {
      return { problems: [`compute() returned ${Array.isArray(result) ? 'an array' : result === null ? 'null' : typeof result}, not { column: value }`], warnings, fingerprint: { text: '', numbers: [] } };
    }
    const split = splitMetricResult(result as MetricValues);
    const values = split.values as Record<string, unknown>;
    const mask = split.changeMask;
    if (mask && (mask.channels !== 1 || mask.data.length !== mask.width * mask.height)) problems.push('changeMask must be a one-channel 0/255 raster');
    const numbers: number[] = [];
    const text: Record<string, unknown> = {};
    for (const key of Object.keys(values).sort()) {
      const v = values[key];
      if (!declared.has(key)) problems.push(`writes column "${key}", which is not in meta.columns (${[...declared].join(', ')})`);
      if (typeof v === 'number') {
        if (Number.isFinite(v)) numbers.push(v);
        else problems.push(`column ${key} is ${v}; write null for "not computed"`);
        text[key] = 'number';
      } else if (typeof v === 'string' || v === null) text[key] = v;
      else problems.push(`column ${key} is ${Array.isArray(v) ? 'an array' : typeof v}; values must be numbers, strings or null`);
    }
    const missing = [...declared].filter((c) => !(c in values));
    if (missing.length) warnings.push(`declared column(s) ${missing.join(', ')} missing from the result; return null to say "not computed"`);
    return { problems, warnings, fingerprint: { text: stableStringify(text), numbers } };
  };
  const special = (id: string, title: string, image: CheckImage): [string, string, () => Promise<Keyed<MetricInput>>] => [id, title, () => metricInput(image)];
  await checkRequests<'metric', MetricInstance, MetricInput>(session, {
    unit: 'comparison',
    method: 'compute(input)',
    create: () => plugin.create(env.options, env.context),
    instanceProblems: (instance) => {
      if (!instance || typeof instance !== 'object') return [`create() returned ${typeof instance}, not a metric instance`];
      const problems = typeof instance.compute === 'function' ? [] : ['the instance has no compute(input, signal) method'];
      return [...problems, ...identityProblems(instance.identity, env.options, plugin.meta.secretOptions)];
    },
    describeInstance: () => `${plugin.meta.stage} metric writing ${plugin.meta.columns.join(', ')}`,
    // The third pair's edit comes back at 60% size and is resized to the source, as generation does.
    standard: () => Promise.all(images.standard.map((image, i) => metricInput(image, i === 2 ? 0.6 : 1))),
    special: [
      special('grayscale', 'images decoded from a greyscale file', images.grey),
      special('rgba', 'images decoded from an RGBA file', images.rgba),
      special('tiny', `tiny images (${images.tiny.width} x ${images.tiny.height})`, images.tiny),
      special('large', `large images (${images.large.width} x ${images.large.height})`, images.large),
    ],
    call: (instance, input, signal) => instance.compute(input, signal),
    inspect,
    // Metrics computed on float32 models may differ in the last bits between runs.
    tolerance: 1e-6,
  });
}
