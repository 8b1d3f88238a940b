import { Rng } from '../util/rng.js';
export interface CheckImage {
    /** Short name used in reports, e.g. `grey`. */
    readonly name: string;
    /** Row key as the plugin sees it (`conformance/<file>`), unique within the set. */
    readonly key: string;
    readonly path: string;
    readonly maskPath: string;
    readonly width: number;
    readonly height: number;
    /** Channels stored in the file (the harness hands pixel plugins RGB whatever this is). */
    readonly channels: 1 | 3 | 4;
    readonly format: 'png' | 'jpeg';
}
export interface CheckImages {
    readonly dir: string;
    /** Ordinary RGB images; their keys sort in this order. */
    readonly standard: readonly CheckImage[];
    readonly grey: CheckImage;
    readonly rgba: CheckImage;
    readonly tiny: CheckImage;
    readonly large: CheckImage;
}
export declare const TINY_SIZE = 8;
/** [height, width] of the large image: a 6-megapixel camera photo. */
export declare const DEFAULT_LARGE_SIZE: readonly [number, number];
interface Style {
    /** Uniform noise amplitude in grey levels. */
    noise: number;
    /** Period in pixels of vertical stripes (0 = none). */
    stripes?: number;
    /** Number of random flat-coloured rectangles painted over the gradient. */
    blocks?: number;
    /** A flat (noise-free) patch over this fraction of the image, like an over-smooth inpainted region. */
    flatPatch?: number;
}
/** Procedural content: a colour gradient, optional stripes/blocks/flat patch, uniform noise. */
export declare function paintImage(width: number, height: number, channels: 1 | 3 | 4, style: Style, rng: Rng): Uint8Array;
/**
 * Returns the check images under `root` (generated on first use, verified on reuse). Content
 * depends only on `seed` and the large size.
 */
export declare function checkImages(root: string, seed: number, large?: readonly [number, number]): Promise<CheckImages>;
export {};
//# sourceMappingURL=images.d.ts.map