/** eval's and generate's settings from flags and the config file, merged once (harness run-settings.ts). */
import { describe, expect, it } from 'vitest';
import { datasetRowSelector, evalSettings, generatePluginRequests, type DatasetRow } from '@semibench/harness';

describe('run settings', () => {
  it('eval: flags win over the config; out and dataset are left to the caller when neither gives them', () => {
    const config = { detectors: ['noise-inconsistency'], out: 'runs/c', dataset: 'data/c', seed: 4 };
    expect(evalSettings({}, {})).toEqual({ detectors: [], scoring: { seed: 0, resamples: 1000, threshold: 0.5, confidence: 0.95 } });
    expect(evalSettings({ option: ['block=8'] }, config)).toMatchObject({ detectors: [{ spec: 'noise-inconsistency', options: { block: 8 } }], out: 'runs/c', dataset: 'data/c' });
    expect(evalSettings({ detector: ['a=x'], out: 'o', dataset: 'd', 'batch-size': 2 }, config)).toMatchObject({ detectors: [{ spec: 'x', as: 'a', batchSize: 2 }], out: 'o', dataset: 'd' });
    expect(() => evalSettings({ option: ['nobody.k=1'] }, config)).toThrow('no detector named nobody');
  });

  it('eval: --limit / --sample become a selection drawn with the run seed', () => {
    expect(evalSettings({ stratify: ['method'] }, {}).selection).toBeUndefined();
    expect(evalSettings({ limit: 3 }, { seed: 4 }).selection).toEqual({ seed: 4, limit: 3 });
    expect(evalSettings({ sample: 5, stratify: ['method'], seed: 1 }, { seed: 4 }).selection).toEqual({ seed: 1, sample: 5, stratify: ['method'] });
    const rows = [0, 1, 2, 3].map((i) => ({ columns: { method: String(i) } }) as unknown as DatasetRow);
    const picked = datasetRowSelector({ seed: 0, limit: 2 })(rows);
    expect(picked.rows).toEqual(rows.slice(0, 2));
    expect(picked.description).toMatchObject({ method: 'limit', total: 4, selected: 2 });
  });

  it('generate: options are targeted, then split back into editors, metrics and perturber', () => {
    const plugins = generatePluginRequests({ editors: ['telea', 'splice'], metrics: ['brisque'], perturber: 'rules' }, ['seed=1', 'splice.seed=2']);
    expect(plugins).toEqual({
      editors: [{ spec: 'telea', options: { seed: 1 } }, { spec: 'splice', options: { seed: 2 } }],
      metrics: [{ spec: 'brisque', options: { seed: 1 } }],
      perturber: { spec: 'rules', options: { seed: 1 } },
    });
    expect(generatePluginRequests({ editors: ['telea'], metrics: [] }, [])).toEqual({ editors: [{ spec: 'telea', options: {} }], metrics: [] });
    expect(() => generatePluginRequests({ editors: ['telea'], metrics: [] }, ['x.k=1'])).toThrow('no plugin named x');
  });
});
