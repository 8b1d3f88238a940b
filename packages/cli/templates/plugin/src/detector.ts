/**
 * {{name}}: a semibench detector plugin.
 *
 * semibench calls create(options, context) once, then predict(items) with batches of images, and
 * expects one probability that each image is AI-generated or AI-edited, in [0, 1], in item order.
 * `meta.input` declares what the items carry: here RGB pixels that semibench has resized (shorter
 * side 256) and centre-cropped to 256 x 256, so images of any size, tiny or huge, work the same.
 *
 * The scoring is a placeholder (high-frequency energy squashed to [0, 1]): replace scoreImage with
 * your model. Keep it deterministic (derive any randomness from context.seed), and bump
 * meta.version together with package.json "version" whenever scores can change.
 */
import type { DetectorItem, DetectorPlugin, PluginOptions, RasterImage } from './semibench-contract.js';

export interface Settings {
  /** Roughness (grey levels) that maps to score 0.5. */
  centre: number;
  /** Logistic scale: larger = flatter. */
  scale: number;
}

/** Mean absolute difference between horizontal neighbours, over all channels, in grey levels. */
export function roughness(image: RasterImage): number {
  const { data, width, height, channels } = image;
  if (width < 2) return 0;
  let sum = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width * channels;
    for (let i = row + channels; i < row + width * channels; i++) sum += Math.abs((data[i] as number) - (data[i - channels] as number));
  }
  return sum / (height * (width - 1) * channels);
}

export function scoreImage(image: RasterImage, settings: Settings): number {
  return 1 / (1 + Math.exp(-(roughness(image) - settings.centre) / settings.scale));
}

function numberOption(options: PluginOptions, name: string, fallback: number): number {
  const value = options[name] ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`{{name}}: option ${name} must be a number, got ${JSON.stringify(value)}`);
  return value;
}

const plugin: DetectorPlugin = {
  kind: 'detector',
  meta: {
    name: '{{name}}',
    version: '0.1.0',
    apiVersion: 1,
    description: '{{description}}',
    input: { kind: 'pixels', preprocess: { steps: [{ op: 'resize', size: 256 }, { op: 'center-crop', size: 256 }] } },
    batchSize: 16,
  },
  create(options) {
    const settings: Settings = { centre: numberOption(options, 'centre', 12), scale: numberOption(options, 'scale', 4) };
    return {
      predict(items: readonly DetectorItem[]) {
        return items.map((item) => {
          if (!item.pixels) throw new Error(`{{name}}: item ${item.key} has no pixels; check meta.input`);
          return scoreImage(item.pixels, settings);
        });
      },
      dispose() {
        // Release models, worker processes and timers here.
      },
    };
  },
};

export default plugin;
