/**
 * Localisation overlays for the report: for a few edited rows per slice, the image, its ground-truth
 * mask and each detector's map side by side, as small embedded thumbnails (data: URIs) within a
 * byte budget. Rows are taken in dataset order, one per group of a slice, so the choice depends on
 * nothing but the data.
 */
import { join } from 'node:path';
import sharp from 'sharp';
import { loadDataset, realPathInside, type Dataset, type DatasetRow } from '../../dataset.js';
import type { ReportModel } from './model.js';

export interface OverlayMap {
  detector: string;
  dataUri: string;
}

export interface Overlay {
  key: string;
  slice: string;
  group: string;
  width: number;
  height: number;
  image: string;
  mask: string;
  maps: OverlayMap[];
}

export interface OverlaysResult {
  overlays: Overlay[];
  notes: string[];
}

/** Bytes of base64 text the overlays may take at most (they also stay within what the examples left of --thumbnail-budget). */
export const DEFAULT_OVERLAY_BUDGET = 80_000;

export interface OverlayOptions {
  /** Largest total size of the embedded thumbnails, in bytes of base64 text (default DEFAULT_OVERLAY_BUDGET). */
  budgetBytes?: number;
  /** Longest side of a thumbnail (default 96). */
  size?: number;
  /** Rows shown per slice (one per group, default 3). */
  rowsPerSlice?: number;
}

async function thumb(input: string, size: number, grey: boolean): Promise<{ uri: string; width: number; height: number }> {
  const pipeline = sharp(input, { failOn: 'error' }).resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true, kernel: grey ? 'nearest' : 'lanczos3' });
  const { data, info } = grey
    ? await pipeline.toColourspace('b-w').png().toBuffer({ resolveWithObject: true })
    : await pipeline.removeAlpha().jpeg({ quality: 70 }).toBuffer({ resolveWithObject: true });
  return { uri: `data:image/${grey ? 'png' : 'jpeg'};base64,${data.toString('base64')}`, width: info.width, height: info.height };
}

/** Maps of the report's detectors by row key: detector id → absolute map file. */
function mapFiles(model: ReportModel, metadataSha256: string): Map<string, Array<{ detector: string; file: string }>> {
  const out = new Map<string, Array<{ detector: string; file: string }>>();
  for (const d of model.detectors) {
    if (d.run.manifest.dataset.metadataSha256 !== metadataSha256) continue;
    for (const p of d.run.predictions) {
      if (p.detector !== d.name || !p.mapPath) continue;
      out.set(p.key, [...(out.get(p.key) ?? []), { detector: d.id, file: join(d.run.dir, p.mapPath) }]);
    }
  }
  return out;
}

/** Up to `perSlice` edited rows with a mask and a map, one per group, for every slice of the pixel families. */
function chooseRows(model: ReportModel, dataset: Dataset, maps: ReadonlyMap<string, unknown>, perSlice: number): Array<{ row: DatasetRow; slice: string; group: string }> {
  const eligible = dataset.rows.filter((r) => r.label === 'fake' && r.maskPath && maps.has(r.key));
  const chosen: Array<{ row: DatasetRow; slice: string; group: string }> = [];
  for (const family of model.pixelFamilies) {
    for (const group of family.groups.slice(0, perSlice)) {
      const row = eligible.find((r) => r.columns[family.slice] === group);
      if (row) chosen.push({ row, slice: family.slice, group });
    }
  }
  if (chosen.length === 0 && eligible[0]) chosen.push({ row: eligible[0], slice: 'overall', group: 'all' });
  return chosen;
}

export async function buildOverlays(model: ReportModel, options: OverlayOptions = {}): Promise<OverlaysResult> {
  const result: OverlaysResult = { overlays: [], notes: [] };
  const budget = options.budgetBytes ?? DEFAULT_OVERLAY_BUDGET;
  const size = options.size ?? 96;
  const run = model.runs.find((r) => r.predictions.some((p) => p.mapPath));
  if (!run || budget <= 0) return result;
  let dataset: Dataset;
  try {
    dataset = await loadDataset(run.manifest.dataset.root, { lazyPaths: false });
  } catch (error) {
    result.notes.push(`localisation overlays left out: the dataset ${run.manifest.dataset.root} cannot be read (${(error as Error).message.split('\n')[0]})`);
    return result;
  }
  const maps = mapFiles(model, dataset.metadataSha256);
  let bytes = 0;
  let skipped = 0;
  for (const { row, slice, group } of chooseRows(model, dataset, maps, options.rowsPerSlice ?? 3)) {
    try {
      const image = await thumb(await realPathInside(dataset.root, row.path), size, false);
      const mask = await thumb(await realPathInside(dataset.root, row.maskPath as string), size, true);
      const mapped = await Promise.all((maps.get(row.key) ?? []).map(async (m) => ({ detector: m.detector, dataUri: (await thumb(m.file, size, true)).uri })));
      const cost = image.uri.length + mask.uri.length + mapped.reduce((a, m) => a + m.dataUri.length, 0);
      if (bytes + cost > budget) {
        skipped++;
        continue;
      }
      bytes += cost;
      result.overlays.push({ key: row.key, slice, group, width: image.width, height: image.height, image: image.uri, mask: mask.uri, maps: mapped });
    } catch (error) {
      result.notes.push(`overlay of ${row.key} left out: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  if (skipped) result.notes.push(`${skipped} localisation overlay(s) left out to keep the thumbnails within their budget (raise it with --thumbnail-budget)`);
  return result;
}
