/** The column catalogue itself (see index.ts). Imports nothing, so every room may depend on it. */

/** Which rows form the pool of a binned column (spec §6 "Pools"). */
export type PoolRule = 'qc-all-methods' | 'qc-inpainting';

/** What a column is. `edit` describes the edit (method, model, requested change); `text` describes the source image. */
export type ColumnRole = 'id' | 'path' | 'label' | 'source' | 'text' | 'edit' | 'mask' | 'change-metric' | 'qc' | 'scene' | 'category';

/** Where a column sits in a metadata file semibench writes. */
export type ColumnPlacement = 'leading' | 'trailing';

export interface ColumnBinning {
  /** Rows whose values form the pool of the bin edges (spec §6 "Pools"). */
  readonly pool: PoolRule;
  /** The bins come from a similarity: a higher bin is a smaller change. */
  readonly similarity?: boolean;
}

export interface ColumnSpec {
  /** Eval-set name (spec §2.2). */
  readonly name: string;
  /** Other names for it in the full release or the reference code (spec §2.4); first wins. */
  readonly aliases?: readonly string[];
  readonly role: ColumnRole;
  /** Human title (reports, tables). */
  readonly title?: string;
  /** Slice column: its position in reports (lower first). */
  readonly sliceRank?: number;
  /** Change metric binned into `<name>_category` / `<name>_category3`. */
  readonly binning?: ColumnBinning;
  readonly placement?: ColumnPlacement;
  /**
   * May reach a detector that asks for it (`needsColumns`): only columns that describe the source
   * image and never the edit or the class. Blind evaluation further requires the column be filled
   * for both classes in the dataset at hand.
   */
  readonly passable: boolean;
}

const slice = (name: string, role: ColumnRole, title: string, sliceRank: number, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, role, title, sliceRank, passable: false, ...extra });
const metric = (name: string, title: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, role: 'change-metric', title, passable: false, ...extra });
const bins = (name: string, title: string, sliceRank: number): ColumnSpec => slice(`${name}_category`, 'category', title, sliceRank);

export const COLUMNS: readonly ColumnSpec[] = [
  { name: 'image_id', aliases: ['img_id'], role: 'id', title: 'Source image id', placement: 'leading', passable: false },
  { name: 'image_path', role: 'path', title: 'Image path', placement: 'leading', passable: false },
  slice('dataset', 'source', 'Source dataset', 0, { placement: 'leading' }),
  { name: 'entities', role: 'text', title: 'Entities in the source image', placement: 'leading', passable: true },
  { name: 'class', role: 'text', title: 'Classes in the source image', placement: 'leading', passable: true },
  { name: 'label', role: 'label', title: 'Ground truth (real / fake)', placement: 'leading', passable: false },
  { name: 'mask_id', role: 'mask', title: 'Mask id', placement: 'leading', passable: false },
  { name: 'mask_path', role: 'mask', title: 'Mask path', placement: 'leading', passable: false },
  { name: 'mask_name', aliases: ['original_caption'], role: 'mask', title: 'Original label / caption', placement: 'leading', passable: false },
  metric('ratio', 'Area ratio (mask)', { aliases: ['area_ratio'], placement: 'leading', binning: { pool: 'qc-inpainting' } }),
  slice('method', 'edit', 'Edit method', 1, { placement: 'leading' }),
  slice('model', 'edit', 'Diffusion model / editor', 2, { aliases: ['diffusion_model'], placement: 'leading' }),
  { name: 'perturbed_mask_name', aliases: ['perturbed_label', 'perturbed_caption'], role: 'edit', title: 'Perturbed label / caption', placement: 'leading', passable: false },
  slice('sem_magnitude', 'edit', 'Semantic magnitude', 3, { placement: 'leading' }),
  { name: 'quality_flag', role: 'qc', title: 'Perturbation flag', passable: false },
  slice('language_model', 'edit', 'Language model', 4),
  metric('ratio_rgb', 'Changed-pixel ratio (RGB)', { aliases: ['post_edit_ratio'], binning: { pool: 'qc-all-methods' } }),
  metric('mse_rgb', 'MSE (RGB)', { aliases: ['mse'], binning: { pool: 'qc-all-methods' } }),
  metric('ssim_rgb', 'SSIM (RGB)', { aliases: ['ssim'], binning: { pool: 'qc-all-methods', similarity: true } }),
  metric('lpips_score', 'LPIPS distance', { binning: { pool: 'qc-all-methods' } }),
  metric('dreamsim', 'DreamSim distance', { binning: { pool: 'qc-all-methods' } }),
  metric('sen_sim', 'Caption similarity (sentence)', { binning: { pool: 'qc-all-methods', similarity: true } }),
  metric('clip_sim', 'CLIP similarity', { binning: { pool: 'qc-all-methods', similarity: true } }),
  metric('cc_cluters_rgb', 'Change components + 1 (RGB)', { aliases: ['cc_clusters', 'cc_cluters'] }),
  metric('largest_component_size_rgb', 'Largest change component (RGB)', { aliases: ['largest_component_size'] }),
  metric('cluster_dist_rgb', 'Change component spread (RGB)', { aliases: ['cluster_dist'] }),
  { name: 'cap2_img2', role: 'qc', passable: false },
  { name: 'direct_sim', role: 'qc', passable: false },
  { name: 'img1_img2', role: 'qc', passable: false },
  { name: 'brisque_score_orig', role: 'qc', passable: false },
  { name: 'brisque_score_perturb', role: 'qc', passable: false },
  { name: 'pass_qc', role: 'qc', title: 'Passed QC', placement: 'trailing', passable: false },
  { name: 'qc_checks', role: 'qc', title: 'QC checks', placement: 'trailing', passable: false },
  slice('change_location_category', 'category', 'Localization of the change', 7, { aliases: ['localization'], placement: 'trailing' }),
  { name: 'scene_diversity', role: 'scene', title: 'Scene diversity', placement: 'trailing', passable: false },
  { name: 'scene_complexity', role: 'scene', title: 'Scene complexity', placement: 'trailing', passable: false },
  slice('scene_diversity_category', 'scene', 'Scene diversity', 6, { placement: 'trailing' }),
  slice('scene_complexity_category', 'scene', 'Scene complexity', 5, { placement: 'trailing' }),
  bins('ratio', 'Area ratio (mask)', 8),
  bins('dreamsim', 'DreamSim distance', 9),
  bins('lpips_score', 'LPIPS distance', 10),
  bins('sen_sim', 'Caption similarity (sentence)', 11),
  bins('clip_sim', 'CLIP similarity', 12),
  bins('mse_rgb', 'MSE (RGB)', 13),
  bins('ssim_rgb', 'SSIM (RGB)', 14),
  bins('ratio_rgb', 'Changed-pixel ratio (RGB)', 15),
  bins('size_mag', 'Size magnitude', 16),
  bins('sem_mag', 'Semantic magnitude (combined)', 17),
];

const BY_NAME: ReadonlyMap<string, ColumnSpec> = new Map(COLUMNS.map((c) => [c.name, c]));

/** The catalogue entry of a column (by eval-set name), or undefined for a column semibench does not know. */
export function columnSpec(name: string): ColumnSpec | undefined {
  return BY_NAME.get(name);
}

/** Slice columns in the order reports list them. */
export function sliceColumns(): readonly string[] {
  return KNOWN_SLICE_COLUMNS;
}

/** Whether a column may reach a detector (an allow-list: unknown columns may not). */
export function isPassableColumn(name: string): boolean {
  return BY_NAME.get(name)?.passable === true;
}

/** Slice columns of the eval set (spec §2.2, §7.3), in the order reports list them. */
export const KNOWN_SLICE_COLUMNS: readonly string[] = COLUMNS.filter((c) => c.sliceRank !== undefined)
  .sort((a, b) => (a.sliceRank as number) - (b.sliceRank as number))
  .map((c) => c.name);

/** Report title of each slice column. */
export const SLICE_TITLES: Readonly<Record<string, string>> = Object.fromEntries(COLUMNS.filter((c) => c.sliceRank !== undefined).map((c) => [c.name, c.title ?? c.name]));

/** Change metrics whose bins come from a similarity: a higher bin is a smaller change. */
export const SIMILARITY_COLUMNS: ReadonlySet<string> = new Set(COLUMNS.filter((c) => c.binning?.similarity).map((c) => c.name));

/**
 * Ground truth and whatever describes the edit (label, edit provenance, masks and their labels):
 * never handed to a detector, whatever it asks for.
 */
export const FORBIDDEN_COLUMNS: ReadonlySet<string> = new Set(COLUMNS.filter((c) => c.role === 'label' || c.role === 'edit' || c.role === 'mask').map((c) => c.name));

/** Leading columns of a written metadata file, in the eval set's order; the rest follow as found. */
export const EVALSET_LEADING_COLUMNS: readonly string[] = COLUMNS.filter((c) => c.placement === 'leading').map((c) => c.name);

/** Columns generation writes after the metric plugins' columns, before the category columns. */
export const TRAILING_COLUMNS: readonly string[] = COLUMNS.filter((c) => c.placement === 'trailing').map((c) => c.name);

/**
 * The spec's pools in eval-sample column names: the area ratio is binned over QC-passed inpainting
 * rows only (p2p has no input mask); every other change metric over QC-passed rows of all methods.
 */
export const DEFAULT_BIN_POOLS: Readonly<Record<string, PoolRule>> = Object.fromEntries(COLUMNS.filter((c) => c.binning).map((c) => [c.name, (c.binning as ColumnBinning).pool]));

/** Alias → eval-set name (spec §2.4); the loader and the hub accept all of these. */
export const COLUMN_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(COLUMNS.flatMap((c) => (c.aliases ?? []).map((a) => [a, c.name])));
