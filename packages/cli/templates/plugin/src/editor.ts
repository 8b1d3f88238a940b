/**
 * {{name}}: a semibench editor plugin (generation mode).
 *
 * semibench calls edit(request) once per mask with the RGB source, the binarised mask (255 = edit
 * here), the mask prepared as the original pipeline does for diffusion inpainting, the original
 * and perturbed labels and a seed. Return the edited image (any size; metrics resize it).
 *
 * The edit is a placeholder: it fills the masked region with the mean colour of the rest of the
 * image. Replace it with your model; derive any randomness from request.seed.
 */
import type { EditorPlugin, EditRequest, RasterImage } from './semibench-contract.js';

export function meanFill(request: EditRequest): RasterImage {
  const { image, mask } = request;
  const sum = [0, 0, 0];
  let count = 0;
  for (let p = 0; p < mask.data.length; p++) {
    if (mask.data[p] !== 0) continue;
    for (let c = 0; c < 3; c++) sum[c] = (sum[c] as number) + (image.data[p * 3 + c] as number);
    count++;
  }
  const mean = sum.map((s) => (count ? Math.round(s / count) : 128));
  const data = new Uint8Array(image.data);
  for (let p = 0; p < mask.data.length; p++) {
    if (mask.data[p] === 0) continue;
    for (let c = 0; c < 3; c++) data[p * 3 + c] = mean[c] as number;
  }
  return { data, width: image.width, height: image.height, channels: 3 };
}

const plugin: EditorPlugin = {
  kind: 'editor',
  meta: { name: '{{name}}', version: '0.1.0', apiVersion: 1, description: '{{description}}', method: 'inpainting' },
  create() {
    return {
      model: '{{name}}',
      async edit(request) {
        return { image: meanFill(request), settings: { fill: 'mean' } };
      },
      dispose() {
        // Release models, connections and timers here.
      },
    };
  },
};

export default plugin;
