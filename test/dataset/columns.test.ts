/** The column catalogue: the lists every room used to keep by hand are derived from it, unchanged. */
import { describe, expect, it } from 'vitest';
import { COLUMN_ALIASES, COLUMNS, DEFAULT_BIN_POOLS, EVALSET_LEADING_COLUMNS, FORBIDDEN_COLUMNS, KNOWN_SLICE_COLUMNS, SLICE_TITLES, TRAILING_COLUMNS, columnSpec, isPassableColumn, sliceColumns } from '@semibench/harness';

describe('column catalogue', () => {
  it('derives the slice columns in report order, each with a title', () => {
    expect(KNOWN_SLICE_COLUMNS).toEqual([
      'dataset', 'method', 'model', 'sem_magnitude', 'language_model', 'scene_complexity_category', 'scene_diversity_category',
      'change_location_category', 'ratio_category', 'dreamsim_category', 'lpips_score_category', 'sen_sim_category', 'clip_sim_category',
      'mse_rgb_category', 'ssim_rgb_category', 'ratio_rgb_category', 'size_mag_category', 'sem_mag_category',
    ]);
    expect(sliceColumns()).toBe(KNOWN_SLICE_COLUMNS);
    for (const s of KNOWN_SLICE_COLUMNS) expect(SLICE_TITLES[s]).toBeTruthy();
    expect(SLICE_TITLES.change_location_category).toBe('Localization of the change');
  });

  it('derives the eval-set column order and the columns generation writes last', () => {
    expect(EVALSET_LEADING_COLUMNS).toEqual(['image_id', 'image_path', 'dataset', 'entities', 'class', 'label', 'mask_id', 'mask_path', 'mask_name', 'ratio', 'method', 'model', 'perturbed_mask_name', 'sem_magnitude']);
    expect(TRAILING_COLUMNS).toEqual(['pass_qc', 'qc_checks', 'change_location_category', 'scene_diversity', 'scene_complexity', 'scene_diversity_category', 'scene_complexity_category']);
  });

  it('keeps ground truth and everything that describes the edit from detectors', () => {
    expect([...FORBIDDEN_COLUMNS].sort()).toEqual(['label', 'language_model', 'mask_id', 'mask_name', 'mask_path', 'method', 'model', 'perturbed_mask_name', 'sem_magnitude']);
    // An allow-list: only source-image descriptions pass; change metrics, QC, slices and unknown columns do not.
    expect(COLUMNS.filter((c) => c.passable).map((c) => c.name)).toEqual(['entities', 'class']);
    for (const c of ['ratio', 'mse_rgb', 'ssim_rgb', 'pass_qc', 'dataset', 'ratio_category', 'change_location_category', 'not_a_column']) expect(isPassableColumn(c)).toBe(false);
  });

  it('derives aliases (spec §2.4) and binning pools (spec §6)', () => {
    expect(COLUMN_ALIASES).toMatchObject({ img_id: 'image_id', diffusion_model: 'model', area_ratio: 'ratio', cc_cluters: 'cc_cluters_rgb', localization: 'change_location_category' });
    expect(Object.entries(DEFAULT_BIN_POOLS)).toEqual([
      ['ratio', 'qc-inpainting'], ['ratio_rgb', 'qc-all-methods'], ['mse_rgb', 'qc-all-methods'], ['ssim_rgb', 'qc-all-methods'],
      ['lpips_score', 'qc-all-methods'], ['dreamsim', 'qc-all-methods'], ['sen_sim', 'qc-all-methods'], ['clip_sim', 'qc-all-methods'],
    ]);
    expect(columnSpec('ssim_rgb')?.binning?.similarity).toBe(true);
    expect(columnSpec('nope')).toBeUndefined();
  });
});
