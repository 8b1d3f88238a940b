/**
 * Example images of the easiest and hardest slices, as small JPEG thumbnails embedded in the
 * report (data: URIs), within a byte budget so that a report stays small enough to mail.
 *
 * A slice's difficulty is its detection rate (recall on fakes) averaged over the detectors that
 * scored it. Within the hardest slices the images most detectors missed are shown (lowest mean
 * score); within the easiest, the ones they were surest of.
 */
import sharp from 'sharp';
import { loadDataset, realPathInside, type Dataset, type DatasetRow } from '../../dataset.js';
import type { PredictionRecord } from '../../run/types.js';
import type { ReportModel } from './model.js';
import { isFake } from '../../scoring/defaults.js';

export interface ExampleScore {
  detector: string;
  score: number;
  prediction: 0 | 1;
}

export interface ExampleImage {
  key: string;
  imageId: string;
  dataUri: string;
  width: number;
  height: number;
  scores: ExampleScore[];
}

export interface ExampleSlice {
  kind: 'easiest' | 'hardest';
  slice: string;
  title: string;
  group: string;
  /** Mean detection rate over detectors. */
  meanValue: number;
  n: number;
  images: ExampleImage[];
}

export interface ExamplesResult {
  slices: ExampleSlice[];
  notes: string[];
  /** Bytes of embedded thumbnails (as base64 text). */
  bytes: number;
}

export interface ExamplesOptions {
  /** Largest total size of the embedded thumbnails, in bytes of base64 text (default 400 kB). */
  budgetBytes?: number;
  /** Longest side of a thumbnail in pixels (default 160). */
  size?: number;
  /** JPEG quality (default 70). */
  quality?: number;
  /** Slices shown per kind (default 2) and images per slice (default 4). */
  slicesPerKind?: number;
  imagesPerSlice?: number;
}

export const DEFAULT_THUMBNAIL_BUDGET = 400_000;

interface Cell {
  slice: string;
  title: string;
  group: string;
  mean: number;
  n: number;
}

/** Fakes-only cells (detection rate) ranked from hardest to easiest, preferring cells big enough to trust. */
function rankedCells(model: ReportModel): Cell[] {
  const cells: Cell[] = [];
  for (const family of model.families) {
    // A family with one group (e.g. every fake made by one method) says nothing about difficulty.
    if (family.metric !== 'recall_fake' || family.groups.length < 2) continue;
    for (const group of family.groups) {
      const values = family.points.filter((p) => p.group === group).map((p) => p.value);
      if (values.length === 0) continue;
      cells.push({ slice: family.slice, title: family.title, group, mean: values.reduce((a, b) => a + b, 0) / values.length, n: family.groupN[group] ?? 0 });
    }
  }
  // Tiny cells are easy or hard by chance; use them only when nothing bigger exists.
  for (const floor of [model.minN, 5, 1]) {
    const big = cells.filter((c) => c.n >= floor);
    if (big.length >= 2) return big.sort((a, b) => a.mean - b.mean || b.n - a.n || (a.slice + a.group < b.slice + b.group ? -1 : 1));
  }
  return cells.sort((a, b) => a.mean - b.mean);
}

function meanScore(scores: readonly ExampleScore[]): number {
  // A hard prediction (no score) counts as 0 or 1.
  const values = scores.map((s) => (Number.isFinite(s.score) ? s.score : s.prediction));
  return values.reduce((a, b) => a + b, 0) / values.length;
}

async function thumbnail(dataset: Dataset, row: DatasetRow, size: number, quality: number): Promise<{ dataUri: string; width: number; height: number }> {
  // Never embed a file from outside the dataset (a symlink could point anywhere).
  const file = await realPathInside(dataset.root, row.path);
  const { data, info } = await sharp(file, { failOn: 'error' })
    .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
    .removeAlpha()
    .jpeg({ quality, mozjpeg: true })
    .toBuffer({ resolveWithObject: true });
  return { dataUri: `data:image/jpeg;base64,${data.toString('base64')}`, width: info.width, height: info.height };
}

async function firstReachableDataset(model: ReportModel, notes: string[]): Promise<{ dataset: Dataset; predictions: Array<PredictionRecord & { prediction: 0 | 1 }> } | undefined> {
  for (const run of model.runs) {
    const { root, metadataSha256 } = run.manifest.dataset;
    let dataset: Dataset;
    try {
      dataset = await loadDataset(root, { lazyPaths: false });
    } catch (error) {
      notes.push(`example images of run ${run.name} left out: its dataset ${root} cannot be read (${(error as Error).message.split('\n')[0]})`);
      continue;
    }
    if (dataset.metadataSha256 !== metadataSha256) {
      notes.push(`example images of run ${run.name} left out: ${dataset.metadataPath} changed since the run (sha256 differs from the manifest)`);
      continue;
    }
    // Predictions of every run on this same dataset, under report detector ids.
    const sameData = model.detectors.filter((d) => d.run.manifest.dataset.metadataSha256 === metadataSha256);
    const predictions = sameData.flatMap((d) => d.run.predictions.filter((p) => p.detector === d.name).map((p) => ({ ...p, detector: d.id, prediction: isFake(p.score, d.run.manifest.scoring.threshold) ? (1 as const) : (0 as const) })));
    return { dataset, predictions };
  }
  return undefined;
}

export async function buildExamples(model: ReportModel, options: ExamplesOptions = {}): Promise<ExamplesResult> {
  const budget = options.budgetBytes ?? DEFAULT_THUMBNAIL_BUDGET;
  const size = options.size ?? 160;
  const quality = options.quality ?? 70;
  const perKind = options.slicesPerKind ?? 2;
  const perSlice = options.imagesPerSlice ?? 4;
  const notes: string[] = [];
  const result: ExamplesResult = { slices: [], notes, bytes: 0 };
  if (budget <= 0) return result;

  const ranked = rankedCells(model);
  if (ranked.length === 0) return result;
  const hardest = ranked.slice(0, Math.min(perKind, Math.ceil(ranked.length / 2)));
  const easiest = ranked
    .slice(hardest.length)
    .reverse()
    .slice(0, perKind);
  const source = await firstReachableDataset(model, notes);
  if (!source) return result;
  const { dataset, predictions } = source;
  const byKey = new Map<string, ExampleScore[]>();
  for (const p of predictions) byKey.set(p.key, [...(byKey.get(p.key) ?? []), { detector: p.detector, score: p.score, prediction: p.prediction }]);

  let skipped = 0;
  let unreadable = 0;
  for (const [kind, cells] of [['hardest', hardest], ['easiest', easiest]] as const) {
    for (const cell of cells) {
      const candidates = dataset.rows
        .filter((r) => r.label === 'fake' && r.columns[cell.slice] === cell.group && byKey.has(r.key))
        .map((row) => ({ row, scores: byKey.get(row.key)!, mean: meanScore(byKey.get(row.key)!) }))
        .sort((a, b) => (kind === 'hardest' ? a.mean - b.mean : b.mean - a.mean) || a.row.index - b.row.index);
      const slice: ExampleSlice = { kind, slice: cell.slice, title: cell.title, group: cell.group, meanValue: cell.mean, n: cell.n, images: [] };
      for (const { row, scores } of candidates) {
        if (slice.images.length >= perSlice) break;
        let thumb;
        try {
          thumb = await thumbnail(dataset, row, size, quality);
        } catch {
          unreadable++;
          continue;
        }
        if (result.bytes + thumb.dataUri.length > budget) {
          skipped++;
          continue;
        }
        result.bytes += thumb.dataUri.length;
        slice.images.push({ key: row.key, imageId: row.id, ...thumb, scores });
      }
      if (slice.images.length) result.slices.push(slice);
    }
  }
  if (unreadable) notes.push(`${unreadable} example image(s) could not be read from ${dataset.root} and were left out`);
  if (skipped) notes.push(`${skipped} example image(s) left out to keep the thumbnails under ${Math.round(budget / 1000)} kB (raise it with --thumbnail-budget)`);
  return result;
}
