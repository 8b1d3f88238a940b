/**
 * Built-in editor `telea`: weight-free classical inpainting of the (binarised, slightly dilated)
 * mask region with Telea's fast marching method. Deterministic; needs no model. The fill ignores
 * the perturbed label: it removes the object rather than changing it semantically, which is what a
 * weight-free stand-in for a diffusion inpainter can honestly do.
 */
import { defineEditor, type EditorInstance } from '@semibench/harness/plugin';
import { editRegion } from './mask.js';
import { numberOption, rejectUnknownOptions } from './options.js';
import { inpaintTelea } from './telea-fmm.js';

const NAME = 'telea';

export const teleaEditor = defineEditor({
  kind: 'editor',
  meta: {
    name: NAME,
    version: '1.0.0',
    apiVersion: 1,
    method: 'inpainting',
    description: 'Classical fast-marching inpainting (Telea 2004) of the dilated mask region; weight-free and deterministic.',
    license: 'MIT',
  },
  create(options): EditorInstance {
    rejectUnknownOptions(NAME, options, ['radius', 'dilate']);
    const radius = numberOption(NAME, options, 'radius', 5, { min: 1, max: 50, integer: true });
    const dilate = numberOption(NAME, options, 'dilate', 4, { min: 0, max: 64, integer: true });
    return {
      model: NAME,
      identity: { radius, dilate },
      async edit(request) {
        const region = editRegion(request.mask, request.image, dilate, NAME);
        const image = inpaintTelea(request.image, region, radius);
        return { image, settings: { radius, dilate } };
      },
    };
  },
});

export default teleaEditor;
