import { Flags } from '@oclif/core';
import { BLIND_CHANNELS, DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES, DEFAULT_THRESHOLD } from '@semibench/harness';
import { storeFlag } from './store.js';

/** The flags of `semibench eval`, in the order its --help lists them. */
export const evalFlags = {
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
