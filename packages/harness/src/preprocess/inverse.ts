/**
 * The geometry of a preprocessing run and its inverse: a detector's localisation map comes back at
 * the size of the input it received, and the harness carries it to the image's full size by undoing
 * the geometric steps in reverse order — a crop is undone by placing the map at the crop's offsets
 * on a zero canvas of the size before the crop (what was cut away reads as "no edit seen"), a resize
 * by resizing back with Pillow's bilinear filter (antialiased when shrinking). Blur and JPEG steps
 * do not move pixels and leave no trace here.
 */
import type { RasterImage } from '../contract.js';
import { pilResize } from '../imaging/pil-resample.js';
import { cropZeroFill } from './geometry.js';

/** One geometric step as it ran on one image: sizes are [height, width]. */
export type GeometryStep =
  | { readonly op: 'resize'; readonly from: readonly [number, number]; readonly to: readonly [number, number] }
  | {
      readonly op: 'crop';
      readonly from: readonly [number, number];
      /** Top-left corner of the window in the pre-crop image (negative when the crop zero-padded). */
      readonly top: number;
      readonly left: number;
      readonly to: readonly [number, number];
    };

/** Undoes one crop: the window back at (top, left) of a zero canvas of the pre-crop size. */
function uncrop(map: RasterImage, step: Extract<GeometryStep, { op: 'crop' }>): RasterImage {
  // Cutting the canvas-sized window at (-top, -left) out of the map places the map at (top, left).
  return cropZeroFill(map, -step.top, -step.left, step.from[0], step.from[1]);
}

/**
 * Carries a one-channel map from the size the detector saw back to the image's full size by undoing
 * `geometry` (as recorded by `runSteps`) in reverse. Throws when the map's size is not the size the
 * steps produced: that is the plugin's contract error, named by the caller.
 */
export function mapToSource(map: RasterImage, geometry: readonly GeometryStep[], source: { width: number; height: number }): RasterImage {
  if (map.channels !== 1) throw new Error('mapToSource expects a one-channel map');
  const last = geometry[geometry.length - 1];
  const [h, w] = last ? last.to : [source.height, source.width];
  if (map.width !== w || map.height !== h) {
    throw new Error(`the map is ${map.width}x${map.height} (width x height), but the detector's input was ${w}x${h}`);
  }
  let out = map;
  for (let i = geometry.length - 1; i >= 0; i--) {
    const step = geometry[i] as GeometryStep;
    out = step.op === 'crop' ? uncrop(out, step) : pilResize(out, step.from[1], step.from[0], 'bilinear');
  }
  return out;
}
