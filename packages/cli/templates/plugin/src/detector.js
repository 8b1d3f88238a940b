// @ts-check
/**
 * {{name}}: a semibench detector plugin (plain JavaScript, no build step).
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

/** @typedef {import('./semibench-contract.js').RasterImage} RasterImage */
/** @typedef {{ centre: number, scale: number }} Settings */

/**
 * Mean absolute difference between horizontal neighbours, over all channels, in grey levels.
 * @param {RasterImage} image
 */
export function roughness(image) {
  const { data, width, height, channels } = image;
  if (width < 2) return 0;
  let sum = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width * channels;
    for (let i = row + channels; i < row + width * channels; i++) sum += Math.abs(data[i] - data[i - channels]);
  }
  return sum / (height * (width - 1) * channels);
}

/**
 * @param {RasterImage} image
 * @param {Settings} settings
 */
export function scoreImage(image, settings) {
  return 1 / (1 + Math.exp(-(roughness(image) - settings.centre) / settings.scale));
}

/**
 * @param {import('./semibench-contract.js').PluginOptions} options
 * @param {string} name
 * @param {number} fallback
 */
function numberOption(options, name, fallback) {
  const value = options[name] ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`{{name}}: option ${name} must be a number, got ${JSON.stringify(value)}`);
  return value;
}

/** @type {import('./semibench-contract.js').DetectorPlugin} */
const plugin = {
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
    /** @type {Settings} */
    const settings = { centre: numberOption(options, 'centre', 12), scale: numberOption(options, 'scale', 4) };
    return {
      predict(items) {
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
