/** Flag and config merging that eval and generate share (harness plugins/requests.ts, config.ts). */
import { describe, expect, it } from 'vitest';
import { detectorRequests, mergeScoringSettings, targetOptions } from '@semibench/harness';

describe('plugin requests', () => {
  it('takes the command line over the config, resolves aliases and NAME=SPEC, and targets options', () => {
    const configured = [{ use: 'onnx', options: { model: 'a.onnx' }, as: 'mine' }, 'noise-inconsistency'];
    expect(detectorRequests([], configured, ['threshold=3'])).toEqual([
      { spec: 'onnx', options: { model: 'a.onnx', threshold: 3 }, as: 'mine' },
      { spec: 'noise-inconsistency', options: { threshold: 3 } },
    ]);
    expect(detectorRequests(['mine', 'b=noise-inconsistency', './x/y.mjs'], configured, ['b.block=16', 'mine.model="b.onnx"'], 8)).toEqual([
      { spec: 'onnx', options: { model: 'b.onnx' }, as: 'mine', batchSize: 8 },
      { spec: 'noise-inconsistency', options: { block: 16 }, as: 'b', batchSize: 8 },
      { spec: './x/y.mjs', options: {}, batchSize: 8 },
    ]);
  });

  it('names the plugins there are when an option targets none of them', () => {
    expect(() => targetOptions([{ spec: 'telea' }, { spec: 'rules' }], ['splice.seed=1'], 'plugin')).toThrow('--option splice.seed: no plugin named splice in this command (plugins: telea, rules)');
    expect(targetOptions([{ spec: 'telea' }, { spec: 'rules' }], ['seed=1', 'rules.seed=2'], 'plugin')).toEqual([
      { spec: 'telea', options: { seed: 1 } },
      { spec: 'rules', options: { seed: 2 } },
    ]);
  });

  it('merges scoring settings: flag over config over defaults', () => {
    expect(mergeScoringSettings({}, {})).toEqual({ seed: 0, resamples: 1000, threshold: 0.5, confidence: 0.95 });
    expect(mergeScoringSettings({ threshold: '0.7', slice: [] }, { threshold: 0.6, bootstrap: 10, slices: ['method'] })).toEqual({ seed: 0, resamples: 10, threshold: 0.7, confidence: 0.95, slices: ['method'] });
    expect(mergeScoringSettings({ seed: 3, slice: ['model'] }, { seed: 1, slices: ['method'] })).toMatchObject({ seed: 3, slices: ['model'] });
  });
});
