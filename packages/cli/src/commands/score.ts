import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command, Flags } from '@oclif/core';
import {
  KNOWN_SLICE_COLUMNS,
  formatScoreSummary,
  joinPredictionColumns,
  loadDataset,
  readPredictionFile,
  scoreTable,
  scorePixelFiles,
  withPixelRecords,
  writeScores,
  type Dataset,
  type PredictionFile,
  type ScoredRowCounts,
  DEFAULT_CONFIDENCE,
  DEFAULT_MIN_N,
  DEFAULT_RESAMPLES,
} from '@semibench/harness';
import { timestampDir } from '../support/paths.js';

/** Flags shared by `score` and `tables`: where the predictions come from and how intervals are drawn. */
export const scoringFlags = {
  predictions: Flags.string({
    char: 'p',
    multiple: true,
    required: true,
    summary: 'Prediction file (repeatable): semibench predictions.csv, or a reference-code CSV (metadata + prediction, probability).',
  }),
  dataset: Flags.string({ summary: 'Dataset directory whose metadata.csv gives labels, clusters and slice columns (joined on image_path).' }),
  name: Flags.string({ summary: 'Detector name for a single reference-code file (default: from its file name, e.g. defake_preds.csv → De-Fake).' }),
  bootstrap: Flags.integer({ summary: 'Bootstrap resamples per interval (0 = none).', default: DEFAULT_RESAMPLES }),
  resample: Flags.string({ summary: 'What the bootstrap resamples: source images (cluster) or rows.', options: ['cluster', 'row'], default: 'cluster' }),
  seed: Flags.integer({ summary: 'Bootstrap seed.', default: 0 }),
  confidence: Flags.string({ summary: 'Confidence level of the intervals.', default: String(DEFAULT_CONFIDENCE) }),
  'min-n': Flags.integer({ summary: 'Cells with fewer rows are flagged as small.', default: DEFAULT_MIN_N }),
};

export async function loadPredictionInputs(flags: { predictions: string[]; dataset?: string | undefined; name?: string | undefined }): Promise<{ files: PredictionFile[]; dataset?: Dataset }> {
  if (flags.name && flags.predictions.length > 1) throw new Error('--name names a single prediction file; give one --predictions with it');
  const files = await Promise.all(flags.predictions.map((p) => readPredictionFile(resolve(p), flags.name ? { detector: flags.name } : {})));
  const dataset = flags.dataset ? await loadDataset(flags.dataset, { lazyPaths: true }) : undefined;
  return dataset ? { files, dataset } : { files };
}

export function parseConfidence(text: string): number {
  const c = Number(text);
  if (!(c > 0 && c < 1)) throw new Error(`--confidence must be between 0 and 1 (e.g. 0.95), got ${text}`);
  return c;
}

export function formatCounts(counts: readonly ScoredRowCounts[]): string {
  return counts
    .map((c) => `${c.detector}: ${c.scored} of ${c.rows} rows scored, ${c.missing} without a prediction (dropped)${c.unmatched ? `, ${c.unmatched} predictions not in the dataset (ignored)` : ''}`)
    .join('\n');
}

export default class Score extends Command {
  static override summary = 'Recompute every score from prediction files, without running any model.';

  static override description = `Reads semibench's own predictions.csv or the reference code's per-detector CSVs, joins them to a
dataset's metadata (or uses the metadata columns the files carry), drops rows without a prediction
per detector (counted, as the paper did) and scores every detector overall and per slice with
percentile bootstrap intervals. Writes scores.csv, scores.json and scored-rows.json (rows, scored,
missing and unmatched per detector) to --out.`;

  static override examples = [
    '<%= config.bin %> score --predictions runs/2024-06-01T12-00-00Z/predictions.csv --dataset fixtures/semi-truths-mini',
    '<%= config.bin %> score -p preds/universalfakedetect_preds.csv -p preds/defake_preds.csv --out runs/reference',
  ];

  static override flags = {
    ...scoringFlags,
    slice: Flags.string({ multiple: true, summary: 'Slice column (repeatable). Default: every known slice column present.' }),
    out: Flags.string({ char: 'o', summary: 'Directory to write (default runs/score/<timestamp>/).' }),
    json: Flags.boolean({ summary: 'Print the scores as JSON instead of the text summary.' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Score);
    const confidence = parseConfidence(flags.confidence);
    const { files, dataset } = await loadPredictionInputs(flags);
    const columns = dataset ? dataset.columns : files.flatMap((f) => f.columns);
    const present = (c: string): boolean => columns.includes(c);
    const slices = flags.slice?.length ? flags.slice : KNOWN_SLICE_COLUMNS.filter(present);
    for (const s of slices) if (!present(s)) this.error(`--slice ${s}: no such column in ${dataset ? dataset.metadataPath : flags.predictions.join(', ')}`);
    const { table, detectors, counts } = joinPredictionColumns(files, slices, dataset);
    const statistics = { slices, resamples: flags.bootstrap, seed: flags.seed, confidence, resample: flags.resample as 'cluster' | 'row' };
    const imageLevel = await scoreTable(table, detectors, { ...statistics, minN: flags['min-n'] });
    // Localisation maps named in semibench predictions.csv files (map_path) are scored against the dataset's masks.
    const records = dataset ? withPixelRecords(imageLevel, await scorePixelFiles(files, dataset, statistics)) : imageLevel;
    const out = resolve(flags.out ?? timestampDir(join('runs', 'score')));
    await writeScores(out, records);
    await writeFile(join(out, 'scored-rows.json'), `${JSON.stringify(counts, null, 2)}\n`);
    if (flags.json) this.log(JSON.stringify({ outDir: out, counts, scores: records }, null, 2));
    else {
      this.log(formatCounts(counts));
      this.log(formatScoreSummary(records, { confidence }));
      this.log(`Wrote ${join(out, 'scores.csv')}, scores.json and scored-rows.json`);
    }
  }
}
