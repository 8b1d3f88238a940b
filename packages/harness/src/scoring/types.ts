/** Public types and options of the scoring engine (see index.ts for the semantics). */

/** One scored row of one detector: the scoring engine's input unit. */
export interface ScoringRow {
  /** Unique row key (normalised image_path). */
  readonly key: string;
  /** image_id: a real image and all its edits share it. */
  readonly cluster: string;
  /** fake = 1, real = 0. */
  readonly label: 0 | 1;
  /** Probability of fake; NaN if the detector gave only a hard prediction. */
  readonly score: number;
  readonly prediction: 0 | 1;
  /** Slice column → value; '' = missing (the row is left out of that slice). */
  readonly groups: Readonly<Record<string, string>>;
}

export interface ScoreRecord {
  detector: string;
  /** 'overall' or a slice column name. */
  slice: string;
  /** 'all' for overall. */
  group: string;
  metric: string;
  /** Rows scored in this cell. */
  n: number;
  value: number | null;
  ci_low: number | null;
  ci_high: number | null;
}

/** 'cluster': resample source images with all their edits; 'row': resample rows. */
export type ResampleUnit = 'cluster' | 'row';

export interface ScoreOptions {
  slices: readonly string[];
  /** Bootstrap resamples (default 1000 at the CLI); 0 = no intervals. */
  resamples: number;
  seed: number;
  /** Interval level, e.g. 0.95. */
  confidence: number;
  /** 'cluster' (default): resample source images with all their edits; 'row': resample rows. */
  resample: ResampleUnit;
  /** Cells with fewer rows are flagged as small by tables and leaderboards (default 30). */
  minN?: number;
  /** Worker threads (default: available parallelism; 1 = inline). Results do not depend on it. */
  threads?: number;
}

export { DEFAULT_MIN_N } from './defaults.js';

/** Slice columns of the eval set (spec §2.2, §7.3), in the order reports list them; kept in the column catalogue. */
export { KNOWN_SLICE_COLUMNS } from '../columns/catalogue.js';

export function validateScoreOptions(options: ScoreOptions): void {
  if (!(options.confidence > 0 && options.confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${options.confidence}`);
  if (options.resample !== 'cluster' && options.resample !== 'row') throw new RangeError(`resample must be 'cluster' or 'row', got ${String(options.resample)}`);
  if (options.minN !== undefined && !(options.minN >= 0)) throw new RangeError(`minN must be >= 0, got ${options.minN}`);
  for (const s of options.slices) if (s === 'overall' || s === '') throw new RangeError(`"${s}" cannot be a slice column name`);
}

