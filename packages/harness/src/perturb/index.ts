/**
 * Robustness perturbations (`eval --perturb SPEC`): deterministic image degradations applied to
 * every image, real and edited, before any detector or its preprocessing sees it. Each is defined
 * by what Pillow does, so that a Python detector evaluated on Pillow-degraded images sees the same
 * pixels:
 *
 * - `none`            the stored image, untouched;
 * - `jpeg:Q`          `img.save(buf, 'JPEG', quality=Q)` (4:2:0, standard tables), Q integer 1..100;
 * - `blur:SIGMA`      `img.filter(ImageFilter.GaussianBlur(SIGMA))` (Pillow's three box passes), SIGMA > 0;
 * - `resize:SCALE`    `img.resize((round(W·SCALE), round(H·SCALE)), Image.BICUBIC)` (Python's round, ≥ 1 px), SCALE > 0;
 * - `crop:FRACTION`   centre crop of round(H·F) × round(W·F) at torchvision's CenterCrop corner, 0 < F ≤ 1;
 * - `noise:SIGMA`     additive Gaussian noise N(0, SIGMA²) in 0–255 units per channel value, rounded
 *                     half to even and clipped to [0, 255]; the noise is drawn from the harness Rng
 *                     seeded by (run seed, SIGMA, the image's content hash), so the same image gets
 *                     the same noise in every run and every detector; SIGMA > 0.
 *
 * Perturbed images are made once per (image content, perturbation[, seed]) and cached as files
 * (`cache.ts`); the perturbation is part of the prediction-store key (`perturbationKey`).
 */
import type { RasterImage } from '../contract.js';
import { centreCrop, encodeJpegLikePil, pilGaussianBlurAny, pilResize, roundHalfEven } from '../preprocess/index.js';
import { decodeGrey, decodeRgb, encodePng } from '../util/images.js';
import { Rng, deriveSeed } from '../util/rng.js';

export type Perturbation =
  | { readonly kind: 'none' }
  | { readonly kind: 'jpeg'; readonly quality: number }
  | { readonly kind: 'blur'; readonly sigma: number }
  | { readonly kind: 'resize'; readonly scale: number }
  | { readonly kind: 'crop'; readonly fraction: number }
  | { readonly kind: 'noise'; readonly sigma: number };

export type PerturbationKind = Perturbation['kind'];

/** The name clean predictions carry in the `perturbation` column. */
export const NO_PERTURBATION = 'none';

/**
 * How a perturbed detector is named where runs are read back as separate detectors (`score`,
 * `tables`, `diff`): `NAME [jpeg:50]`; clean predictions keep the bare name.
 */
export function perturbedDetectorName(detector: string, perturbation: string | undefined): string {
  const p = (perturbation ?? '').trim();
  return p === '' || p === NO_PERTURBATION ? detector : `${detector} [${p}]`;
}

/** Whether a detector name is a perturbed one (see perturbedDetectorName). */
export function isPerturbedName(name: string): boolean {
  return / \[[a-z]+:[^\]]+\]$/.test(name);
}

const USAGE = 'use none, jpeg:Q (1..100), blur:SIGMA, resize:SCALE, crop:FRACTION (0 < F <= 1) or noise:SIGMA';

function positive(spec: string, raw: string, what: string): number {
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || v <= 0) throw new Error(`--perturb ${spec}: ${what} must be a positive number, got "${raw}"; ${USAGE}`);
  return v;
}

/** Parses one `--perturb` value; a bad one fails with what was wrong and what is accepted. */
export function parsePerturbation(spec: string): Perturbation {
  const text = spec.trim();
  if (text === NO_PERTURBATION) return { kind: 'none' };
  const colon = text.indexOf(':');
  if (colon < 0) throw new Error(`--perturb ${spec}: unknown perturbation; ${USAGE}`);
  const kind = text.slice(0, colon);
  const raw = text.slice(colon + 1);
  switch (kind) {
    case 'jpeg': {
      const quality = Number(raw);
      if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new Error(`--perturb ${spec}: JPEG quality must be an integer 1..100, got "${raw}"`);
      return { kind, quality };
    }
    case 'blur':
      return { kind, sigma: positive(spec, raw, 'the blur sigma') };
    case 'resize':
      return { kind, scale: positive(spec, raw, 'the resize scale') };
    case 'crop': {
      const fraction = positive(spec, raw, 'the crop fraction');
      if (fraction > 1) throw new Error(`--perturb ${spec}: the crop fraction must be in (0, 1], got "${raw}"`);
      return { kind, fraction };
    }
    case 'noise':
      return { kind, sigma: positive(spec, raw, 'the noise sigma') };
    default:
      throw new Error(`--perturb ${spec}: unknown perturbation "${kind}"; ${USAGE}`);
  }
}

/** Canonical name (`jpeg:75`, `blur:1.5`): what the `perturbation` column, the cache and the store key carry. */
export function perturbationName(p: Perturbation): string {
  switch (p.kind) {
    case 'none':
      return NO_PERTURBATION;
    case 'jpeg':
      return `jpeg:${p.quality}`;
    case 'blur':
    case 'noise':
      return `${p.kind}:${p.sigma}`;
    case 'resize':
      return `resize:${p.scale}`;
    case 'crop':
      return `crop:${p.fraction}`;
  }
}

/**
 * Parses repeated `--perturb` values into canonical, de-duplicated perturbations, `none` first
 * (the clean run every delta is paired against is always included).
 */
export function parsePerturbations(specs: readonly string[]): Perturbation[] {
  const out: Perturbation[] = [{ kind: 'none' }];
  const seen = new Set([NO_PERTURBATION]);
  for (const spec of specs) {
    const p = parsePerturbation(spec);
    const name = perturbationName(p);
    if (!seen.has(name)) {
      seen.add(name);
      out.push(p);
    }
  }
  return out;
}

/** The perturbation's strength on its own axis (for degradation curves): quality, sigma, scale or fraction; 0 for none. */
export function perturbationLevel(p: Perturbation): number {
  switch (p.kind) {
    case 'none':
      return 0;
    case 'jpeg':
      return p.quality;
    case 'blur':
    case 'noise':
      return p.sigma;
    case 'resize':
      return p.scale;
    case 'crop':
      return p.fraction;
  }
}

/** What the prediction store adds to an image's key: nothing for clean images (old entries stay valid). */
export function perturbationKey(p: Perturbation, seed: number): string {
  if (p.kind === 'none') return '';
  return p.kind === 'noise' ? `perturb=${perturbationName(p)}@${seed}` : `perturb=${perturbationName(p)}`;
}

/** Standard normal draws by Box–Muller from the harness Rng (two per pair of uniforms). */
function gaussianField(rng: Rng, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    let u = rng.next();
    while (u === 0) u = rng.next();
    const v = rng.next();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

/** Additive Gaussian noise, rounded half to even (numpy's rint) and clipped to 0..255. */
export function addGaussianNoise(image: RasterImage, sigma: number, seed: number): RasterImage {
  const z = gaussianField(new Rng(seed), image.data.length);
  const out = new Uint8Array(image.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.min(255, Math.max(0, roundHalfEven((image.data[i] as number) + sigma * (z[i] as number))));
  return { ...image, data: out };
}

/** The noise seed of one image: run seed, sigma and the image's content hash (not its path: blind-safe). */
export function noiseSeed(seed: number, sigma: number, contentHash: string): number {
  return deriveSeed(seed, `semibench/perturb/noise/${sigma}/${contentHash}`);
}

/** A perturbed image as file bytes plus its extension (JPEG keeps its container: that is the degradation). */
export interface PerturbedFile {
  readonly bytes: Buffer;
  readonly ext: 'png' | 'jpg';
}

/** Pixels after the perturbation (`contentHash` seeds the noise). */
export async function perturbPixels(image: RasterImage, p: Perturbation, seed: number, contentHash: string): Promise<RasterImage> {
  switch (p.kind) {
    case 'none':
      return image;
    case 'jpeg': {
      const bytes = await encodeJpegLikePil(image, p.quality);
      return image.channels === 3 ? decodeRgb(bytes) : decodeGrey(bytes);
    }
    case 'blur':
      return pilGaussianBlurAny(image, p.sigma);
    case 'resize': {
      const w = Math.max(1, roundHalfEven(image.width * p.scale));
      const h = Math.max(1, roundHalfEven(image.height * p.scale));
      return pilResize(image, w, h, 'bicubic');
    }
    case 'crop': {
      const w = Math.max(1, roundHalfEven(image.width * p.fraction));
      const h = Math.max(1, roundHalfEven(image.height * p.fraction));
      return centreCrop(image, h, w);
    }
    case 'noise':
      return addGaussianNoise(image, p.sigma, noiseSeed(seed, p.sigma, contentHash));
  }
}

/** The perturbed image as a file: JPEG bytes for `jpeg:Q`, lossless PNG otherwise. */
export async function perturbFile(image: RasterImage, p: Perturbation, seed: number, contentHash: string): Promise<PerturbedFile> {
  if (p.kind === 'jpeg') return { bytes: await encodeJpegLikePil(image, p.quality), ext: 'jpg' };
  return { bytes: await encodePng(await perturbPixels(image, p, seed, contentHash)), ext: 'png' };
}
