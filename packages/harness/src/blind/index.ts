/**
 * Blind evaluation (the default): a detector receives nothing that tells the classes apart except
 * the image content. This module turns the run's settings into what each detector gets — the
 * effective mask and columns, the store key, the presenter of neutral files, the row order — and
 * the record of it for the manifest.
 */
import { join } from 'node:path';
import type { Logger } from '../contract.js';
import type { DatasetRow } from '../dataset.js';
import { detectorStoreKey, type ActiveDetector, type RowPresenter } from '../runner.js';
import { decideColumns } from './columns.js';
import { presentationOrder } from './order.js';
import { blindKeyPart, describeBlindness, detectorBlindness, formatReencode, type BlindManifest, type BlindSettings, type DetectorBlindness } from './policy.js';

export type { BlindManifest };
import { ReencodeCache } from './reencode.js';
import { BlindPresenter } from './view.js';

export * from './policy.js';
export { decideColumns, type ColumnDecision } from './columns.js';
export { presentationOrder } from './order.js';
export { reencodeBytes, ReencodeCache } from './reencode.js';
export { BlindPresenter } from './view.js';
export * from './compare.js';
export * from './summary.js';


export interface BlindRun {
  detectors: ActiveDetector[];
  blindness: Map<string, DetectorBlindness>;
  manifest: BlindManifest;
  /** Absent when paths are unblinded and nothing is re-encoded. */
  presenter?: RowPresenter & { dispose(): Promise<void> };
  /** The rows in the order detectors see them. */
  order<R extends Pick<DatasetRow, 'key'>>(rows: readonly R[]): R[];
}

export interface BlindRunOptions {
  settings: BlindSettings;
  /** Every row the run selected (before sharding): column fill is judged on them, so shards agree. */
  rows: readonly DatasetRow[];
  /** The run directory; the blind view lives in `<outDir>/.blind-view` while the run lasts. */
  outDir: string;
  /** semibench's cache directory; re-encoded images are kept under `<cacheDir>/reencode`. */
  cacheDir: string;
  seed: number;
  limitInputPixels: number;
  logger: Logger;
}

/** Applies the blind settings to created detectors: what each receives, and its store key. */
export function prepareBlindRun(detectors: readonly ActiveDetector[], options: BlindRunOptions): BlindRun {
  const { settings, logger } = options;
  const open = new Set(settings.unblind);
  const blindness = new Map<string, DetectorBlindness>();
  const effective = detectors.map((d): ActiveDetector => {
    const columns = decideColumns(d.needsColumns, options.rows, open.has('columns'));
    const maskWithheld = d.needsMask && !open.has('mask');
    const b = detectorBlindness(settings, d.input, columns.withheld, maskWithheld);
    blindness.set(d.name, b);
    // Named once per run, with the reason, so a plugin author sees why an input is missing.
    for (const [c, why] of Object.entries(columns.withheld)) logger.info(`detector ${d.name}: column ${c} withheld: ${why}`);
    if (maskWithheld) logger.info(`detector ${d.name}: mask withheld (blind evaluation: only edited rows have masks); --unblind mask passes it`);
    const note = describeBlindness(b);
    if (note) logger.warn(`detector ${d.name} is ${note}`);
    const needsMask = d.needsMask && !maskWithheld;
    const meta = d.loaded.plugin.meta;
    const storeKey = detectorStoreKey(meta, d.identity, d.input, needsMask, columns.passed, blindKeyPart(b));
    return { ...d, needsMask, needsColumns: columns.passed, storeKey };
  });
  const manifest: BlindManifest = {
    blind: [...blindness.values()].every((b) => b.blind),
    unblind: [...settings.unblind],
    order: open.has('order') ? 'metadata' : 'shuffled',
  };
  if (settings.reencode) manifest.reencode = formatReencode(settings.reencode);
  const reencode = settings.reencode ? new ReencodeCache(join(options.cacheDir, 'reencode'), settings.reencode, options.limitInputPixels) : undefined;
  const run: BlindRun = {
    detectors: effective,
    blindness,
    manifest,
    order: (rows) => (open.has('order') ? [...rows] : presentationOrder(rows, options.seed)),
  };
  if (!open.has('path') || reencode) {
    run.presenter = new BlindPresenter({ ...(open.has('path') ? {} : { viewDir: join(options.outDir, '.blind-view') }), ...(reencode ? { reencode } : {}) });
  }
  return run;
}
