import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command, Flags } from '@oclif/core';
import { blindNotesForPredictionFiles, computeTables, renderTables, type TableFormat } from '@semibench/harness';
import { parseConfidence, scoringFlags } from '../flags/scoring.js';
import { formatCounts, loadPredictionInputs } from '../support/predictions.js';

export default class Tables extends Command {
  static override summary = "Rebuild the paper's Table 3, Figures 5–7 and Table 4 from predictions, every cell with its interval.";

  static override description = `Scores the prediction files (as \`semibench score\` does) and renders Table 3 (overall precision and
recall per class and macro), Figure 5a (macro F1 per source dataset), 5b/5c (detection rate by scene
complexity/diversity), Figure 6 (by diffusion model and by method), Figure 7 (area ratio, DreamSim and
SSIM as plotted — quintile bins 1/3/5 — and as written — P25/P75 bins —, and semantic magnitude) and
Table 4 (directional semantic edits with the notebook's pair rule; the paper's hand-picked pairs are
marked). --compare paper lists every cell beside the notebook's and the paper's numbers with the
differences and the tolerance checks of the spec.`;

  static override examples = [
    '<%= config.bin %> tables --predictions runs/latest/predictions.csv --dataset fixtures/semi-truths-mini',
    '<%= config.bin %> tables -p preds/universalfakedetect_preds.csv -p preds/crossefficient_labels_and_preds.csv -p preds/defake_preds.csv --compare paper',
    '<%= config.bin %> tables -p predictions.csv --dataset DIR --format latex --out paper-tables',
  ];

  static override flags = {
    ...scoringFlags,
    format: Flags.string({ char: 'f', summary: 'Output format.', options: ['md', 'csv', 'latex'], default: 'md' }),
    compare: Flags.string({ summary: "Put reference numbers beside ours: 'paper' = the paper's and the notebook's (paper-reference.json).", options: ['paper'] }),
    out: Flags.string({ char: 'o', summary: 'Write tables.<md|csv|tex> (and scores.json) to this directory instead of printing.' }),
    json: Flags.boolean({ summary: 'Print the built tables (every cell with its interval and references), the row counts and the warnings as JSON on stdout.', default: false }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Tables);
    const confidence = parseConfidence(flags.confidence);
    const { files, dataset } = await loadPredictionInputs(flags);
    const result = await computeTables(files, dataset, {
      resamples: flags.bootstrap,
      seed: flags.seed,
      confidence,
      resample: flags.resample as 'cluster' | 'row',
      minN: flags['min-n'],
      compare: flags.compare === 'paper',
    });
    this.logToStderr(formatCounts(result.counts));
    for (const warning of result.built.warnings) this.logToStderr(`Warning: ${warning}`);
    if (flags.json) {
      const { tables, table4, warnings } = result.built;
      this.log(JSON.stringify({ counts: result.counts, warnings, tables, table4 }, null, 2));
      return;
    }
    const format = flags.format as TableFormat;
    const notBlind = await blindNotesForPredictionFiles(flags.predictions);
    const text = renderTables(result.built, format, confidence) + (notBlind.length && format === 'md' ? `\nNot blind: ${notBlind.join('; ')}\n` : '');
    for (const note of notBlind) this.logToStderr(note);
    this.logToStderr(formatCounts(result.counts));
    if (flags.out) {
      const out = resolve(flags.out);
      await mkdir(out, { recursive: true });
      const file = join(out, `tables.${format === 'latex' ? 'tex' : format}`);
      await writeFile(file, text);
      await writeFile(join(out, 'scores.json'), `${JSON.stringify(result.records, null, 2)}\n`);
      this.log(`Wrote ${file} and scores.json`);
    } else process.stdout.write(text);
  }
}
