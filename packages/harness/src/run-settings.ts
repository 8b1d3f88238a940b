/**
 * The settings of an `eval` or `generate` as the command line and the config file give them,
 * merged once here so that commands only parse flags: a flag wins over the config file, which wins
 * over the defaults; `--option` pairs are targeted at the plugins they name (plugins/requests.ts).
 */
import type { OptionValue } from './contract.js';
import { mergeScoringSettings, type ScoringFlags, type SemibenchConfig } from './config.js';
import type { DatasetRow } from './dataset.js';
import { selectRows, type RowSelectionOptions } from './hub/sampling.js';
import { detectorRequests, targetOptions, type DetectorRequest, type PluginRequest } from './plugins/requests.js';

/** The flags of `eval` that the config file can also set, or that pick rows and plugins; undefined = not given. */
export interface EvalFlags extends ScoringFlags {
  detector?: readonly string[] | undefined;
  option?: readonly string[] | undefined;
  'batch-size'?: number | undefined;
  out?: string | undefined;
  dataset?: string | undefined;
  limit?: number | undefined;
  sample?: number | undefined;
  stratify?: readonly string[] | undefined;
}

export interface EvalSettings {
  /** The command line's detectors when it names any, else the config's; with `--option` and `--batch-size` applied. */
  detectors: DetectorRequest[];
  /** Run directory from the flag, else the config; undefined leaves the default to the caller. */
  out?: string;
  /** Dataset spec from the flag, else the config; undefined leaves the default (a bundled dataset) to the caller. */
  dataset?: string;
  /** Seed, resamples, threshold, confidence and slices (see `mergeScoringSettings`). */
  scoring: ReturnType<typeof mergeScoringSettings>;
  /** The rows to score (first N, or a seeded sample); undefined scores every row. */
  selection?: RowSelectionOptions;
}

/**
 * Merges `eval`'s flags with the config file. Throws (with a message for the user) when an
 * `--option` is malformed or names no detector.
 */
export function evalSettings(flags: EvalFlags, config: SemibenchConfig): EvalSettings {
  const detectors = detectorRequests(flags.detector ?? [], config.detectors ?? [], flags.option ?? [], flags['batch-size']);
  const scoring = mergeScoringSettings(flags, config);
  const out = flags.out ?? config.out;
  const dataset = flags.dataset ?? config.dataset;
  const selection = rowSelection(flags, scoring.seed);
  return { detectors, ...(out !== undefined ? { out } : {}), ...(dataset !== undefined ? { dataset } : {}), scoring, ...(selection ? { selection } : {}) };
}

/** `--limit` / `--sample` / `--stratify` as a selection drawn with the run's seed; undefined when neither limit nor sample is given. */
function rowSelection(flags: Pick<EvalFlags, 'limit' | 'sample' | 'stratify'>, seed: number): RowSelectionOptions | undefined {
  if (flags.limit === undefined && flags.sample === undefined) return undefined;
  return {
    seed,
    ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
    ...(flags.sample !== undefined ? { sample: flags.sample } : {}),
    ...(flags.stratify?.length ? { stratify: flags.stratify } : {}),
  };
}

/**
 * An `evaluate({ selectRows })` callback that applies `selection` to a loaded local dataset (a hub
 * dataset is selected while it is fetched instead); the selection made is recorded in the manifest.
 */
export function datasetRowSelector(
  selection: RowSelectionOptions,
): (rows: readonly DatasetRow[]) => { rows: readonly DatasetRow[]; description: Record<string, OptionValue> } {
  return (rows) => {
    const picked = selectRows(rows, selection, (r, c) => r.columns[c]);
    return { rows: picked.rows, description: picked.selection as unknown as Record<string, OptionValue> };
  };
}

/** The plugins of a `generate`, as named on the command line. */
export interface GeneratePluginSpecs {
  editors: readonly string[];
  metrics: readonly string[];
  perturber?: string | undefined;
}

export interface GeneratePluginRequests {
  editors: PluginRequest[];
  metrics: PluginRequest[];
  perturber?: PluginRequest;
}

/**
 * `generate`'s plugins with `--option` applied: `key=value` to every plugin, `NAME.key=value` to the
 * one whose spec is NAME. Throws when an option is malformed or names no plugin.
 */
export function generatePluginRequests(specs: GeneratePluginSpecs, optionPairs: readonly string[]): GeneratePluginRequests {
  const all = [...specs.editors, ...specs.metrics, ...(specs.perturber ? [specs.perturber] : [])];
  const requests = targetOptions(all.map((spec) => ({ spec })), optionPairs, 'plugin');
  const editors = requests.slice(0, specs.editors.length);
  const metrics = requests.slice(editors.length, editors.length + specs.metrics.length);
  const perturber = specs.perturber ? requests[requests.length - 1] : undefined;
  return { editors, metrics, ...(perturber ? { perturber } : {}) };
}

