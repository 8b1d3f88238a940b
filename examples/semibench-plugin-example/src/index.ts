/**
 * semibench-plugin-example: a complete third-party detector package for semibench, written the way
 * an outside author would write one. It depends on semibench only through the contract's types
 * (`import type` from '@semibench/harness/contract', an optional peer dependency): nothing of
 * semibench is imported at run time, so the published package has no dependencies at all.
 *
 * The detector ("Laplacian spread") is deliberately simple; the package is a model for packaging,
 * options, declared preprocessing, determinism and tests, not a competitive detector.
 * Idea: inpainting and regeneration leave regions whose fine detail differs from the rest of the
 * photograph (usually smoother). Per image:
 *  1. semibench resizes the shorter side to 256 (bilinear, Pillow-exact) and centre-crops 256 x 256,
 *     as declared in meta.input, so every image is analysed at the same scale;
 *  2. luma Y = 0.299 R + 0.587 G + 0.114 B (floats, no rounding);
 *  3. 4-neighbour Laplacian L = Y(x-1,y) + Y(x+1,y) + Y(x,y-1) + Y(x,y+1) - 4 Y(x,y), edges
 *     replicated (scipy.ndimage.laplace with mode='nearest');
 *  4. population variance of L in each non-overlapping tile x tile block (partial blocks at the
 *     right and bottom edges are ignored);
 *  5. spread d = population standard deviation of ln(1 + variance) over the blocks;
 *  6. score = 1 / (1 + exp(-(d - centre) / scale)).
 * centre and scale were set from the ten real photographs of fixtures/semi-truths-mini (from the
 * Semi-Truths sample), whose d lies between 1.19 and 1.95 (median 1.45): half of them score above
 * 0.5, so scores are not calibrated probabilities.
 */
import type { DetectorItem, DetectorPlugin, PluginOptions, RasterImage } from '@semibench/harness/contract';

export const DEFAULTS = { tile: 32, centre: 1.45, scale: 0.25 } as const;

export interface Settings {
  /** Block side in pixels. */
  tile: number;
  /** Spread d that maps to score 0.5. */
  centre: number;
  /** Logistic scale: larger = flatter. */
  scale: number;
}

/** Reads and checks the options; errors name the option and what is allowed. */
export function settingsFrom(options: PluginOptions): Settings {
  const number = (name: keyof Settings, ok: (v: number) => boolean, rule: string): number => {
    const value = options[name] ?? DEFAULTS[name];
    if (typeof value !== 'number' || !ok(value)) throw new Error(`example detector: option ${name} must be ${rule}, got ${JSON.stringify(value)}`);
    return value;
  };
  return {
    tile: number('tile', (v) => Number.isInteger(v) && v >= 2, 'an integer >= 2'),
    centre: number('centre', Number.isFinite, 'a number'),
    scale: number('scale', (v) => v > 0 && Number.isFinite(v), 'a positive number'),
  };
}

/** Luma of an RGB or grey raster into `out` (reused between images). */
function luma(image: RasterImage, out: Float64Array): Float64Array {
  const { data, channels } = image;
  const n = image.width * image.height;
  for (let i = 0; i < n; i++) {
    out[i] = channels === 1 ? (data[i] as number) : 0.299 * (data[i * 3] as number) + 0.587 * (data[i * 3 + 1] as number) + 0.114 * (data[i * 3 + 2] as number);
  }
  return out;
}

/** The spread statistic d of steps 2-5; `scratch` must hold width * height values. */
export function laplacianSpread(image: RasterImage, tile: number, scratch: Float64Array = new Float64Array(image.width * image.height)): number {
  const { width: w, height: h } = image;
  if (w < tile || h < tile) throw new RangeError(`example detector: a ${w}x${h} image is smaller than one ${tile}x${tile} block`);
  const y = luma(image, scratch);
  const tilesX = Math.floor(w / tile);
  const tilesY = Math.floor(h / tile);
  const logs = new Float64Array(tilesX * tilesY);
  for (let ty = 0; ty < tilesY; ty++) {
    for (let tx = 0; tx < tilesX; tx++) {
      let sum = 0;
      let sumSq = 0;
      for (let r = ty * tile; r < (ty + 1) * tile; r++) {
        const up = Math.max(r - 1, 0) * w;
        const down = Math.min(r + 1, h - 1) * w;
        const row = r * w;
        for (let c = tx * tile; c < (tx + 1) * tile; c++) {
          const centre = y[row + c] as number;
          const lap = (y[row + Math.max(c - 1, 0)] as number) + (y[row + Math.min(c + 1, w - 1)] as number) + (y[up + c] as number) + (y[down + c] as number) - 4 * centre;
          sum += lap;
          sumSq += lap * lap;
        }
      }
      const count = tile * tile;
      const mean = sum / count;
      logs[ty * tilesX + tx] = Math.log1p(Math.max(0, sumSq / count - mean * mean));
    }
  }
  let mean = 0;
  for (const v of logs) mean += v;
  mean /= logs.length;
  let variance = 0;
  for (const v of logs) variance += (v - mean) ** 2;
  return Math.sqrt(variance / logs.length);
}

export function scoreFromSpread(d: number, settings: Settings): number {
  return 1 / (1 + Math.exp(-(d - settings.centre) / settings.scale));
}

const SIZE = 256;

const plugin: DetectorPlugin = {
  kind: 'detector',
  meta: {
    name: 'example',
    version: '1.0.0',
    apiVersion: 1,
    description: 'Example third-party detector (Laplacian spread across 32 px blocks); a packaging model, not a competitive detector.',
    homepage: 'https://github.com/semibench/semibench/tree/main/examples/semibench-plugin-example',
    license: 'MIT',
    input: { kind: 'pixels', preprocess: { steps: [{ op: 'resize', size: SIZE }, { op: 'center-crop', size: SIZE }] } },
    batchSize: 32,
  },
  create(options) {
    const settings = settingsFrom(options);
    // One scratch buffer per instance, reused for every image; dispose() lets it go.
    let scratch: Float64Array | undefined = new Float64Array(SIZE * SIZE);
    return {
      // Bump when the statistic changes without a version bump of the package (it is part of the prediction-store key).
      identity: { statistic: 'laplacian-spread/1' },
      predict(items: readonly DetectorItem[]) {
        if (!scratch) throw new Error('example detector: predict() after dispose()');
        const buffer = scratch;
        return items.map((item) => {
          if (!item.pixels) throw new Error(`example detector: item ${item.key} has no pixels; meta.input asks semibench for them`);
          const need = item.pixels.width * item.pixels.height;
          return scoreFromSpread(laplacianSpread(item.pixels, settings.tile, need <= buffer.length ? buffer : new Float64Array(need)), settings);
        });
      },
      dispose() {
        scratch = undefined;
      },
    };
  },
};

export default plugin;
