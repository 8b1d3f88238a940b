import { join, resolve } from 'node:path';
import { Command, Flags } from '@oclif/core';
import {
  BLIND_CHANNELS,
  blindSummary,
  PredictionStore,
  parseReencode,
  parseUnblind,
  createHubProgressPrinter,
  evaluate,
  resolveDatasetSource,
  selectRows,
  formatScoreSummary,
  formatShard,
  resolveShard,
  loadConfig,
  detectorRequests,
  mergeScoringSettings,
  type DetectorRequest,
  type OptionValue,
  writeHtmlReport,
  DEFAULT_CONFIDENCE,
  DEFAULT_RESAMPLES,
  DEFAULT_THRESHOLD,
} from '@semibench/harness';
import { pluginLoader } from '../support/builtins.js';
import { cacheDir, progressReporter, redactedArgv, stderrLogger } from '../support/output.js';
import { defaultDatasetPath, timestampDir } from '../support/paths.js';
import { storeFlag, storePath } from '../support/store.js';

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

  static override flags = {
    detector: Flags.string({ char: 'd', multiple: true, summary: 'Detector to score: built-in name, path, or npm package. Repeat for several; NAME=SPEC sets the name shown in reports.' }),
    dataset: Flags.string({
      summary: 'Dataset: a directory with metadata.csv (eval-set layout), or hf:OWNER/NAME[@REVISION] on the Hugging Face hub.',
      description:
        'Defaults to the bundled fixtures/semi-truths-mini. hf: datasets (e.g. hf:semi-truths/Semi-Truths-Evalset) are downloaded to the Hugging Face cache (HF_HUB_CACHE / HF_HOME), only the archives holding the selected rows; HF_ENDPOINT and HF_TOKEN are honoured, HF_HUB_OFFLINE=1 or --offline works from the cache. See docs/datasets.md.',
    }),
    limit: Flags.integer({ summary: 'Score only the first N rows of the metadata.' }),
    sample: Flags.integer({ summary: 'Score a seeded random sample of N rows (proportional per --stratify group).', exclusive: ['limit'] }),
    stratify: Flags.string({ multiple: true, summary: 'Column(s) whose values define the strata of --sample (e.g. method, model).', dependsOn: ['sample'] }),
    offline: Flags.boolean({ summary: 'Use only the local Hugging Face cache (like HF_HUB_OFFLINE=1).' }),
    out: Flags.string({ char: 'o', summary: 'Run directory to write (default runs/<timestamp>).' }),
    bootstrap: Flags.integer({ summary: `Bootstrap resamples per interval (default ${DEFAULT_RESAMPLES}; 0 = point estimates only).` }),
    resample: Flags.string({ summary: 'What the bootstrap resamples: source images with all their edits (cluster, default) or single rows.', options: ['cluster', 'row'] }),
    seed: Flags.integer({ summary: 'Seed of every random draw: bootstrap, crops, sampling (default 0).' }),
    threshold: Flags.string({ summary: `Score at or above which an image is called fake (default ${DEFAULT_THRESHOLD}).` }),
    confidence: Flags.string({ summary: `Confidence level of the intervals (default ${DEFAULT_CONFIDENCE}).` }),
    slice: Flags.string({ multiple: true, summary: 'Slice column to score by (repeatable). Default: every known slice column in the metadata.' }),
    option: Flags.string({ multiple: true, summary: 'Detector option key=value (JSON values allowed); NAME.key=value targets one detector.' }),
    config: Flags.string({ summary: 'Config file (default: semibench.config.* / .semibenchrc* / package.json#semibench found from the current directory).' }),
    'batch-size': Flags.integer({ summary: "Items per predict() call (default: the detector's own preference, else 16)." }),
    timeout: Flags.integer({ summary: 'Seconds one predict() call may take before the detector is stopped (0 = no limit).', default: 0 }),
    isolation: Flags.string({
      summary: 'Where path and package detector plugins run: worker (own thread, a hang, exit or crash fails only that detector; default) or none (in-process, for debugging). See docs/security.md.',
      options: ['worker', 'none'],
      env: 'SEMIBENCH_ISOLATION',
    }),
    'max-errors': Flags.integer({ summary: 'Fail the run when more than this many images cannot be scored (default: never fail on per-image errors).' }),
    json: Flags.boolean({ summary: 'Print the scores as JSON on stdout instead of the text summary.' }),
    quiet: Flags.boolean({ char: 'q', summary: 'No progress output.' }),
    store: storeFlag,
    'no-store': Flags.boolean({ summary: 'Neither recall nor record predictions in the prediction store (the run directory still resumes).' }),
    refresh: Flags.boolean({ summary: 'Predict every row again (nothing recalled); the new scores replace the stored ones.' }),
    shard: Flags.string({
      summary: 'Score only shard I of N (0-based I/N), or `auto` to take it from a Kubernetes Indexed Job or a Slurm job array.',
      description: 'Rows are assigned by a hash of their image_path, so every machine computes the same split. Combine the shard directories with `semibench merge`. See docs/scale-out.md.',
    }),
    'shard-count': Flags.integer({ summary: 'Number of shards for --shard auto under Kubernetes (the Job\'s completions); also SEMIBENCH_SHARD_COUNT.' }),
    perturb: Flags.string({
      multiple: true,
      summary: 'Robustness sweep (repeatable): also score every detector on perturbed images — none, jpeg:Q, blur:SIGMA, resize:SCALE, crop:FRACTION, noise:SIGMA (Pillow semantics; made once, cached). Adds a perturbation column and robustness.csv (paired deltas vs none).',
    }),
    'max-pixels': Flags.integer({ summary: 'Images with more pixels are not decoded (decompression bombs); they are listed in errors.csv. Default 268435456 (16384²).' }),
    unblind: Flags.string({
      multiple: true,
      options: [...BLIND_CHANNELS],
      summary: 'Open a side channel to detectors (repeatable): path, columns, mask or order. Default: blind.',
      description:
        'Blind by default, a detector sees only pixels: a content-hash-named copy of each image, no mask, only passable columns filled on every row, rows in a seeded shuffled order. Each --unblind opens one channel; the run is then marked "not blind" in the manifest, summary, report and tables (docs/blind.md).',
    }),
    reencode: Flags.string({
      summary: 'Decode and re-encode every image identically before detectors see it: png, jpeg:QUALITY or webp:QUALITY.',
      description: 'Removes container and encoder differences between real and edited images (e.g. JPEG reals vs PNG edits). Cached per image and setting; part of the prediction-store key. Compare with a run without it: semibench diff RUN_A RUN_B.',
    }),
    audit: Flags.boolean({ allowNo: true, default: true, summary: "Audit the dataset's shortcut features (semibench audit) into OUT/audit.json and show the flagged ones next to the scores." }),
    report: Flags.boolean({ summary: 'Also write a self-contained HTML report, OUT/report.html (same as `semibench report OUT`).' }),
    'report-file': Flags.string({ summary: 'Write the HTML report here instead (implies --report).' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Eval);
    const cwd = process.cwd();
    const loaded = await loadConfig(cwd, flags.config);
    const config = loaded?.config ?? {};
    const loader = pluginLoader(loaded?.dir ?? cwd);

    let requests: DetectorRequest[];
    try {
      // Command-line detectors win over the config's; `--option` applies to all, or to NAME.key.
      requests = detectorRequests(flags.detector ?? [], config.detectors ?? [], flags.option ?? [], flags['batch-size']);
    } catch (error) {
      this.error((error as Error).message);
    }
    const out = resolve(flags.out ?? config.out ?? timestampDir('runs'));
    const shard = flags.shard ? resolveShard(flags.shard, process.env, flags['shard-count']) : undefined;
    const store = flags['no-store'] ? undefined : PredictionStore.open(storePath(flags.store));
    const progress = progressReporter(shard ? `eval shard ${formatShard(shard)}` : 'eval', !flags.quiet && !flags.json);
    const settings = mergeScoringSettings(flags, config);
    const seed = settings.seed;
    const selection = flags.limit !== undefined || flags.sample !== undefined
      ? { seed, ...(flags.limit !== undefined ? { limit: flags.limit } : {}), ...(flags.sample !== undefined ? { sample: flags.sample } : {}), ...(flags.stratify?.length ? { stratify: flags.stratify } : {}) }
      : undefined;
    try {
      // hf: specs are downloaded (only the selected rows' files); local paths pass through.
      const source = await resolveDatasetSource(flags.dataset ?? config.dataset ?? defaultDatasetPath(), {
        cwd,
        ...(flags.offline ? { offline: true } : {}),
        ...(selection ? { selection } : {}),
        ...(flags.quiet || flags.json ? {} : { onProgress: createHubProgressPrinter(process.stderr) }),
      });
      const result = await evaluate({
        dataset: source.path,
        ...(source.provenance ? { datasetProvenance: source.provenance } : {}),
        // A hub source already holds only the selected rows; a local dataset is selected here.
        ...(selection && !source.hub
          ? {
              selectRows: (rows) => {
                const picked = selectRows(rows, selection, (r, c) => r.columns[c]);
                return { rows: picked.rows, description: picked.selection as unknown as Record<string, OptionValue> };
              },
            }
          : {}),
        detectors: requests,
        out,
        loader,
        ...settings,
        resample: (flags.resample as 'cluster' | 'row' | undefined) ?? 'cluster',
        cacheDir: cacheDir(),
        logger: stderrLogger({ quiet: flags.quiet || flags.json }),
        timeoutMs: flags.timeout * 1000,
        ...(flags.isolation ? { isolation: flags.isolation } : {}),
        ...(flags['max-errors'] !== undefined ? { maxErrors: flags['max-errors'] } : {}),
        ...(store ? { cache: store, storePath: store.path } : {}),
        ...(flags.refresh ? { refresh: true } : {}),
        ...(shard ? { shard } : {}),
        ...(flags['max-pixels'] !== undefined ? { limitInputPixels: flags['max-pixels'] } : {}),
        ...(flags.perturb?.length ? { perturb: flags.perturb } : {}),
        onProgress: progress.update,
        command: redactedArgv(['semibench', 'eval', ...this.argv]),
        audit: flags.audit,
        blind: { unblind: parseUnblind(flags.unblind ?? []), ...(flags.reencode ? { reencode: parseReencode(flags.reencode) } : {}) },
      });
      progress.stop();
      if (flags.json) {
        this.log(JSON.stringify({ outDir: result.outDir, status: result.manifest.status, counts: result.summary, scores: result.scores, blind: result.manifest.blind, shortcuts: result.shortcuts }, null, 2));
      } else {
        const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
        const errors = total(result.summary.errors);
        if (shard) {
          this.log(`Shard ${formatShard(shard)}: ${result.manifest.shard?.rows ?? 0} of ${result.manifest.dataset.selectedRows} rows. Scores come from the merged run:`);
          this.log(`  semibench merge <the ${shard.count} shard directories> --out DIR`);
        } else this.log(formatScoreSummary(result.scores, result.manifest.scoring.resamples > 0 ? { confidence: result.manifest.scoring.confidence } : {}));
        this.log(['', ...blindSummary(result.manifest, result.shortcuts)].join('\n'));
        this.log('');
        this.log(`${total(result.summary.predicted)} predicted, ${total(result.summary.cached)} recalled (prediction store or earlier run), ${errors} row error(s)`);
        this.log(`Wrote ${result.outDir}/{predictions.csv, ${shard ? '' : `scores.csv, scores.json, ${result.shortcuts.length ? 'audit.json, ' : ''}`}errors.csv, manifest.json}`);
        if (errors) this.warn(`${errors} image(s) could not be scored; see ${result.outDir}/errors.csv`);
      }
      if (shard && (flags.report || flags['report-file'])) this.warn('no HTML report for a shard: make it from the merged run (semibench report DIR)');
      else if (flags.report || flags['report-file']) {
        const report = await writeHtmlReport([result.outDir], resolve(flags['report-file'] ?? join(result.outDir, 'report.html')));
        if (!flags.json) this.log(`Wrote ${report.path} (${Math.round(report.bytes / 1000)} kB)`);
      }
      const failed = Object.entries(result.summary.failed);
      if (failed.length) this.error(failed.map(([name, why]) => `detector ${name} stopped: ${why}`).join('\n'), { exit: 3 });
    } finally {
      progress.stop();
      store?.close();
    }
  }
}
