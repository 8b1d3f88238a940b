/**
 * Synthetic eval set for bench/stats.ts: rows with the Semi-Truths slice structure, held the way the
 * dataset loader holds them (key, image_id, label, every column as a string, '' when missing) plus
 * one detector's score per row. The draws are fixed by the seed, so every version of the bench
 * scores the same rows.
 */
import { Rng } from '@semibench/harness';

export const DATASETS = ['ADE20K', 'CelebAHQ', 'CityScapes', 'HumanParsing', 'OpenImages', 'SUN_RGBD'];
const MODELS = ['Kandinsky_2_2', 'OpenJourney', 'StableDiffusion_XL', 'StableDiffusion_v4', 'StableDiffusion_v5'];
const P2P_MODELS = ['OpenJourney', 'StableDiffusion_v4', 'StableDiffusion_v5'];
const LEVELS = ['low', 'medium', 'high'];
const MAGS = ['small', 'medium', 'large'];
const BINS = ['bin1', 'bin2', 'bin3', 'bin4', 'bin5'];
const BIN_COLUMNS = ['dreamsim_category', 'lpips_score_category', 'sen_sim_category', 'clip_sim_category', 'mse_rgb_category', 'ssim_rgb_category', 'ratio_rgb_category', 'size_mag_category'];
export const SLICES = ['dataset', 'method', 'model', 'sem_magnitude', 'language_model', 'scene_complexity_category', 'scene_diversity_category', 'change_location_category', 'ratio_category', ...BIN_COLUMNS];

/** One metadata row, shaped like the loader's DatasetRow (the fields scoring reads). */
export interface SyntheticRow {
  readonly key: string;
  readonly id: string;
  readonly label: 'real' | 'fake';
  readonly columns: Readonly<Record<string, string>>;
}

export interface SyntheticEvalSet {
  readonly rows: SyntheticRow[];
  /** The detector's probability of fake, per row. */
  readonly score: Float64Array;
}

/** `n` rows in `clusters` source images (one real and ~n/clusters − 1 edits each). */
export function synthesize(n: number, clusters: number, seed = 2024): SyntheticEvalSet {
  const rng = new Rng(seed);
  const rows: SyntheticRow[] = [];
  const score = new Float64Array(n);
  const perCluster = n / clusters;
  // The draw order below is the original bench's, so older versions of the bench scored the same rows.
  const pickIf = (on: boolean, values: readonly string[]): string => (on ? rng.pick(values) : '');
  let r = 0;
  for (let c = 0; c < clusters && r < n; c++) {
    const id = ['img', String(c).padStart(6, '0')].join('');
    const dataset = DATASETS[c % DATASETS.length]!;
    const complexity = rng.pick(LEVELS);
    const diversity = rng.pick(LEVELS);
    const end = c === clusters - 1 ? n : Math.min(n, Math.round((c + 1) * perCluster));
    const difficulty = rng.next() - 0.5; // shared by the edits of one image: what makes clusters matter
    for (let e = 0; r < end; e++, r++) {
      const real = e === 0;
      // One object literal with every slice key (reals get ''), as a CSV loader builds it: one shape for all rows.
      const inpainting = rng.next() < 0.7;
      const columns: Record<string, string> = {
        dataset,
        method: real ? '' : inpainting ? 'inpainting' : 'p2p',
        model: real ? '' : inpainting ? rng.pick(MODELS) : rng.pick(P2P_MODELS),
        sem_magnitude: pickIf(!real, MAGS),
        language_model: real || inpainting ? '' : 'LlaVA-Hermes',
        scene_complexity_category: real ? '' : complexity,
        scene_diversity_category: real ? '' : diversity,
        change_location_category: real ? '' : rng.next() < 0.8 ? 'localized' : 'diffused',
        ratio_category: pickIf(!real && inpainting, BINS),
        dreamsim_category: pickIf(!real, BINS),
        lpips_score_category: pickIf(!real, BINS),
        sen_sim_category: pickIf(!real, BINS),
        clip_sim_category: pickIf(!real, BINS),
        mse_rgb_category: pickIf(!real, BINS),
        ssim_rgb_category: pickIf(!real, BINS),
        ratio_rgb_category: pickIf(!real, BINS),
        size_mag_category: pickIf(!real, BINS),
      };
      const base = real ? 0.35 : 0.6 + 0.3 * difficulty;
      score[r] = Math.min(1, Math.max(0, base + (rng.next() - 0.5) * 0.6));
      // Flat strings, as CSV parsing yields (concatenation would leave rope strings that hash slowly).
      const key = [real ? 'original' : 'edits', '/', dataset, '/', id, '_', e, '.png'].join('');
      rows.push({ key, id, label: real ? 'real' : 'fake', columns });
    }
  }
  return { rows, score };
}
