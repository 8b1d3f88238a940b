/**
 * Scoring & bootstrap at full-dataset scale: 1.47M synthetic predictions with the Semi-Truths
 * slice structure (27k source images, each one real plus ~53 edits; 6 datasets, 2 methods,
 * 5 models, magnitudes, scene and localisation bins, nine 5-quantile bins), 1000 cluster
 * resamples, every slice and metric with its interval. Prints wall time and peak RSS, then runs
 * the same computation with numpy/scipy/scikit-learn (bench/stats_numpy.py, Debian's python3) on
 * the same rows and prints the ratio. Goal (issue 5): < 5 s and < 1 GB here, faster than numpy.
 *
 *   pnpm build && node packages/harness/node_modules/jiti/lib/jiti-cli.mjs bench/stats.ts [--rows 1470000] [--resamples 1000] [--python-resamples 20] [--skip-python]
 *
 * (`pnpm exec tsx bench/stats.ts` works too where tsx is installed.) The machine is shared: run
 * it twice and read the lower time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Rng, scoreDetectors, type ScoringRow } from '@semibench/harness';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1470000' },
    clusters: { type: 'string', default: '27000' },
    resamples: { type: 'string', default: '1000' },
    'python-resamples': { type: 'string', default: '20' },
    python: { type: 'string', default: '/usr/bin/python3' },
    threads: { type: 'string' },
    'skip-python': { type: 'boolean', default: false },
  },
});
const N = Number(args.rows);
const C = Number(args.clusters);
const B = Number(args.resamples);

const DATASETS = ['ADE20K', 'CelebAHQ', 'CityScapes', 'HumanParsing', 'OpenImages', 'SUN_RGBD'];
const MODELS = ['Kandinsky_2_2', 'OpenJourney', 'StableDiffusion_XL', 'StableDiffusion_v4', 'StableDiffusion_v5'];
const P2P_MODELS = ['OpenJourney', 'StableDiffusion_v4', 'StableDiffusion_v5'];
const LEVELS = ['low', 'medium', 'high'];
const MAGS = ['small', 'medium', 'large'];
const BINS = ['bin1', 'bin2', 'bin3', 'bin4', 'bin5'];
const BIN_COLUMNS = ['dreamsim_category', 'lpips_score_category', 'sen_sim_category', 'clip_sim_category', 'mse_rgb_category', 'ssim_rgb_category', 'ratio_rgb_category', 'size_mag_category'];
const SLICES = ['dataset', 'method', 'model', 'sem_magnitude', 'language_model', 'scene_complexity_category', 'scene_diversity_category', 'change_location_category', 'ratio_category', ...BIN_COLUMNS];

/** Columnar copy of the rows for the numpy side: cluster, label, prediction, score, one code per slice. */
interface Columns {
  cluster: Int32Array;
  label: Uint8Array;
  prediction: Uint8Array;
  score: Float64Array;
  codes: Int32Array[];
}

function synthesize(): { rows: ScoringRow[]; columns: Columns } {
  const rng = new Rng(2024);
  const rows: ScoringRow[] = [];
  const columns: Columns = {
    cluster: new Int32Array(N),
    label: new Uint8Array(N),
    prediction: new Uint8Array(N),
    score: new Float64Array(N),
    codes: SLICES.map(() => new Int32Array(N)),
  };
  const codeOf = SLICES.map(() => new Map<string, number>());
  const perCluster = N / C;
  let r = 0;
  for (let c = 0; c < C && r < N; c++) {
    const id = ['img', String(c).padStart(6, '0')].join('');
    const dataset = DATASETS[c % DATASETS.length]!;
    const complexity = rng.pick(LEVELS);
    const diversity = rng.pick(LEVELS);
    const end = c === C - 1 ? N : Math.min(N, Math.round((c + 1) * perCluster));
    const difficulty = rng.next() - 0.5; // shared by the edits of one image: what makes clusters matter
    for (let e = 0; r < end; e++, r++) {
      const real = e === 0;
      // One object literal with every slice key (reals get ''), as a loader would build it: one shape for all rows.
      const inpainting = rng.next() < 0.7;
      const pickIf = (on: boolean, values: readonly string[]): string => (on ? rng.pick(values) : '');
      const groups: Record<string, string> = {
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
      const score = Math.min(1, Math.max(0, base + (rng.next() - 0.5) * 0.6));
      const row: ScoringRow = {
        // Flat strings, as CSV parsing yields (concatenation would leave rope strings that hash slowly).
        key: [real ? 'original' : 'edits', '/', dataset, '/', id, '_', e, '.png'].join(''),
        cluster: id,
        label: real ? 0 : 1,
        score,
        prediction: score >= 0.5 ? 1 : 0,
        groups,
      };
      rows.push(row);
      columns.cluster[r] = c;
      columns.label[r] = row.label;
      columns.prediction[r] = row.prediction;
      columns.score[r] = score;
      SLICES.forEach((s, j) => {
        const v = groups[s] ?? '';
        let code = v === '' ? -1 : codeOf[j]!.get(v);
        if (code === undefined) {
          code = codeOf[j]!.size;
          codeOf[j]!.set(v, code);
        }
        columns.codes[j]![r] = code;
      });
    }
  }
  return { rows, columns };
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const t0 = performance.now();
const { rows, columns } = synthesize();
const rssInput = process.memoryUsage().rss;
console.log(`synthesised ${rows.length} rows in ${C} clusters (${((performance.now() - t0) / 1000).toFixed(1)} s); RSS with the input held: ${mb(rssInput)}`);

const t1 = performance.now();
const records = await scoreDetectors([{ detector: 'synthetic', rows }], {
  slices: SLICES,
  resamples: B,
  seed: 0,
  confidence: 0.95,
  resample: 'cluster',
  ...(args.threads ? { threads: Number(args.threads) } : {}),
});
const seconds = (performance.now() - t1) / 1000;
const peak = process.resourceUsage().maxRSS * 1024;
const cells = new Set(records.map((r) => `${r.slice}=${r.group}`)).size;
console.log(`semibench: ${records.length} metric cells with intervals (${cells} slice groups, ${B} resamples) in ${seconds.toFixed(2)} s; peak RSS ${mb(peak)}`);
const overallAuc = records.find((r) => r.slice === 'overall' && r.metric === 'roc_auc');
console.log(`  e.g. overall ROC-AUC ${overallAuc?.value?.toFixed(4)} [${overallAuc?.ci_low?.toFixed(4)}, ${overallAuc?.ci_high?.toFixed(4)}]`);

const python = args.python;
const script = join(import.meta.dirname, 'stats_numpy.py');
if (args['skip-python']) {
  console.log('numpy comparison skipped (--skip-python)');
} else if (!existsSync(python)) {
  console.log(`numpy comparison skipped: ${python} not found`);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'semibench-stats-'));
  try {
    writeFileSync(join(dir, 'cluster.i32'), columns.cluster);
    writeFileSync(join(dir, 'label.u8'), columns.label);
    writeFileSync(join(dir, 'prediction.u8'), columns.prediction);
    writeFileSync(join(dir, 'score.f64'), columns.score);
    columns.codes.forEach((codes, j) => writeFileSync(join(dir, `slice${j}.i32`), codes));
    const out = execFileSync(python, [script, dir, String(SLICES.length), String(B), String(args['python-resamples'])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const result = JSON.parse(out.trim().split('\n').pop()!) as { error?: string; seconds_total_estimate: number; seconds_measured: number; resamples_measured: number; peak_rss_mb: number; overall_auc: number };
    if (result.error) console.log(`numpy comparison skipped: ${result.error}`);
    else {
      console.log(
        `numpy/scipy/sklearn: ${result.seconds_total_estimate.toFixed(1)} s estimated for ${B} resamples (measured ${result.seconds_measured.toFixed(1)} s for ${result.resamples_measured}); peak RSS ${result.peak_rss_mb.toFixed(0)} MB; overall ROC-AUC ${result.overall_auc.toFixed(4)}`,
      );
      console.log(`ratio: semibench is ${(result.seconds_total_estimate / seconds).toFixed(1)}x faster`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
