import { resolve } from 'node:path';
import { Command } from '@oclif/core';
import { evalSettings, evaluate, formatShard, loadConfig, PredictionStore, resolveShard, type EvalSettings } from '@semibench/harness';
import { evalFlags } from '../flags/eval.js';
import { evaluateOptions, printEvalResult, writeEvalReport } from '../support/eval-run.js';
import { progressReporter } from '../support/output.js';
import { timestampDir } from '../support/paths.js';
import { storePath } from '../support/store.js';

export default class Eval extends Command {
  static override summary = 'Score detectors on a dataset, per slice, with bootstrap confidence intervals.';

  static override description = `Runs every --detector over the dataset's images, then scores each detector overall and per slice
(source dataset, edit method, diffusion model, semantic magnitude, change-magnitude bins, scene
complexity/diversity, ...) with percentile bootstrap intervals that resample source images
(a real photo and all of its edits together).

A detector is a built-in name (see \`semibench plugins list\`), a path to a plugin file or
directory (./my-detector.mjs), or an installed npm package (foo finds semibench-plugin-foo).
The dataset is a directory with a metadata.csv in the Semi-Truths eval-set layout; by default the
bundled fixtures/semi-truths-mini (10 real photos + 18 classical edits) is used.

Writes to --out: predictions.csv (one row per image and detector, appended as they are made),
scores.csv and scores.json (detector, slice, group, metric, n, value, ci_low, ci_high),
errors.csv (rows that could not be scored, with the reason) and manifest.json (everything that
changes a score: plugin versions and sources, dataset hash, seed, resamples, threshold, ...).

Every prediction is also recorded in the prediction store (--store, default in the semibench cache
directory), keyed by the image's content and the detector's version, options and preprocessing:
later runs recall instead of predicting again. Started again with the same --out, an interrupted
run resumes where it stopped. --shard I/N (or auto under Kubernetes Indexed Jobs and Slurm job
arrays) scores a part of the rows; \`semibench merge\` combines the parts (docs/scale-out.md).`;

  static override examples = [
    '<%= config.bin %> eval --detector noise-inconsistency',
    '<%= config.bin %> eval --detector ./my-detector.mjs --dataset ./my-dataset --out runs/mine',
    '<%= config.bin %> eval --detector noise-inconsistency --detector ./other.mjs --slice model --slice sem_magnitude --bootstrap 2000',
    '<%= config.bin %> eval --detector zoo:univfd --option weights=./univfd.onnx',
  ];

  static override flags = evalFlags;

  async run(): Promise<void> {
    const { flags } = await this.parse(Eval);
    const cwd = process.cwd();
    const loaded = await loadConfig(cwd, flags.config);
    let settings: EvalSettings;
    try {
      // Command-line detectors win over the config's; `--option` applies to all, or to NAME.key.
      settings = evalSettings(flags, loaded?.config ?? {});
    } catch (error) {
      this.error((error as Error).message);
    }
    const out = resolve(settings.out ?? timestampDir('runs'));
    const shard = flags.shard ? resolveShard(flags.shard, process.env, flags['shard-count']) : undefined;
    const store = flags['no-store'] ? undefined : PredictionStore.open(storePath(flags.store));
    const progress = progressReporter(shard ? `eval shard ${formatShard(shard)}` : 'eval', !flags.quiet && !flags.json);
    try {
      const context = { cwd, out, pluginDir: loaded?.dir ?? cwd, store, shard, onProgress: progress.update, argv: this.argv };
      const result = await evaluate(await evaluateOptions(flags, settings, context));
      progress.stop();
      printEvalResult(this, result, flags, shard);
      await writeEvalReport(this, result, flags, shard);
      const failed = Object.entries(result.summary.failed);
      if (failed.length) this.error(failed.map(([name, why]) => `detector ${name} stopped: ${why}`).join('\n'), { exit: 3 });
    } finally {
      progress.stop();
      store?.close();
    }
  }
}
