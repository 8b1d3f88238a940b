/**
 * The paper's tables and figures as data (spec §8): which slice, which groups in which order,
 * which metric, and where the reference numbers sit in paper-reference.json.
 */
import type { MetricName } from '../scoring/metrics.js';

export interface TableColumn {
  /** Group of the slice (or, for Table 3, the metric). */
  readonly key: string;
  readonly label: string;
}

export interface SliceTable {
  readonly id: string;
  readonly title: string;
  /** Slice column; 'overall' for Table 3. */
  readonly slice: string;
  /** One metric for every column, or (Table 3) one metric per column. */
  readonly metric: MetricName | 'per-column';
  readonly columns: readonly TableColumn[];
  /** How the paper prints it: Table 3 with 2 decimals, figures as integers. */
  readonly paperFormat: 'percent2' | 'integer' | 'none';
  /** Key of paper-reference.json holding the values, if the paper or notebook has them. */
  readonly reference?: string;
  readonly note?: string;
  /** Built only when the predictions hold perturbed detectors (`NAME [jpeg:50]`, from an eval --perturb run). */
  readonly onlyWithPerturbations?: boolean;
  /**
   * The columns are the paper's values of an open attribute (source dataset, diffusion model,
   * method): when the data has values the paper does not, the table shows the data's own values
   * (a generated dataset's editors, say) instead of a row of "—".
   */
  readonly openColumns?: boolean;
}

const bins135: TableColumn[] = [
  { key: 'bin1', label: 'S (bin1)' },
  { key: 'bin3', label: 'M (bin3)' },
  { key: 'bin5', label: 'L (bin5)' },
];
/** Columns labelled by their own group value. */
const named = (...keys: string[]): TableColumn[] => keys.map((k) => ({ key: k, label: k }));
const levels = named('low', 'medium', 'high');
const written = named('small', 'medium', 'large');

export const TABLE3_METRICS: readonly MetricName[] = ['precision_macro', 'precision_real', 'precision_fake', 'recall_macro', 'recall_real', 'recall_fake'];
/** Notebook-only columns of Table 3 (accuracy and F1), emitted after the paper's six. */
export const TABLE3_EXTRA: readonly MetricName[] = ['accuracy', 'f1_macro', 'f1_real', 'f1_fake'];

/** Derived slice columns for Fig. 7 "as written": P25/P75 bins of the raw metric (spec §6, 3-bin variant). */
export const AS_WRITTEN_SOURCES: Readonly<Record<string, string>> = {
  ratio_p25_p75: 'ratio',
  dreamsim_p25_p75: 'dreamsim',
  ssim_rgb_p25_p75: 'ssim_rgb',
};

export const SLICE_TABLES: readonly SliceTable[] = [
  {
    id: 'table3',
    title: 'Table 3: overall precision and recall (All = macro, Real, Fake), plus the notebook’s accuracy and F1',
    slice: 'overall',
    metric: 'per-column',
    columns: named(...TABLE3_METRICS, ...TABLE3_EXTRA),
    paperFormat: 'percent2',
    reference: 'table3_overall',
  },
  {
    id: 'fig5a',
    title: 'Figure 5a: macro F1 per source dataset (reals + fakes)',
    slice: 'dataset',
    metric: 'f1_macro',
    columns: named('ADE20K', 'CelebAHQ', 'CityScapes', 'HumanParsing', 'OpenImages', 'SUN_RGBD'),
    paperFormat: 'integer',
    reference: 'fig5a_f1_by_dataset',
    openColumns: true,
  },
  { id: 'fig5b', title: 'Figure 5b: detection rate (recall on fakes) by scene complexity', slice: 'scene_complexity_category', metric: 'recall_fake', columns: levels, paperFormat: 'integer', reference: 'fig5b_scene_complexity_recall_fake' },
  { id: 'fig5c', title: 'Figure 5c: detection rate by scene diversity', slice: 'scene_diversity_category', metric: 'recall_fake', columns: levels, paperFormat: 'integer', reference: 'fig5c_scene_diversity_recall_fake' },
  {
    id: 'fig6-model',
    title: 'Figure 6 (left): detection rate by diffusion model (both methods pooled)',
    slice: 'model',
    metric: 'recall_fake',
    columns: named('Kandinsky_2_2', 'OpenJourney', 'StableDiffusion_XL', 'StableDiffusion_v4', 'StableDiffusion_v5'),
    paperFormat: 'integer',
    reference: 'fig6_model_recall_fake',
    openColumns: true,
  },
  { id: 'fig6-method', title: 'Figure 6 (right): detection rate by editing method', slice: 'method', metric: 'recall_fake', columns: named('inpainting', 'p2p'), paperFormat: 'integer', reference: 'fig6_method_recall_fake', openColumns: true },
  { id: 'fig7-area', title: 'Figure 7: detection rate by area ratio, as plotted (quintile bins 1/3/5)', slice: 'ratio_category', metric: 'recall_fake', columns: bins135, paperFormat: 'integer', reference: 'fig7_area_ratio_recall_fake' },
  { id: 'fig7-semantic', title: 'Figure 7: detection rate by requested semantic magnitude', slice: 'sem_magnitude', metric: 'recall_fake', columns: written, paperFormat: 'integer', reference: 'fig7_sem_magnitude_recall_fake' },
  { id: 'fig7-dreamsim', title: 'Figure 7: detection rate by DreamSim distance, as plotted (quintile bins 1/3/5)', slice: 'dreamsim_category', metric: 'recall_fake', columns: bins135, paperFormat: 'integer', reference: 'fig7_dreamsim_recall_fake' },
  {
    id: 'fig7-ssim',
    title: 'Figure 7: detection rate by SSIM, as plotted (quintile bins 1/3/5)',
    slice: 'ssim_rgb_category',
    metric: 'recall_fake',
    columns: bins135,
    paperFormat: 'integer',
    reference: 'fig7_ssim_recall_fake',
    note: 'bin1 = lowest SSIM, i.e. the largest structural change, yet plotted as "small" (spec §6: not flipped, as in the paper)',
  },
  {
    id: 'localisation',
    title: 'Localisation: pixel metrics of detectors that return maps (means over images; pixel_fpr_real: lower is better)',
    slice: 'overall',
    metric: 'per-column',
    columns: named('pixel_f1', 'pixel_iou', 'pixel_auc', 'pixel_f1_best', 'pixel_fpr_real'),
    paperFormat: 'none',
    note: 'edited rows with a mask; mask and map pixels positive at >= 128; docs/localisation.md',
  },
  { id: 'fig7-area-written', title: 'Figure 7 as written: detection rate by area ratio, P25/P75 bins of this dataset', slice: 'ratio_p25_p75', metric: 'recall_fake', columns: written, paperFormat: 'none' },
  { id: 'fig7-dreamsim-written', title: 'Figure 7 as written: detection rate by DreamSim, P25/P75 bins of this dataset', slice: 'dreamsim_p25_p75', metric: 'recall_fake', columns: written, paperFormat: 'none' },
  { id: 'fig7-ssim-written', title: 'Figure 7 as written: detection rate by SSIM, P25/P75 bins of this dataset', slice: 'ssim_rgb_p25_p75', metric: 'recall_fake', columns: written, paperFormat: 'none' },
  // Beyond the paper (docs/scores.md): threshold-free scores, matched-real attribute slices, calibration, robustness.
  {
    id: 'threshold-free',
    title: 'Threshold-free scores overall: ROC-AUC, AP, TPR at 1% and 5% FPR, EER (lower is better), balanced accuracy',
    slice: 'overall',
    metric: 'per-column',
    columns: named('roc_auc', 'average_precision', 'tpr_at_fpr_1pct', 'tpr_at_fpr_5pct', 'eer', 'balanced_accuracy'),
    paperFormat: 'none',
  },
  {
    id: 'matched-model',
    title: 'ROC-AUC by diffusion model on matched sets (the model’s edits + the reals of the same source images)',
    slice: 'model',
    metric: 'roc_auc',
    columns: named('Kandinsky_2_2', 'OpenJourney', 'StableDiffusion_XL', 'StableDiffusion_v4', 'StableDiffusion_v5'),
    paperFormat: 'none',
  },
  { id: 'matched-method', title: 'ROC-AUC by editing method on matched sets', slice: 'method', metric: 'roc_auc', columns: named('inpainting', 'p2p'), paperFormat: 'none' },
  { id: 'matched-magnitude', title: 'ROC-AUC by requested semantic magnitude on matched sets', slice: 'sem_magnitude', metric: 'roc_auc', columns: written, paperFormat: 'none' },
  {
    id: 'calibration',
    title: 'Calibration overall (×100 like every cell; lower is better): expected calibration error (15 bins), Brier score, log-loss; empty for detectors whose scores are not probabilities',
    slice: 'overall',
    metric: 'per-column',
    columns: named('expected_calibration_error', 'brier', 'log_loss'),
    paperFormat: 'none',
  },
  {
    id: 'robustness',
    title: 'Robustness (eval --perturb): overall scores of each detector on clean and perturbed images; paired deltas with intervals are in the run’s robustness.csv',
    slice: 'overall',
    metric: 'per-column',
    columns: named('roc_auc', 'average_precision', 'tpr_at_fpr_5pct', 'eer', 'balanced_accuracy'),
    paperFormat: 'none',
    onlyWithPerturbations: true,
  },
];

/** Slice columns the slice tables need (besides the derived as-written ones). */
export const TABLE_SLICES: readonly string[] = [...new Set(SLICE_TABLES.map((t) => t.slice).filter((s) => s !== 'overall'))];
