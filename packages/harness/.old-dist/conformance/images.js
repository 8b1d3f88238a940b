/**
 * The images `semibench plugin check` feeds a plugin, made with sharp from the check's seed:
 * six ordinary images of different sizes, content and formats (so scores differ between items
 * and order mistakes show), plus the awkward cases a dataset eventually contains: a one-channel
 * greyscale PNG, an RGBA PNG with varying transparency, a tiny image and a large camera-sized
 * JPEG. Every image has a mask (a grey PNG, 255 inside an off-centre rectangle) for plugins that
 * declare `needsMask` or a mask-crop step, and for editors and metrics.
 *
 * The set is deterministic, so it is generated once per (seed, large size) under the cache
 * directory and reused; a manifest of sha256 sums is checked on reuse, because path-input
 * plugins get the files themselves and a buggy one could overwrite them.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { Rng } from '../util/rng.js';
import { sha256, sha256File } from '../util/hash.js';
/** Bump when the generated content changes, so cached sets are not reused. */
const IMAGE_SET_VERSION = 2;
export const TINY_SIZE = 8;
/** [height, width] of the large image: a 6-megapixel camera photo. */
export const DEFAULT_LARGE_SIZE = [2000, 3000];
function specs(large) {
    const rgb = (name, file, width, height, style, format = 'png') => ({
        name,
        file,
        width,
        height,
        channels: 3,
        format,
        style,
    });
    return {
        standard: [
            rgb('gradient', '01-gradient.png', 256, 256, { noise: 3 }),
            rgb('texture', '02-texture.png', 256, 256, { noise: 70 }),
            rgb('photo-jpeg', '03-photo.jpg', 320, 240, { noise: 20, blocks: 4 }, 'jpeg'),
            rgb('portrait-stripes', '04-stripes.png', 240, 320, { noise: 8, stripes: 12 }),
            rgb('smooth-patch', '05-smooth-patch.png', 300, 300, { noise: 30, flatPatch: 0.3 }),
            rgb('blocks', '06-blocks.png', 200, 260, { noise: 12, blocks: 12 }),
        ],
        grey: { name: 'grey', file: 'grey.png', width: 256, height: 256, channels: 1, format: 'png', style: { noise: 25, stripes: 20 } },
        rgba: { name: 'rgba', file: 'rgba.png', width: 256, height: 256, channels: 4, format: 'png', style: { noise: 25, blocks: 3 } },
        tiny: rgb('tiny', 'tiny.png', TINY_SIZE, TINY_SIZE, { noise: 40 }),
        large: rgb('large', 'large.jpg', large[1], large[0], { noise: 10, blocks: 6 }, 'jpeg'),
    };
}
function clampByte(v) {
    return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}
/** Procedural content: a colour gradient, optional stripes/blocks/flat patch, uniform noise. */
export function paintImage(width, height, channels, style, rng) {
    const colour = channels === 4 ? 3 : channels;
    const start = Array.from({ length: colour }, () => 40 + rng.int(120));
    const dx = Array.from({ length: colour }, () => rng.int(160) - 80);
    const dy = Array.from({ length: colour }, () => rng.int(160) - 80);
    const blocks = Array.from({ length: style.blocks ?? 0 }, () => {
        const w = 1 + rng.int(Math.max(1, Math.floor(width / 2)));
        const h = 1 + rng.int(Math.max(1, Math.floor(height / 2)));
        return { x0: rng.int(width), y0: rng.int(height), w, h, value: Array.from({ length: colour }, () => rng.int(256)) };
    });
    const patch = style.flatPatch
        ? { x0: Math.floor(width * 0.2), y0: Math.floor(height * 0.25), x1: Math.floor(width * (0.2 + style.flatPatch)), y1: Math.floor(height * (0.25 + style.flatPatch)) }
        : undefined;
    const out = new Uint8Array(width * height * channels);
    for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
            const i = (y * width + x) * channels;
            const inPatch = patch !== undefined && x >= patch.x0 && x < patch.x1 && y >= patch.y0 && y < patch.y1;
            const stripe = style.stripes ? 40 * Math.sin((2 * Math.PI * x) / style.stripes) : 0;
            for (let c = 0; c < colour; c++) {
                let v = start[c] + (dx[c] * x) / width + (dy[c] * y) / height + stripe;
                for (const b of blocks)
                    if (x >= b.x0 && x < b.x0 + b.w && y >= b.y0 && y < b.y0 + b.h)
                        v = b.value[c];
                if (!inPatch)
                    v += (rng.next() * 2 - 1) * style.noise;
                out[i + c] = clampByte(v);
            }
            // Alpha runs from transparent (left) to opaque (right), with a fully transparent band.
            if (channels === 4)
                out[i + 3] = y < height / 8 ? 0 : clampByte((255 * x) / Math.max(1, width - 1));
        }
    }
    return out;
}
/** Mask: 255 inside a rectangle covering about a fifth of the image, off-centre, 0 elsewhere. */
function paintMask(width, height) {
    const out = new Uint8Array(width * height);
    const x0 = Math.floor(width * 0.3);
    const x1 = Math.max(x0 + 1, Math.floor(width * 0.75));
    const y0 = Math.floor(height * 0.35);
    const y1 = Math.max(y0 + 1, Math.floor(height * 0.8));
    for (let y = y0; y < y1; y++)
        out.fill(255, y * width + x0, y * width + x1);
    return out;
}
async function encode(data, width, height, channels, format) {
    let image = sharp(Buffer.from(data.buffer, data.byteOffset, data.length), { raw: { width, height, channels } });
    // Without this sharp stores one-channel data as an RGB PNG; grey files must really be grey.
    if (channels === 1)
        image = image.toColourspace('b-w');
    return format === 'jpeg' ? image.jpeg({ quality: 90 }).toBuffer() : image.png({ compressionLevel: 6 }).toBuffer();
}
function toImage(dir, spec) {
    return {
        name: spec.name,
        key: `conformance/${spec.file}`,
        path: join(dir, spec.file),
        maskPath: join(dir, `mask-${spec.file.replace(/\.\w+$/, '.png')}`),
        width: spec.width,
        height: spec.height,
        channels: spec.channels,
        format: spec.format,
    };
}
async function manifestMatches(dir) {
    const manifestPath = join(dir, 'manifest.json');
    if (!existsSync(manifestPath))
        return false;
    try {
        const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
        const entries = Object.entries(manifest.files ?? {});
        if (entries.length === 0)
            return false;
        for (const [file, hash] of entries) {
            const path = join(dir, file);
            if (!existsSync(path) || (await sha256File(path)) !== hash)
                return false;
        }
        return true;
    }
    catch {
        return false;
    }
}
/**
 * Returns the check images under `root` (generated on first use, verified on reuse). Content
 * depends only on `seed` and the large size.
 */
export async function checkImages(root, seed, large = DEFAULT_LARGE_SIZE) {
    const [lh, lw] = large;
    if (!Number.isInteger(lh) || !Number.isInteger(lw) || lh < TINY_SIZE || lw < TINY_SIZE) {
        throw new Error(`large image size must be two integers of at least ${TINY_SIZE} (height, width), got ${JSON.stringify(large)}`);
    }
    const dir = join(root, `images-v${IMAGE_SET_VERSION}-seed${seed >>> 0}-${lw}x${lh}`);
    const set = specs(large);
    const all = [...set.standard, set.grey, set.rgba, set.tiny, set.large];
    const result = {
        dir,
        standard: set.standard.map((s) => toImage(dir, s)),
        grey: toImage(dir, set.grey),
        rgba: toImage(dir, set.rgba),
        tiny: toImage(dir, set.tiny),
        large: toImage(dir, set.large),
    };
    if (await manifestMatches(dir))
        return result;
    // Build in a sibling directory and rename, so a concurrent check never sees half a set.
    const building = `${dir}.tmp-${process.pid}-${Date.now()}`;
    await mkdir(building, { recursive: true });
    const files = {};
    const rng = Rng.derive(seed, 'plugin-check-images');
    for (const spec of all) {
        const image = toImage(building, spec);
        const pixels = await encode(paintImage(spec.width, spec.height, spec.channels, spec.style, rng), spec.width, spec.height, spec.channels, spec.format);
        const mask = await encode(paintMask(spec.width, spec.height), spec.width, spec.height, 1, 'png');
        await writeFile(image.path, pixels);
        await writeFile(image.maskPath, mask);
        files[spec.file] = sha256(pixels);
        files[image.maskPath.slice(building.length + 1)] = sha256(mask);
    }
    await writeFile(join(building, 'manifest.json'), `${JSON.stringify({ version: IMAGE_SET_VERSION, seed, large, files }, null, 2)}\n`);
    await rm(dir, { recursive: true, force: true });
    try {
        await rename(building, dir);
    }
    catch (error) {
        // Another process renamed its identical set into place first: use theirs.
        await rm(building, { recursive: true, force: true });
        if (!(await manifestMatches(dir)))
            throw error;
    }
    // Sets made by another version of this module are never read again.
    for (const entry of await readdir(root)) {
        const version = /^images-v(\d+)-/.exec(entry)?.[1];
        if (version !== undefined && Number(version) !== IMAGE_SET_VERSION)
            await rm(join(root, entry), { recursive: true, force: true });
    }
    return result;
}
//# sourceMappingURL=images.js.map