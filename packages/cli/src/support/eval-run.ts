/**
 * The command-line side of `semibench eval`: turns its parsed flags and merged settings into
 * `evaluate()` options, and prints the result. The settings themselves (flags over the config
 * file, --option targeting) are merged by the harness (`evalSettings`).
 */
import { join, resolve } from 'node:path';
import type { Command, Interfaces } from '@oclif/core';
import {
  blindSummary,
  createHubProgressPrinter,
  datasetRowSelector,
  formatScoreSummary,
  formatShard,
  parseReencode,
  parseUnblind,
  resolveDatasetSource,
  writeHtmlReport,
  type EvalSettings,
  type EvaluateOptions,
  type EvaluateResult,
  type PredictionStore,
  type RunProgress,
  type Shard,
} from '@semibench/harness';
import type { evalFlags } from '../flags/eval.js';
import { pluginLoader } from './builtins.js';
import { cacheDir, redactedArgv, stderrLogger } from './output.js';
import { defaultDatasetPath } from './paths.js';

export type EvalFlagValues = Interfaces.InferredFlags<typeof evalFlags>;

/** What an eval run needs besides its flags and settings. */
export interface EvalRunContext {
  cwd: string;
  /** The run directory, absolute. */
  out: string;
  /** Where plugin paths and packages are looked up: the config file's directory, else `cwd`. */
  pluginDir: string;
  store: PredictionStore | undefined;
  shard: Shard | undefined;
  onProgress: (progress: RunProgress) => void;
  /** The command's own arguments (after `eval`), recorded redacted in the manifest. */
  argv: readonly string[];
}

/**
 * Resolves the dataset (an hf: spec is downloaded, only the selected rows' files) and returns the
 * options of `evaluate()`.
 */
export async function evaluateOptions(flags: EvalFlagValues, settings: EvalSettings, context: EvalRunContext): Promise<EvaluateOptions> {
  const { selection } = settings;
  const quiet = flags.quiet || flags.json;
  const source = await resolveDatasetSource(settings.dataset ?? defaultDatasetPath(), {
    cwd: context.cwd,
    ...(flags.offline ? { offline: true } : {}),
    ...(selection ? { selection } : {}),
    ...(quiet ? {} : { onProgress: createHubProgressPrinter(process.stderr) }),
  });
  const { store, shard } = context;
  return {
    dataset: source.path,
    ...(source.provenance ? { datasetProvenance: source.provenance } : {}),
    // A hub source already holds only the selected rows; a local dataset is selected here.
    ...(selection && !source.hub ? { selectRows: datasetRowSelector(selection) } : {}),
    detectors: settings.detectors,
    out: context.out,
    loader: pluginLoader(context.pluginDir),
    ...settings.scoring,
    resample: (flags.resample as 'cluster' | 'row' | undefined) ?? 'cluster',
    cacheDir: cacheDir(),
    logger: stderrLogger({ quiet }),
    timeoutMs: flags.timeout * 1000,
    ...(flags.isolation ? { isolation: flags.isolation } : {}),
    ...(flags['max-errors'] !== undefined ? { maxErrors: flags['max-errors'] } : {}),
    ...(store ? { cache: store, storePath: store.path } : {}),
    ...(flags.refresh ? { refresh: true } : {}),
    ...(shard ? { shard } : {}),
    ...(flags['max-pixels'] !== undefined ? { limitInputPixels: flags['max-pixels'] } : {}),
    ...(flags.perturb?.length ? { perturb: flags.perturb } : {}),
    onProgress: context.onProgress,
    command: redactedArgv(['semibench', 'eval', ...context.argv]),
    audit: flags.audit,
    blind: { unblind: parseUnblind(flags.unblind ?? []), ...(flags.reencode ? { reencode: parseReencode(flags.reencode) } : {}) },
  };
}

/** Prints what the run wrote: scores (or, for a shard, how to merge), blindness, counts and files. */
export function printEvalResult(command: Command, result: EvaluateResult, flags: Pick<EvalFlagValues, 'json'>, shard: Shard | undefined): void {
  if (flags.json) {
    const { outDir, manifest, summary, scores, shortcuts } = result;
    command.log(JSON.stringify({ outDir, status: manifest.status, counts: summary, scores, blind: manifest.blind, shortcuts }, null, 2));
    return;
  }
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const errors = total(result.summary.errors);
  if (shard) {
    command.log(`Shard ${formatShard(shard)}: ${result.manifest.shard?.rows ?? 0} of ${result.manifest.dataset.selectedRows} rows. Scores come from the merged run:`);
    command.log(`  semibench merge <the ${shard.count} shard directories> --out DIR`);
  } else command.log(formatScoreSummary(result.scores, result.manifest.scoring.resamples > 0 ? { confidence: result.manifest.scoring.confidence } : {}));
  command.log(['', ...blindSummary(result.manifest, result.shortcuts)].join('\n'));
  command.log('');
  command.log(`${total(result.summary.predicted)} predicted, ${total(result.summary.cached)} recalled (prediction store or earlier run), ${errors} row error(s)`);
  command.log(`Wrote ${result.outDir}/{predictions.csv, ${shard ? '' : `scores.csv, scores.json, ${result.shortcuts.length ? 'audit.json, ' : ''}`}errors.csv, manifest.json}`);
  if (errors) command.warn(`${errors} image(s) could not be scored; see ${result.outDir}/errors.csv`);
}

/** `--report` / `--report-file`: the HTML report of a whole run (a shard has none: make it from the merged run). */
export async function writeEvalReport(command: Command, result: EvaluateResult, flags: Pick<EvalFlagValues, 'json' | 'report' | 'report-file'>, shard: Shard | undefined): Promise<void> {
  if (!flags.report && !flags['report-file']) return;
  if (shard) {
    command.warn('no HTML report for a shard: make it from the merged run (semibench report DIR)');
    return;
  }
  const report = await writeHtmlReport([result.outDir], resolve(flags['report-file'] ?? join(result.outDir, 'report.html')));
  if (!flags.json) command.log(`Wrote ${report.path} (${Math.round(report.bytes / 1000)} kB)`);
}
