import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command, Flags } from '@oclif/core';
import { KNOWN_SLICE_COLUMNS, formatScoreSummary, joinPredictionColumns, scoreTable, scorePixelFiles, withPixelRecords, writeScores } from '@semibench/harness';
import { parseConfidence, scoringFlags } from '../flags/scoring.js';
import { timestampDir } from '../support/paths.js';
import { formatCounts, loadPredictionInputs } from '../support/predictions.js';

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
