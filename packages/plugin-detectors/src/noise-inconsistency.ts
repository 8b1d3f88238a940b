/**
 * `noise-inconsistency`: a weight-free, deliberately weak baseline detector after
 * B. Mahdian & S. Saic, "Using noise inconsistencies for blind image forensics",
 * Image and Vision Computing 27(10), 2009.
 *
 * Idea: a camera image carries sensor/compression noise of a roughly uniform level; a region that
 * was pasted, inpainted or regenerated usually carries a different one (diffusion inpainting and
 * classical inpainting both tend to leave it smoother). Mahdian & Saic estimate the noise level
 * of non-overlapping blocks of the finest diagonal wavelet subband (HH1) with the robust median
 * estimator of Donoho & Johnstone, sigma = median(|HH1|) / 0.6745, and look for blocks whose
 * levels disagree.
 *
 * What this implementation does (every constant is fixed and documented, nothing is trained):
 *  1. Luma Y = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601), in grey levels 0..255.
 *  2. One level of the orthonormal Haar transform; HH1 at (i, j) = (a - b - c + d) / 2 over the
 *     2x2 pixel block [[a, b], [c, d]] at rows 2i..2i+1, columns 2j..2j+1 (an odd last row/column
 *     is ignored). For i.i.d. Gaussian noise of std s, HH1 has std s as well.
 *  3. Tiles of `blockSize` x `blockSize` HH1 coefficients (default 8, i.e. 16x16 pixels); partial
 *     tiles at the right/bottom edge are ignored. Per tile sigma_b = median(|HH1|) / 0.6745
 *     (the median of an even count is the mean of the two middle values).
 *  4. Statistic d = population standard deviation of ln(sigma_b + epsilon) over all tiles, with
 *     epsilon = 0.5 grey levels so that perfectly flat tiles (clipped sky, padding) stay finite.
 *     A homogeneous noise field gives d close to the sampling error of the estimator
 *     (about 1.17 / blockSize for large tiles); a region of different noise level adds spread.
 *     This replaces the paper's region-merging step with one dispersion number, which is what a
 *     per-image score needs.
 *  5. Score = 1 / (1 + exp(-(d - centre) / scale)) with centre = 0.6 and scale = 0.15.
 *     The constants were fixed once by looking at the ten real photographs of the Semi-Truths
 *     sample (shared/data/semi-truths-sample, 512x512): their d spans 0.35-1.16 with median 0.58,
 *     so about half of them score above 0.5. Blurring the mask region of each (a crude stand-in
 *     for an edit) moved d by only -0.01..+0.08: scene content (texture vs. flat sky) moves d far
 *     more than a local edit does. That is why this is a weak baseline: it is a sanity check of
 *     the pipeline that needs no weights, not a competitive detector, and its scores are not
 *     calibrated probabilities.
 *
 * Localisation map (a weak baseline too): Mahdian & Saic's method is a localisation method, so each
 * item also carries a map. Per tile, delta_b = |ln(sigma_b + epsilon) - median over tiles of the same|
 * (how far the tile's noise level is from the image's typical one, as a log ratio), and
 * p_b = 1 / (1 + exp(-(delta_b - mapCentre) / mapScale)) with mapCentre = 0.5 (a noise level
 * e^0.5 = 1.65 times higher or lower than typical reads 0.5) and mapScale = 0.15. These two constants
 * were set by reasoning, not fitted. The tile map is upsampled to the image by nearest neighbour
 * (each 2·blockSize square of pixels takes its tile's value; the partial tiles at the right and
 * bottom edge take the nearest full tile's). Scene content moves tile noise levels as much as edits
 * do (see 5.), so expect low pixel F1: the map shows the pipeline works, not that the method does.
 *
 * Limitations worth knowing: JPEG recompression, resizing and denoising change the noise level of
 * the whole image (not locally) and mostly shift d a little; images smaller than two tiles in
 * either direction cannot be scored and fail with a clear error.
 */
import type { DetectorInstance, DetectorItem, DetectorPlugin, LocalisationMap, OptionValue, PluginOptions, RasterImage } from '@semibench/harness/plugin';
import { toScores } from './partial-scores.js';

export const NOISE_INCONSISTENCY_DEFAULTS = {
  blockSize: 8,
  epsilon: 0.5,
  centre: 0.6,
  scale: 0.15,
  mapCentre: 0.5,
  mapScale: 0.15,
} as const;

export interface NoiseInconsistencyOptions {
  /** Tile side in HH1 coefficients (pixels / 2). */
  blockSize: number;
  /** Added to each tile's sigma (grey levels) before the logarithm. */
  epsilon: number;
  /** Logistic centre: the dispersion that maps to score 0.5. */
  centre: number;
  /** Logistic scale: larger = flatter mapping. */
  scale: number;
  /** Map: the |log noise-level ratio| to the image's median tile that maps to 0.5. */
  mapCentre: number;
  /** Map: logistic scale of that ratio. */
  mapScale: number;
}

/** The MAD-to-sigma factor of Donoho & Johnstone: the 0.75 quantile of the standard normal. */
const MAD_TO_SIGMA = 0.6745;

export interface NoiseAnalysis {
  /** Tile noise levels (grey levels), row-major over the tile grid. */
  readonly sigmas: Float64Array;
  readonly tilesX: number;
  readonly tilesY: number;
  /** The dispersion statistic d (std of ln(sigma + epsilon)). */
  readonly dispersion: number;
  /** The logistic score in [0, 1]. */
  readonly score: number;
}

/** Luma (BT.601) of an RGB or grey raster, as float grey levels. */
export function luma(image: RasterImage): Float64Array {
  const n = image.width * image.height;
  const out = new Float64Array(n);
  const d = image.data;
  if (image.channels === 1) {
    for (let i = 0; i < n; i++) out[i] = d[i] as number;
  } else {
    for (let i = 0, p = 0; i < n; i++, p += 3) {
      out[i] = 0.299 * (d[p] as number) + 0.587 * (d[p + 1] as number) + 0.114 * (d[p + 2] as number);
    }
  }
  return out;
}

/** Finest diagonal subband of the orthonormal Haar transform; dimensions floor(w/2) x floor(h/2). */
export function haarHH1(y: Float64Array, width: number, height: number): { data: Float64Array; width: number; height: number } {
  const w2 = width >> 1;
  const h2 = height >> 1;
  const out = new Float64Array(w2 * h2);
  for (let i = 0; i < h2; i++) {
    const r0 = 2 * i * width;
    const r1 = r0 + width;
    for (let j = 0; j < w2; j++) {
      const c = 2 * j;
      out[i * w2 + j] = ((y[r0 + c] as number) - (y[r0 + c + 1] as number) - (y[r1 + c] as number) + (y[r1 + c + 1] as number)) / 2;
    }
  }
  return { data: out, width: w2, height: h2 };
}

function median(values: Float64Array): number {
  values.sort();
  const n = values.length;
  const mid = n >> 1;
  return n % 2 === 1 ? (values[mid] as number) : ((values[mid - 1] as number) + (values[mid] as number)) / 2;
}

/** Whether the image holds at least 2x2 tiles (the dispersion needs more than one tile per axis). */
export function canAnalyse(image: RasterImage, options: Pick<NoiseInconsistencyOptions, 'blockSize'> = NOISE_INCONSISTENCY_DEFAULTS): boolean {
  return Math.floor(Math.floor(image.width / 2) / options.blockSize) >= 2 && Math.floor(Math.floor(image.height / 2) / options.blockSize) >= 2;
}

/** Runs steps 1-5 of the module comment on one image. */
export function analyseNoise(image: RasterImage, options: NoiseInconsistencyOptions = NOISE_INCONSISTENCY_DEFAULTS): NoiseAnalysis {
  const { blockSize, epsilon, centre, scale } = options;
  const hh = haarHH1(luma(image), image.width, image.height);
  const tilesX = Math.floor(hh.width / blockSize);
  const tilesY = Math.floor(hh.height / blockSize);
  if (tilesX < 2 || tilesY < 2) {
    throw new Error(
      `noise-inconsistency: a ${image.width}x${image.height} image has fewer than 2x2 tiles of ${2 * blockSize}px; ` +
        `use a smaller blockSize option (now ${blockSize}) or a larger image`,
    );
  }
  const sigmas = new Float64Array(tilesX * tilesY);
  const tile = new Float64Array(blockSize * blockSize);
  for (let ty = 0; ty < tilesY; ty++) {
    for (let tx = 0; tx < tilesX; tx++) {
      let k = 0;
      for (let i = 0; i < blockSize; i++) {
        const row = (ty * blockSize + i) * hh.width + tx * blockSize;
        for (let j = 0; j < blockSize; j++) tile[k++] = Math.abs(hh.data[row + j] as number);
      }
      sigmas[ty * tilesX + tx] = median(tile) / MAD_TO_SIGMA;
    }
  }
  let sum = 0;
  const logs = new Float64Array(sigmas.length);
  for (let i = 0; i < sigmas.length; i++) {
    const v = Math.log((sigmas[i] as number) + epsilon);
    logs[i] = v;
    sum += v;
  }
  const mean = sum / logs.length;
  let ss = 0;
  for (let i = 0; i < logs.length; i++) ss += ((logs[i] as number) - mean) ** 2;
  const dispersion = Math.sqrt(ss / logs.length);
  const score = 1 / (1 + Math.exp(-(dispersion - centre) / scale));
  return { sigmas, tilesX, tilesY, dispersion, score };
}

/** The block noise map of the module comment, upsampled to width x height by nearest neighbour. */
export function noiseMap(analysis: NoiseAnalysis, width: number, height: number, options: NoiseInconsistencyOptions = NOISE_INCONSISTENCY_DEFAULTS): LocalisationMap {
  const { sigmas, tilesX, tilesY } = analysis;
  const logs = Float64Array.from(sigmas, (s) => Math.log(s + options.epsilon));
  const typical = median(Float64Array.from(logs));
  const tile = Float32Array.from(logs, (v) => 1 / (1 + Math.exp(-(Math.abs(v - typical) - options.mapCentre) / options.mapScale)));
  const side = 2 * options.blockSize;
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const ty = Math.min(tilesY - 1, Math.floor(y / side));
    for (let x = 0; x < width; x++) data[y * width + x] = tile[ty * tilesX + Math.min(tilesX - 1, Math.floor(x / side))] as number;
  }
  return { data, width, height };
}

function numberOption(options: PluginOptions, name: keyof NoiseInconsistencyOptions, check: (v: number) => boolean, rule: string): number {
  const raw: OptionValue | undefined = options[name];
  if (raw === undefined || raw === null) return NOISE_INCONSISTENCY_DEFAULTS[name];
  const value = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value) || !check(value)) {
    throw new Error(`noise-inconsistency: option ${name} must be ${rule}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** Validates user options (CLI values arrive as strings) and fills in the documented defaults. */
export function resolveNoiseOptions(options: PluginOptions): NoiseInconsistencyOptions {
  const known = new Set(Object.keys(NOISE_INCONSISTENCY_DEFAULTS));
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw new Error(`noise-inconsistency: unknown option "${key}"; known options: ${[...known].join(', ')}`);
  }
  return {
    blockSize: numberOption(options, 'blockSize', (v) => Number.isInteger(v) && v >= 2, 'an integer >= 2'),
    epsilon: numberOption(options, 'epsilon', (v) => v > 0, 'a positive number'),
    centre: numberOption(options, 'centre', () => true, 'a number'),
    scale: numberOption(options, 'scale', (v) => v > 0, 'a positive number'),
    mapCentre: numberOption(options, 'mapCentre', () => true, 'a number'),
    mapScale: numberOption(options, 'mapScale', (v) => v > 0, 'a positive number'),
  };
}

const plugin: DetectorPlugin = {
  kind: 'detector',
  meta: {
    name: 'noise-inconsistency',
    // 1.1.0: items carry a localisation map (the scores are unchanged).
    version: '1.1.0',
    apiVersion: 1,
    description:
      'Weak weight-free baseline: dispersion of block noise levels (MAD of the Haar HH1 subband), after Mahdian & Saic 2009; also a block noise-level map (weak localisation baseline).',
    license: 'MIT',
    // Native pixels: resizing would average away exactly the noise this detector measures.
    input: { kind: 'pixels' },
    batchSize: 16,
  },
  create(options): DetectorInstance {
    const resolved = resolveNoiseOptions(options);
    return {
      identity: { ...resolved },
      predict(items: readonly DetectorItem[]) {
        const scores: (number | null)[] = [];
        const maps: (LocalisationMap | null)[] = [];
        const errors: (string | null)[] = [];
        for (const item of items) {
          if (!item.pixels) throw new Error(`noise-inconsistency: item ${item.key} arrived without decoded pixels`);
          // An image too small for 2x2 tiles cannot be scored: that row is recorded, the run goes on.
          if (!canAnalyse(item.pixels, resolved)) {
            scores.push(null);
            errors.push(`a ${item.pixels.width}x${item.pixels.height} image has fewer than 2x2 tiles of ${2 * resolved.blockSize}px (blockSize option ${resolved.blockSize})`);
            maps.push(null);
            continue;
          }
          const analysis = analyseNoise(item.pixels, resolved);
          scores.push(analysis.score);
          maps.push(noiseMap(analysis, item.pixels.width, item.pixels.height, resolved));
          errors.push(null);
        }
        return toScores(scores, errors, 'noise-inconsistency', maps);
      },
    };
  },
};

export default plugin;
