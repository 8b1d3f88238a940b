/** The command-line side of `semibench generate`: parsed flags to `generate()` options, and the result as text. */
import { resolve } from 'node:path';
import type { Interfaces } from '@oclif/core';
import type { GenerateOptions, GeneratePluginRequests, GenerateResult, Logger } from '@semibench/harness';
import type { generateFlags } from '../flags/generate.js';
import { pluginLoader } from './builtins.js';
import { cacheDir, type ProgressReporter } from './output.js';
import { defaultGenerateInput } from './paths.js';

export type GenerateFlagValues = Interfaces.InferredFlags<typeof generateFlags>;

/** What a generate run needs besides its flags and plugins. */
export interface GenerateRunContext {
  /** The output dataset directory, absolute. */
  out: string;
  logger: Logger;
  progress: ProgressReporter;
}

/** The options of `generate()`; `plugins` carry their --option values (generatePluginRequests). */
export function generateOptions(flags: GenerateFlagValues, plugins: GeneratePluginRequests, context: GenerateRunContext): GenerateOptions {
  const { editors, metrics, perturber } = plugins;
  return {
    input: resolve(flags.input ?? defaultGenerateInput()),
    out: context.out,
    loader: pluginLoader(),
    ...(flags.perturbations ? { perturbations: resolve(flags.perturbations) } : {}),
    ...(perturber ? { perturber } : {}),
    editors,
    metrics,
    seed: flags.seed,
    ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
    resume: flags.resume,
    concurrency: flags.concurrency,
    parity: {
      celebaStemMatch: flags['parity-celeba-stem-match'],
      localizationConstants: flags['parity-localization'],
      dropCelebaStrayR: flags['drop-celeba-stray-r'],
    },
    cacheDir: cacheDir(),
    logger: context.logger,
    onProgress: (p) => context.progress.update(p.done, p.total, { errors: p.errors, 'skipped by the label filter': p.skipped }),
  };
}

/** The line a finished generate prints: rows written, masks skipped, edits failed or resumed. */
export function generateSummary(result: GenerateResult): string {
  return `Wrote ${result.out}: ${result.reals} real + ${result.fakes} fake rows (${result.skippedMasks} masks skipped by the label filter, ${result.errors} errors, ${result.resumed} edits resumed).`;
}
