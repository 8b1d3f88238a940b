/**
 * Maps in a bundle (localisation output: greyscale PNGs, one per image): counted, and a few
 * turned into small thumbnails for the detector's page while the bundle is unpacked.
 */
import { join } from 'node:path';
import sharp from 'sharp';
import { RUN_FILES } from '../run/files.js';
import type { OpenedBundle } from './bundle.js';

export interface MapThumbnail {
  /** Path of the map inside the bundle. */
  name: string;
  dataUri: string;
  width: number;
  height: number;
}

/** Thumbnails per detector page; maps are a glimpse here, their scores are in the tables. */
const THUMBNAILS = 6;
const THUMBNAIL_WIDTH = 160;

export async function mapThumbnails(opened: OpenedBundle): Promise<{ count: number; thumbnails: MapThumbnail[] }> {
  const runFiles = new Set<string>([RUN_FILES.predictions, RUN_FILES.manifest]);
  const maps = Object.keys(opened.bundle.files).filter((f) => !runFiles.has(f) && /\.png$/i.test(f)).sort();
  const thumbnails: MapThumbnail[] = [];
  for (const name of maps.slice(0, THUMBNAILS)) {
    try {
      const { data, info } = await sharp(join(opened.dir, ...name.split('/')), { limitInputPixels: 1 << 28 })
        .resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
        .png()
        .toBuffer({ resolveWithObject: true });
      thumbnails.push({ name, dataUri: `data:image/png;base64,${data.toString('base64')}`, width: info.width, height: info.height });
    } catch {
      // A map that does not decode is shown by name only; its scores were computed without it.
      thumbnails.push({ name, dataUri: '', width: 0, height: 0 });
    }
  }
  return { count: maps.length, thumbnails };
}
