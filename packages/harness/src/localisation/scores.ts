/**
 * Pixel metrics in scores.csv: per image values (pixel.ts) averaged over the images of a cell
 * (overall and every slice group), with percentile bootstrap intervals drawn exactly as the
 * image-level metrics draw theirs (the same multinomial cluster weights from (seed, resample), whole
 * source images with all their edits by default, rows with `resample: 'row'`).
 *
 * - `pixel_f1`, `pixel_iou`, `pixel_auc`, `pixel_f1_best`: edited rows that have a mask and a map
 *   (`pixel_auc` only where the mask is not constant);
 * - `pixel_fpr_real`: real rows with a map, the mean share of their pixels flagged.
 * Masks are ground truth for scoring only: they are read here, from the dataset, never handed to a
 * detector on their account. Detectors without maps get no pixel rows, so their scores.csv is unchanged.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RasterImage } from '../contract.js';
import type { DatasetRow } from '../dataset.js';
import type { PredictionRecord } from '../run/types.js';
import { drawWeights } from '../scoring/kernel.js';
import { PIXEL_METRIC_SPECS } from '../scoring/metrics.js';
import { percentileInterval } from '../scoring/engine.js';
import type { ResampleUnit, ScoreRecord } from '../scoring/types.js';
import type { PredictionFile } from '../scoring/io.js';
import { mapLimit } from '../util/concurrency.js';
import type { Dataset } from '../dataset.js';
import { decodeGrey } from '../util/images.js';
import { decodeMap } from './maps.js';
import { flaggedShare, pixelScores } from './pixel.js';

// The metrics are specified (names, labels, direction, order) in the metric table, scoring/metrics.ts.
const PIXEL_METRICS = PIXEL_METRIC_SPECS;
const M = PIXEL_METRICS.length;

export interface PixelScoringSettings {
  seed: number;
  resamples: number;
  resample: ResampleUnit;
  confidence: number;
  slices: readonly string[];
}

/** One image's pixel values, NaN where a metric does not apply to it. */
interface ImageValues {
  row: DatasetRow;
  values: Float64Array;
}

async function imageValues(outDir: string, record: PredictionRecord, row: DatasetRow, masks: Map<string, Promise<RasterImage | undefined>>): Promise<ImageValues | undefined> {
  const values = new Float64Array(M).fill(Number.NaN);
  if (!record.mapPath) return undefined;
  const mask = row.label === 'fake' ? await groundTruth(row, masks) : undefined;
  // No ground truth for this edit (see groundTruth): not scored.
  if (row.label === 'fake' && !mask) return undefined;
  const map = await decodeMap(join(outDir, record.mapPath), `${record.mapPath} (${record.detector}, ${row.key})`);
  if (!mask) {
    values[4] = flaggedShare(map);
    return { row, values };
  }
  const s = pixelScores(map, mask);
  values.set([s.f1, s.iou, s.auc, s.f1Best]);
  return { row, values };
}

/**
 * The decoded mask of an edit, each file once; undefined when the metadata names none or its file
 * is not there (an hf: dataset materialises the images detectors need and fetches masks only when
 * asked for). A mask that is there but unreadable is an error naming the row.
 */
function groundTruth(row: DatasetRow, masks: Map<string, Promise<RasterImage | undefined>>): Promise<RasterImage | undefined> {
  const maskPath = row.maskPath;
  if (!maskPath) return Promise.resolve(undefined);
  let mask = masks.get(maskPath);
  if (!mask) {
    mask = readFile(maskPath).then(
      (bytes) => decodeGrey(bytes),
      (e: unknown) => {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      },
    );
    mask = mask.catch((e: unknown) => {
      throw new Error(`pixel metrics: cannot read the mask ${maskPath} of ${row.key} (metadata line ${row.line}): ${(e as Error).message}`);
    });
    masks.set(maskPath, mask);
  }
  return mask;
}

/** Cells: overall, then each slice's groups sorted by code unit (the engine's order); each lists its images. */
function cells(images: readonly ImageValues[], slices: readonly string[]): Array<{ slice: string; group: string; members: number[] }> {
  const out = [{ slice: 'overall', group: 'all', members: images.map((_, i) => i) }];
  for (const slice of slices) {
    const groups = new Map<string, number[]>();
    images.forEach((im, i) => {
      const g = im.row.columns[slice] ?? '';
      if (g === '') return;
      let list = groups.get(g);
      if (!list) groups.set(g, (list = []));
      list.push(i);
    });
    for (const g of [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out.push({ slice, group: g, members: groups.get(g) as number[] });
  }
  return out;
}

/** Mean of metric m over `members`, each image weighted by its cluster's weight (1 each for the point estimate). */
function weightedMean(images: readonly ImageValues[], members: readonly number[], m: number, weight: (i: number) => number): { mean: number; n: number } {
  let sum = 0;
  let total = 0;
  let n = 0;
  for (const i of members) {
    const v = (images[i] as ImageValues).values[m] as number;
    if (Number.isNaN(v)) continue;
    n++;
    const w = weight(i);
    sum += w * v;
    total += w;
  }
  return { mean: total === 0 ? Number.NaN : sum / total, n };
}

/** Pixel score records of one detector from its images' values. */
function detectorRecords(detector: string, images: readonly ImageValues[], settings: PixelScoringSettings): ScoreRecord[] {
  const unitOf = (im: ImageValues): string => (settings.resample === 'row' ? im.row.key : im.row.id);
  const clusterIndex = new Map<string, number>();
  const clusterOf = Int32Array.from(images, (im) => {
    const u = unitOf(im);
    let c = clusterIndex.get(u);
    if (c === undefined) clusterIndex.set(u, (c = clusterIndex.size));
    return c;
  });
  const clusterRows = new Int32Array(clusterIndex.size);
  for (const c of clusterOf) clusterRows[c]!++;
  const table = cells(images, settings.slices);
  const { resamples } = settings;
  const replicates = new Float64Array(table.length * M * resamples);
  const weights = new Uint16Array(clusterIndex.size);
  for (let b = 0; b < resamples; b++) {
    drawWeights(settings.seed, b, clusterRows, weights);
    table.forEach((cell, k) => {
      for (let m = 0; m < M; m++) replicates[(k * M + m) * resamples + b] = weightedMean(images, cell.members, m, (i) => weights[clusterOf[i]!]!).mean;
    });
  }
  const records: ScoreRecord[] = [];
  table.forEach((cell, k) => {
    for (let m = 0; m < M; m++) {
      const { mean, n } = weightedMean(images, cell.members, m, () => 1);
      if (n === 0) continue;
      const ci = percentileInterval(replicates, (k * M + m) * resamples, resamples, settings.confidence);
      records.push({ detector, slice: cell.slice, group: cell.group, metric: PIXEL_METRICS[m]!.name, n, value: mean, ci_low: ci ? ci[0] : null, ci_high: ci ? ci[1] : null });
    }
  });
  return records;
}

/**
 * Pixel metric records of every detector that returned maps, for predictions in canonical order
 * (the maps are read from `outDir`, the masks from the rows' mask paths).
 */
export async function scorePixels(
  outDir: string,
  detectorNames: readonly string[],
  predictions: readonly PredictionRecord[],
  rows: readonly DatasetRow[],
  settings: PixelScoringSettings,
): Promise<ScoreRecord[]> {
  const withMaps = predictions.filter((p) => p.mapPath);
  if (withMaps.length === 0) return [];
  const rowOf = new Map(rows.map((r) => [r.key, r]));
  const masks = new Map<string, Promise<RasterImage | undefined>>();
  const out: ScoreRecord[] = [];
  for (const detector of detectorNames) {
    const own = withMaps.filter((p) => p.detector === detector && rowOf.has(p.key));
    const values = await mapLimit(own, 4, (p) => imageValues(outDir, p, rowOf.get(p.key) as DatasetRow, masks));
    const images = values.filter((v): v is ImageValues => v !== undefined);
    if (images.length) out.push(...detectorRecords(detector, images, settings));
  }
  return out;
}

/**
 * Pixel records placed among the image-level ones: each after the last record of its detector,
 * slice and group, so a cell's metrics stay together; records of cells the image-level scores do
 * not have go after their detector's block.
 */
export function withPixelRecords(base: readonly ScoreRecord[], pixel: readonly ScoreRecord[]): ScoreRecord[] {
  if (pixel.length === 0) return [...base];
  const cellKey = (r: ScoreRecord): string => `${r.detector}\u0000${r.slice}\u0000${r.group}`;
  const pending = new Map<string, ScoreRecord[]>();
  for (const r of pixel) {
    const list = pending.get(cellKey(r));
    if (list) list.push(r);
    else pending.set(cellKey(r), [r]);
  }
  const lastOfCell = new Map<string, number>();
  const lastOfDetector = new Map<string, number>();
  base.forEach((r, i) => {
    lastOfCell.set(cellKey(r), i);
    lastOfDetector.set(r.detector, i);
  });
  const out: ScoreRecord[] = [];
  const orphans = new Map<string, ScoreRecord[]>();
  for (const [key, list] of pending) {
    if (lastOfCell.has(key)) continue;
    const d = (list[0] as ScoreRecord).detector;
    orphans.set(d, [...(orphans.get(d) ?? []), ...list]);
  }
  base.forEach((r, i) => {
    out.push(r);
    const key = cellKey(r);
    if (lastOfCell.get(key) === i) out.push(...(pending.get(key) ?? []));
    if (lastOfDetector.get(r.detector) === i) out.push(...(orphans.get(r.detector) ?? []));
  });
  for (const [d, list] of orphans) if (!lastOfDetector.has(d)) out.push(...list);
  return out;
}

/**
 * Pixel metrics of prediction files (`score`, `tables`): semibench predictions.csv rows with a
 * `map_path`, read relative to the file's directory (its run directory), scored against the dataset's masks.
 */
export async function scorePixelFiles(files: readonly PredictionFile[], dataset: Dataset, settings: PixelScoringSettings): Promise<ScoreRecord[]> {
  const out: ScoreRecord[] = [];
  for (const file of files) {
    const mapped = file.rows.filter((r) => (r.columns.map_path ?? '') !== '' && r.label !== undefined);
    if (mapped.length === 0) continue;
    const predictions: PredictionRecord[] = mapped.map((r) => ({ detector: r.detector, key: r.key, id: r.id, label: r.label as 'real' | 'fake', score: r.score, cached: true, mapPath: r.columns.map_path as string }));
    out.push(...(await scorePixels(dirname(file.path), [...new Set(predictions.map((p) => p.detector))], predictions, dataset.rows, settings)));
  }
  return out;
}
