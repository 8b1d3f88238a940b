import { describe, expect, it } from 'vitest';
import {
  createDetector,
  loadDataset,
  runDetectors,
  type DetectorItem,
  type DetectorPlugin,
  type PredictionRecord,
  type RowError,
} from '@semibench/harness';
import { MINI_DATASET } from '../helpers/cli.js';
import { testContext } from '../helpers/plugin-context.js';

const { context } = testContext();

function loaded(plugin: DetectorPlugin) {
  return { plugin, source: { type: 'path' as const, spec: 'inline', resolved: 'inline' } };
}

describe('runner', () => {
  it('records items a detector declines (PartialScores) as row errors and keeps the rest', async () => {
    const seen: DetectorItem[] = [];
    const plugin: DetectorPlugin = {
      kind: 'detector',
      meta: { name: 'picky', version: '1.0.0', apiVersion: 1 },
      create: () => ({
        // Declared by the instance (as a Python worker's handshake would), not by meta.
        needsColumns: ['dataset', 'label'],
        predict(items) {
          seen.push(...items);
          return {
            scores: items.map((i) => (i.key.includes('CelebAHQ') ? null : 0.25)),
            errors: items.map((i) => (i.key.includes('CelebAHQ') ? 'no face found' : null)),
          };
        },
      }),
    };
    const dataset = await loadDataset(MINI_DATASET);
    const detector = await createDetector(loaded(plugin), { context, batchSize: 4 });
    expect(detector.needsColumns).toEqual(['dataset', 'label']);
    const predictions: PredictionRecord[] = [];
    const errors: RowError[] = [];
    const summary = await runDetectors([detector], dataset.rows, {
      root: dataset.root,
      seed: 0,
      onPredictions: (r) => void predictions.push(...r),
      onErrors: (e) => void errors.push(...e),
    });
    const celeba = dataset.rows.filter((r) => r.key.includes('CelebAHQ'));
    expect(celeba.length).toBeGreaterThan(0);
    expect(errors.map((e) => e.key)).toEqual(celeba.map((r) => r.key));
    expect(errors[0]).toMatchObject({ detector: 'picky', stage: 'predict', reason: 'detector picky (picky@1.0.0) could not score this image: no face found' });
    expect(predictions).toHaveLength(dataset.rows.length - celeba.length);
    expect(summary).toMatchObject({ failed: {}, errors: { picky: celeba.length }, predicted: { picky: dataset.rows.length - celeba.length } });
    // The declared column arrives; ground truth never does, whatever a plugin asks for.
    expect(seen[0]?.columns).toEqual({ dataset: dataset.rows[0]?.columns.dataset, label: '' });
  });

  it('stops a detector whose partial result has a non-null score out of range', async () => {
    const plugin: DetectorPlugin = {
      kind: 'detector',
      meta: { name: 'bad-partial', version: '0.0.1', apiVersion: 1 },
      create: () => ({ predict: (items) => ({ scores: items.map(() => 2), errors: items.map(() => null) }) }),
    };
    const dataset = await loadDataset(MINI_DATASET);
    const detector = await createDetector(loaded(plugin), { context });
    const summary = await runDetectors([detector], dataset.rows.slice(0, 3), { root: dataset.root, seed: 0 });
    expect(summary.failed['bad-partial']).toMatch(/score 2 for item .* is outside \[0, 1\]/);
  });
});
