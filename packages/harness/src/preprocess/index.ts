/**
 * Executes a detector's declared input (`DetectorInput`): decode, the preprocessing steps, and the
 * conversion to a float tensor. Preprocessing is data, not plugin code, because resize and crop
 * choices move scores by many points; `describeInput` gives the stable text recorded in manifests.
 *
 * Conventions (all chosen to match torchvision on PIL images, which is how the paper's detectors
 * and most detectors' training pipelines were run):
 * - sizes given as a pair are [height, width];
 * - `resize` with one number and mode `shorter-side` (the default for one number) scales the shorter
 *   side to it and the longer side to floor(size * long / short); a pair means exact size;
 *   interpolation defaults to bilinear and is Pillow's resampler, byte for byte;
 * - `center-crop` is torchvision's CenterCrop (round-half-even offsets, zero padding when larger);
 * - `mask-crop` is the paper's mask-aware crop (see geometry.ts), seeded by (run seed, row key);
 * - `gaussian-blur` is PIL's GaussianBlur(radius = sigma);
 * - `jpeg` re-encodes with libjpeg (sharp) at the quality given, 4:2:0 chroma, and decodes again;
 * - the tensor is value / 255 mapped to `range`, then (x - mean) / std, in float32 arithmetic as
 *   torch does it; `mean` and `std` are listed in the tensor's channel order (BGR models publish
 *   them in BGR order).
 */
import sharp from 'sharp';
import type { DetectorInput, ImageTensor, PreprocessSpec, PreprocessStep, RasterImage, TensorSpec } from '../contract.js';
import { decodeMaskGrey, pilGaussianBlur } from '../imaging/mask-prep.js';
import { Rng, deriveSeed } from '../util/rng.js';
import { binarizeMask, decodeGrey, decodeRgb } from '../util/images.js';
import { pilResize, pilResizeWindow } from '../imaging/pil-resample.js';
import { centreCrop, centreCropOrigin, cropZeroFill, decideMaskCrop, type MaskCropDecision } from './geometry.js';
import type { GeometryStep } from './inverse.js';

export { pilResize } from '../imaging/pil-resample.js';
export { centreCrop, centreCropOrigin, cropZeroFill, decideMaskCrop, roundHalfEven } from './geometry.js';
export type { MaskCropDecision, MaskCropParams } from './geometry.js';
export { mapToSource, type GeometryStep } from './inverse.js';
export { validateDetectorInput, validatePreprocessSpec, validateTensorSpec } from './validate.js';

/** ImageNet statistics (torchvision models, CNNSpot, the paper's as-run pipeline). */
export const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
export const IMAGENET_STD = [0.229, 0.224, 0.225] as const;
/** OpenAI CLIP statistics (UnivFD and DE-FAKE as published). */
export const CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073] as const;
export const CLIP_STD = [0.26862954, 0.26130258, 0.27577711] as const;

export const MASK_CROP_DEFAULTS = { tries: 51, minMaskFraction: 0.7 } as const;

export interface PreparedInput {
  pixels?: RasterImage;
  tensor?: ImageTensor;
  /** Binary mask (0/255, one channel) aligned with `pixels`/`tensor`, when a mask path was given. */
  mask?: RasterImage;
  /** Size of the decoded image, and the geometric steps that led from it to `pixels`/`tensor` (for mapping maps back). */
  source?: { width: number; height: number };
  geometry?: GeometryStep[];
}

export interface PrepareOptions {
  /** Run seed; the mask-crop search draws from deriveSeed(seed, 'mask-crop:' + key). */
  seed: number;
  /** The row key (normalised image_path). */
  key: string;
  /** Mask of the row, when the detector needs it or the steps contain a mask-crop. */
  maskPath?: string;
  limitInputPixels?: number;
}

/** True when executing this input reads the row's mask (a mask-crop step), so the runner must pass `maskPath`. */
export function inputUsesMask(input: DetectorInput): boolean {
  return input.kind !== 'path' && (input.preprocess?.steps ?? []).some((s) => s.op === 'mask-crop');
}

function pair(size: number | readonly [number, number], what: string): [number, number] {
  const [h, w] = typeof size === 'number' ? [size, size] : size;
  if (!Number.isInteger(h) || !Number.isInteger(w) || h < 1 || w < 1) {
    throw new Error(`preprocess ${what}: size must be a positive integer or [height, width], got ${JSON.stringify(size)}`);
  }
  return [h, w];
}

/** Output size of a resize step for a given input size. */
export function resizeTarget(step: Extract<PreprocessStep, { op: 'resize' }>, height: number, width: number): [number, number] {
  const mode = step.mode ?? (typeof step.size === 'number' ? 'shorter-side' : 'exact');
  if (mode === 'exact') return pair(step.size, 'resize');
  if (typeof step.size !== 'number' || !Number.isInteger(step.size) || step.size < 1) {
    throw new Error(`preprocess resize: mode shorter-side needs one positive integer size, got ${JSON.stringify(step.size)}`);
  }
  // torchvision: the shorter side becomes `size`, the longer int(size * long / short).
  if (height <= width) return [step.size, Math.floor((step.size * width) / height)];
  return [Math.floor((step.size * height) / width), step.size];
}

function resizeImage(image: RasterImage, step: Extract<PreprocessStep, { op: 'resize' }>): RasterImage {
  const [h, w] = resizeTarget(step, image.height, image.width);
  return pilResize(image, w, h, step.interpolation ?? 'bilinear');
}

/**
 * A resize whose output a center-crop then cuts inside its bounds, computed as one windowed resize
 * (only the kept pixels are resampled; byte-identical to resizing then cropping). Undefined when
 * the crop pads, so the caller takes the general path.
 */
function resizeCentreCropped(image: RasterImage, resize: Extract<PreprocessStep, { op: 'resize' }>, crop: Extract<PreprocessStep, { op: 'center-crop' }>): { image: RasterImage; geometry: GeometryStep[] } | undefined {
  const [h, w] = resizeTarget(resize, image.height, image.width);
  const [ch, cw] = pair(crop.size, 'center-crop');
  if (ch > h || cw > w) return undefined;
  const { top, left } = centreCropOrigin(h, w, ch, cw);
  const out = pilResizeWindow(image, w, h, resize.interpolation ?? 'bilinear', { top, left, height: ch, width: cw });
  const geometry: GeometryStep[] = [
    { op: 'resize', from: [image.height, image.width], to: [h, w] },
    { op: 'crop', from: [h, w], top, left, to: [ch, cw] },
  ];
  return { image: out, geometry };
}

function maskCropParams(step: Extract<PreprocessStep, { op: 'mask-crop' }>) {
  if (!Number.isInteger(step.size) || step.size < 1) throw new Error(`preprocess mask-crop: size must be a positive integer, got ${step.size}`);
  return {
    size: step.size,
    tries: step.tries ?? MASK_CROP_DEFAULTS.tries,
    minMaskFraction: step.minMaskFraction ?? MASK_CROP_DEFAULTS.minMaskFraction,
    parity: step.parityCentreAsCorner ?? false,
  };
}

/**
 * Runs the mask through the geometric steps and decides every mask-crop before the image is
 * touched: a blur that only applies on the no-mask path (parity quirk 3) comes before the crop in
 * the step list but depends on its outcome.
 */
function planMask(steps: readonly PreprocessStep[], mask: RasterImage | undefined, rng: Rng): { decisions: MaskCropDecision[]; mask?: RasterImage } {
  const decisions: MaskCropDecision[] = [];
  let m = mask;
  for (const step of steps) {
    if (step.op === 'resize' && m) m = resizeImage(m, step);
    else if (step.op === 'center-crop' && m) {
      const [h, w] = pair(step.size, 'center-crop');
      m = centreCrop(m, h, w);
    } else if (step.op === 'mask-crop') {
      const params = maskCropParams(step);
      const decision = decideMaskCrop(m, params, rng);
      decisions.push(decision);
      if (m) m = applyMaskCrop(m, decision, params.size, params.parity);
    }
  }
  return m ? { decisions, mask: m } : { decisions };
}

/** Where a mask-crop cuts the image: the centre crop on fallback; the accepted box (or, in parity, its centre as the corner). */
function maskCropOrigin(image: RasterImage, decision: MaskCropDecision, size: number, parity: boolean): { top: number; left: number } {
  if (decision.kind === 'fallback') return centreCropOrigin(image.height, image.width, size, size);
  // The as-run code cuts the image at top-left = accepted centre (spec §10 quirk 2).
  return parity ? { top: decision.centreRow, left: decision.centreCol } : { top: decision.top, left: decision.left };
}

function applyMaskCrop(image: RasterImage, decision: MaskCropDecision, size: number, parity: boolean): RasterImage {
  const { top, left } = maskCropOrigin(image, decision, size, parity);
  return cropZeroFill(image, top, left, size, size);
}

/** PIL's `save(format='JPEG', quality=Q)` bytes: 4:2:0, standard tables, no trellis (the same libjpeg settings). */
export async function encodeJpegLikePil(image: RasterImage, quality: number): Promise<Buffer> {
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new Error(`jpeg: quality must be an integer 1..100, got ${quality}`);
  const raw = { width: image.width, height: image.height, channels: image.channels };
  return sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length), { raw })
    .jpeg({ quality, chromaSubsampling: '4:2:0', mozjpeg: false, trellisQuantisation: false, overshootDeringing: false, optimiseScans: false })
    .toBuffer();
}

/** Encode as PIL would at `quality` and decode again: byte-exact with Pillow's round trip. */
export async function jpegRoundTrip(image: RasterImage, quality: number): Promise<RasterImage> {
  const bytes = await encodeJpegLikePil(image, quality);
  return image.channels === 3 ? decodeRgb(bytes) : decodeGrey(bytes);
}

/** PIL's GaussianBlur on grey or RGB (Pillow blurs each band independently with the same arithmetic). */
export function pilGaussianBlurAny(image: RasterImage, radius: number): RasterImage {
  if (image.channels === 1) return pilGaussianBlur(image, radius);
  const n = image.width * image.height;
  const out = new Uint8Array(n * 3);
  const band = new Uint8Array(n);
  for (let b = 0; b < 3; b++) {
    for (let i = 0; i < n; i++) band[i] = image.data[i * 3 + b] as number;
    const blurred = pilGaussianBlur({ data: band, width: image.width, height: image.height, channels: 1 }, radius).data;
    for (let i = 0; i < n; i++) out[i * 3 + b] = blurred[i] as number;
  }
  return { data: out, width: image.width, height: image.height, channels: 3 };
}

/**
 * Apply the steps to decoded pixels (and a grey mask of the same image, if any). Exposed for
 * callers that already hold pixels; `prepareInput` decodes and calls it.
 */
export async function runSteps(
  image: RasterImage,
  steps: readonly PreprocessStep[],
  options: { seed: number; key: string; mask?: RasterImage },
): Promise<{ pixels: RasterImage; mask?: RasterImage; decisions: MaskCropDecision[]; geometry: GeometryStep[] }> {
  let mask = options.mask;
  if (mask && (mask.width !== image.width || mask.height !== image.height)) {
    const parity = steps.some((s) => s.op === 'mask-crop' && s.parityCentreAsCorner === true);
    // The reference resizes image and mask independently (shorter side 256), so a mask of another
    // size only lines up when both have the same aspect; outside parity, align it first.
    if (!parity) mask = pilResize(mask, image.width, image.height, 'bilinear');
  }
  const rng = new Rng(deriveSeed(options.seed, `mask-crop:${options.key}`));
  const plan = planMask(steps, mask, rng);
  const fellBack = plan.decisions.some((d) => d.kind === 'fallback');
  let img = image;
  let cropIndex = 0;
  const geometry: GeometryStep[] = [];
  const crop = (top: number, left: number, h: number, w: number): void => {
    geometry.push({ op: 'crop', from: [img.height, img.width], top, left, to: [h, w] });
    img = cropZeroFill(img, top, left, h, w);
  };
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s] as PreprocessStep;
    const next = steps[s + 1];
    if (step.op === 'resize' && next?.op === 'center-crop') {
      const fused = resizeCentreCropped(img, step, next);
      if (fused) {
        img = fused.image;
        geometry.push(...fused.geometry);
        s++;
        continue;
      }
    }
    switch (step.op) {
      case 'resize': {
        const from = [img.height, img.width] as const;
        img = resizeImage(img, step);
        geometry.push({ op: 'resize', from, to: [img.height, img.width] });
        break;
      }
      case 'center-crop': {
        const [h, w] = pair(step.size, 'center-crop');
        const { top, left } = centreCropOrigin(img.height, img.width, h, w);
        crop(top, left, h, w);
        break;
      }
      case 'mask-crop': {
        const params = maskCropParams(step);
        const { top, left } = maskCropOrigin(img, plan.decisions[cropIndex++] as MaskCropDecision, params.size, params.parity);
        crop(top, left, params.size, params.size);
        break;
      }
      case 'gaussian-blur':
        if (!(step.sigma >= 0)) throw new Error(`preprocess gaussian-blur: sigma must be >= 0, got ${step.sigma}`);
        if (step.onlyWithoutMaskCrop === true && !fellBack && plan.decisions.length > 0) break;
        img = pilGaussianBlurAny(img, step.sigma);
        break;
      case 'jpeg':
        img = await jpegRoundTrip(img, step.quality);
        break;
      default: {
        const unknown: never = step;
        throw new Error(`unknown preprocessing op ${JSON.stringify((unknown as { op?: unknown }).op)}; known: resize, center-crop, mask-crop, gaussian-blur, jpeg`);
      }
    }
  }
  const result: { pixels: RasterImage; mask?: RasterImage; decisions: MaskCropDecision[]; geometry: GeometryStep[] } = { pixels: img, decisions: plan.decisions, geometry };
  if (plan.mask) {
    const aligned = plan.mask.width === img.width && plan.mask.height === img.height ? plan.mask : pilResize(plan.mask, img.width, img.height, 'nearest');
    result.mask = binarizeMask(aligned);
  }
  return result;
}

/**
 * Pixels (HWC uint8) to a float tensor, in torch's float32 arithmetic: ToTensor (v / 255), the
 * affine map to `range`, Normalize ((x - mean) / std), the optional parity clamp to [0, 1].
 */
export function toTensor(image: RasterImage, spec: TensorSpec): ImageTensor {
  if (image.channels !== 3) throw new Error('toTensor expects an RGB image');
  const f = Math.fround;
  const [lo, hi] = spec.range ?? [0, 1];
  const mean = (spec.mean ?? [0, 0, 0]).map(f);
  const std = (spec.std ?? [1, 1, 1]).map(f);
  if (std.some((s) => !(s > 0))) throw new Error(`tensor std must be positive, got ${JSON.stringify(spec.std)}`);
  const identityRange = lo === 0 && hi === 1;
  const span = f(hi - lo);
  const order = spec.channelOrder === 'BGR' ? [2, 1, 0] : [0, 1, 2];
  const { width: w, height: h } = image;
  const n = w * h;
  const out = new Float32Array(n * 3);
  const nchw = spec.layout === 'NCHW';
  // Per channel and grey level the result is one number: a 256-entry table per channel.
  for (let c = 0; c < 3; c++) {
    const src = order[c] as number;
    const m = mean[c] as number;
    const s = std[c] as number;
    const table = new Float32Array(256);
    for (let v = 0; v < 256; v++) {
      let x = f(v / 255);
      if (!identityRange) x = f(f(x * span) + f(lo));
      x = f(f(x - m) / s);
      if (spec.parityClampAfterNormalize === true) x = x < 0 ? 0 : x > 1 ? 1 : x;
      table[v] = x;
    }
    if (nchw) {
      const base = c * n;
      for (let i = 0; i < n; i++) out[base + i] = table[image.data[i * 3 + src] as number] as number;
    } else {
      for (let i = 0; i < n; i++) out[i * 3 + c] = table[image.data[i * 3 + src] as number] as number;
    }
  }
  return { data: out, dims: nchw ? [3, h, w] : [h, w, 3] };
}

/**
 * Decode an image (and its mask) and execute the declared input. `kind: 'path'` needs nothing.
 * A row without a mask takes the mask-crop's no-mask path (centre crop), as in the paper.
 */
export async function prepareInput(imagePath: string, input: DetectorInput, options: PrepareOptions): Promise<PreparedInput> {
  if (input.kind === 'path') return {};
  const decode = options.limitInputPixels === undefined ? {} : { limitInputPixels: options.limitInputPixels };
  const [image, rawMask] = await Promise.all([
    decodeRgb(imagePath, decode).catch((e: unknown) => {
      throw new Error(`cannot decode image ${imagePath}: ${e instanceof Error ? e.message : String(e)}`);
    }),
    options.maskPath === undefined
      ? Promise.resolve(undefined)
      : decodeMaskGrey(options.maskPath, decode).catch((e: unknown) => {
          throw new Error(`cannot decode mask ${options.maskPath} of ${options.key}: ${e instanceof Error ? e.message : String(e)}`);
        }),
  ]);
  const spec: PreprocessSpec | undefined = input.preprocess;
  const stepOptions = rawMask ? { seed: options.seed, key: options.key, mask: rawMask } : { seed: options.seed, key: options.key };
  const ran = await runSteps(image, spec?.steps ?? [], stepOptions);
  const out: PreparedInput = { source: { width: image.width, height: image.height }, geometry: ran.geometry };
  if (ran.mask) out.mask = ran.mask;
  if (input.kind === 'tensor') out.tensor = toTensor(ran.pixels, input.preprocess.tensor);
  else out.pixels = ran.pixels;
  return out;
}

function fmtSize(size: number | readonly [number, number]): string {
  return typeof size === 'number' ? String(size) : `${size[0]}x${size[1]}`;
}

function describeStep(step: PreprocessStep): string {
  switch (step.op) {
    case 'resize': {
      const mode = step.mode ?? (typeof step.size === 'number' ? 'shorter-side' : 'exact');
      return `resize(${mode} ${fmtSize(step.size)}, ${step.interpolation ?? 'bilinear'}, pil)`;
    }
    case 'center-crop':
      return `center-crop(${fmtSize(step.size)})`;
    case 'mask-crop': {
      const p = maskCropParams(step);
      return `mask-crop(${p.size}, tries ${p.tries}, min ${p.minMaskFraction}${p.parity ? ', parity centre-as-corner' : ''})`;
    }
    case 'gaussian-blur':
      return `gaussian-blur(pil sigma ${step.sigma}${step.onlyWithoutMaskCrop === true ? ', only without mask-crop' : ''})`;
    case 'jpeg':
      return `jpeg(q${step.quality})`;
  }
}

function describeTensor(t: TensorSpec): string {
  const parts = [
    t.layout,
    t.channelOrder ?? 'RGB',
    `range [${(t.range ?? [0, 1]).join(',')}]`,
    `mean [${(t.mean ?? [0, 0, 0]).join(',')}]`,
    `std [${(t.std ?? [1, 1, 1]).join(',')}]`,
    'float32',
  ];
  if (t.parityClampAfterNormalize === true) parts.push('parity clamp [0,1]');
  return `tensor(${parts.join(', ')})`;
}

/** One stable line per declared input, defaults spelled out, for manifests and `zoo show`. */
export function describeInput(input: DetectorInput): string {
  if (input.kind === 'path') return 'path';
  const steps = (input.preprocess?.steps ?? []).map(describeStep);
  if (input.kind === 'tensor') steps.push(describeTensor(input.preprocess.tensor));
  return `${input.kind}: decode rgb8${steps.length ? ' > ' + steps.join(' > ') : ''}`;
}
