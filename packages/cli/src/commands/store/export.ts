import { resolve } from 'node:path';
import { Args, Command, Flags } from '@oclif/core';
import { exportRaw, exportToDataset, loadDataset, resolveStoredDetector } from '@semibench/harness';
import { storeFlag } from '../../flags/store.js';
import { openStoreReadonly } from '../../support/store.js';

export default class StoreExport extends Command {
  static override summary = "Export a detector's stored predictions as a portable CSV.";

  static override description = `With --dataset, writes the detector's prediction for every row of that dataset as a
predictions.csv (image_id, image_path, detector, label, score, prediction, plus store_key and
input_key): a reviewer scores it with \`semibench score\` without the model. Rows whose image the
store has no prediction for are counted and left out.

Without --dataset, writes every stored prediction of the detector keyed by input (store_key,
input_key, score, created_at), to load into another store with \`semibench store import\`.

The detector (positional, or --detector) is a plugin name, NAME@VERSION or a full store key (see
\`semibench store info\`).`;

  static override examples = [
    '<%= config.bin %> store export noise-inconsistency --dataset ./my-dataset --out noise.predictions.csv',
    '<%= config.bin %> store export my-detector@1.2.0 --out my-detector.store.csv',
  ];

  static override args = {
    detector: Args.string({ description: 'Plugin name, NAME@VERSION or store key (or give it as --detector).' }),
  };

  static override flags = {
    store: storeFlag,
    detector: Flags.string({ char: 'd', summary: 'Plugin name, NAME@VERSION or store key (same as the positional argument).' }),
    dataset: Flags.string({ summary: 'Dataset directory whose rows to export (predictions.csv form).' }),
    out: Flags.string({ char: 'o', required: true, summary: 'File to write.' }),
    seed: Flags.integer({ summary: 'Seed of the runs (only matters for detectors with a seeded mask-aware crop).', default: 0 }),
    threshold: Flags.string({ summary: 'Threshold for the prediction column (default 0.5).' }),
    as: Flags.string({ summary: 'Value of the detector column (default: the plugin name).' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(StoreExport);
    if (args.detector && flags.detector && args.detector !== flags.detector) this.error(`two detectors given: "${args.detector}" and --detector "${flags.detector}"; give one`, { exit: 2 });
    const name = args.detector ?? flags.detector;
    if (!name) this.error('which detector? Give it as the argument: semibench store export NAME --out FILE (semibench store info lists them)', { exit: 2 });
    const store = openStoreReadonly(flags.store);
    try {
      const detector = resolveStoredDetector(store, name);
      const out = resolve(flags.out);
      if (!flags.dataset) {
        const n = await exportRaw(store, detector, out);
        this.log(`Wrote ${n} predictions of ${detector.storeKey} to ${out}`);
        return;
      }
      const dataset = await loadDataset(resolve(flags.dataset));
      const threshold = flags.threshold === undefined ? 0.5 : Number(flags.threshold);
      if (!(threshold >= 0 && threshold <= 1)) this.error(`--threshold must be in [0, 1], got ${flags.threshold}`);
      const counts = await exportToDataset(store, detector, dataset, out, { seed: flags.seed, threshold, ...(flags.as ? { name: flags.as } : {}) });
      this.log(`Wrote ${counts.exported} of ${counts.rows} rows of ${dataset.metadataPath} scored by ${detector.storeKey} to ${out}`);
      if (counts.missing) this.warn(`${counts.missing} row(s) have no stored prediction for this detector (never scored, or scored with another seed or mask)`);
      if (counts.unreadable) this.warn(`${counts.unreadable} row(s) could not be read, so their predictions could not be looked up`);
    } finally {
      store.close();
    }
  }
}
