/**
 * Quantile bins (spec §6). Expected edges are numpy 1.24.2 `np.percentile(x, q)` (default linear
 * method), printed with repr() and pasted here; the first case was found by searching random
 * arrays for one where numpy's b - (b - a)(1 - t) differs in the last bit from a + (b - a)t.
 */
import { describe, expect, it } from 'vitest';
import { assignBin, binTable, computeBinEdges, localization, percentileSorted, percentiles, toFiniteNumber } from '@semibench/harness';

describe('numpy-compatible percentiles', () => {
  it('reproduces numpy in the last bit (t >= 0.5 branch)', () => {
    const x = [5.8245951079809455, 62.717922570768245, 164.5072664741013, 178.57187817437193, 262.4947127501015, 316.7381665569643, 375.14699649664186, 396.25616221698647, 691.3370352777413, 825.4878133935558];
    // (n-1)*0.2 = 1.8 -> t = 0.8: numpy gives 144.1493976934347, a + (b-a)t gives ...468.
    expect(percentileSorted(Float64Array.from(x), 20)).toBe(144.1493976934347);
  });

  it('drops missing values and matches numpy on a pool with ties', () => {
    const pool = [0, 0, 0, 0, 0.1, 0.2, 0.2, 0.5, 0.9, 1.0, 0, 0.3, null, '', 'NaN', undefined, Number.NaN];
    const five = percentiles(pool, [20, 40, 60, 80]);
    expect(five.n).toBe(12);
    expect(five.edges).toEqual([0.0, 0.040000000000000036, 0.2, 0.46000000000000013]);
    expect(percentiles(pool, [25, 75]).edges).toEqual([0.0, 0.35]);
  });

  it('endpoints and single values', () => {
    expect(percentileSorted([3], 80)).toBe(3);
    expect(percentileSorted([1, 2], 100)).toBe(2);
    expect(percentileSorted([1, 2], 0)).toBe(1);
    expect(() => percentileSorted([], 50)).toThrow(/empty/);
  });
});

describe('bin assignment', () => {
  const labels5 = ['bin1', 'bin2', 'bin3', 'bin4', 'bin5'];
  it('strict comparisons: a value on an edge goes to the upper bin; coinciding edges leave a bin empty', () => {
    const edges = [0.0, 0.0, 0.2, 0.46];
    expect(assignBin(-1, edges, labels5)).toBe('bin1');
    expect(assignBin(0, edges, labels5)).toBe('bin3'); // bin1 and bin2 are empty for 0
    expect(assignBin(0.2, edges, labels5)).toBe('bin4');
    expect(assignBin(0.46, edges, labels5)).toBe('bin5');
    expect(assignBin(7, edges, labels5)).toBe('bin5');
  });

  it('missing values get null, not the last bin', () => {
    expect(assignBin(null, [1, 2, 3, 4], labels5)).toBeNull();
    expect(assignBin('NA', [1, 2, 3, 4], labels5)).toBeNull();
    expect(assignBin('', [1, 2, 3, 4], labels5)).toBeNull();
    expect(toFiniteNumber(' 0.5 ')).toBe(0.5);
  });

  it('3-bin variant uses P25/P75 and small/medium/large', () => {
    const e = computeBinEdges('ratio', [1, 2, 3, 4, 5], { scheme: 'quantile3' });
    expect(e.edges).toEqual([2, 4]);
    expect(e.labels).toEqual(['small', 'medium', 'large']);
    expect([1, 2, 3.9, 4, 5].map((v) => assignBin(v, e.edges, e.labels))).toEqual(['small', 'medium', 'medium', 'large', 'large']);
  });
});

describe('binTable pools (spec §6)', () => {
  const rows = [
    { method: 'inpainting', pass_qc: 'True', ratio: '0.1', mse_rgb: '0.01' },
    { method: 'inpainting', pass_qc: 'True', ratio: '0.2', mse_rgb: '0.02' },
    { method: 'inpainting', pass_qc: 'False', ratio: '0.9', mse_rgb: '0.9' },
    { method: 'p2p', pass_qc: 'True', ratio: '', mse_rgb: '0.03' },
    { method: 'p2p', pass_qc: 'True', ratio: '', mse_rgb: '0.04' },
  ];

  it('area ratio over QC-passed inpainting rows; other metrics over QC-passed rows of all methods; every row labelled', () => {
    const { edges, labels } = binTable(rows);
    const ratio = edges.find((e) => e.column === 'ratio');
    const mse = edges.find((e) => e.column === 'mse_rgb');
    expect(ratio).toMatchObject({ n: 2, pool: 'pass_qc & method=inpainting', categoryColumn: 'ratio_category' });
    // np.percentile([0.1, 0.2], [20, 40, 60, 80])
    expect(ratio?.edges).toEqual([0.12000000000000001, 0.14, 0.16, 0.18000000000000002]);
    expect(mse).toMatchObject({ n: 4, pool: 'pass_qc' });
    // np.percentile([0.01, 0.02, 0.03, 0.04], [20, 40, 60, 80])
    expect(mse?.edges).toEqual([0.016, 0.022000000000000002, 0.027999999999999997, 0.034]);
    expect(labels.ratio).toEqual(['bin1', 'bin5', 'bin5', null, null]);
    expect(labels.mse_rgb).toEqual(['bin1', 'bin2', 'bin5', 'bin4', 'bin5']);
  });

  it('parity option drops a row from every pool when any listed column is missing', () => {
    const { edges } = binTable(rows, { parityDropIfAnyMissing: ['ratio', 'mse_rgb'] });
    expect(edges.find((e) => e.column === 'mse_rgb')?.n).toBe(2);
  });
});

/** The localization rule lives in harness/generate/qc.ts; these are boundary checks of spec §5.9. */
describe('localization (spec §5.9)', () => {
  const size = { width: 512, height: 512 };
  const row = (largest: number | string, cc: number | string, dist: number | string) => ({
    largest_component_size_rgb: largest,
    cc_cluters_rgb: cc,
    cluster_dist_rgb: dist,
  });
  it('largest component over 20% of the image is diffused; strict comparison', () => {
    expect(localization(row(52429, 2, -1), 3, size)).toBe('diffused'); // 52429/262144 = 0.20000076
    expect(localization(row(52428, 2, -1), 3, size)).toBe('localized'); // 0.19999695
  });
  it('many components far apart are diffused; the distance threshold is a quarter of the diagonal', () => {
    const quarter = 0.25 * 512 * Math.SQRT2; // 181.019...
    expect(localization(row(10, 5, quarter + 1e-9), 4, size)).toBe('diffused');
    expect(localization(row(10, 5, quarter), 4, size)).toBe('localized');
    expect(localization(row(10, 4, 500), 4, size)).toBe('localized');
    expect(localization(row(10, 5, 500), null, size)).toBe('localized');
  });
  it('uses the real size by default and the 512 constants in parity mode; missing metrics are NA unless parity', () => {
    const big = { width: 1024, height: 1024 };
    expect(localization(row(60000, 1, -1), 2, big)).toBe('localized');
    expect(localization(row(60000, 1, -1), 2, big, true)).toBe('diffused');
    expect(localization(row('', '', ''), 2, size)).toBeNull();
    expect(localization(row('', '', ''), 2, size, true)).toBe('localized');
  });
});
