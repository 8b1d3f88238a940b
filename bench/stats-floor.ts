/**
 * The floor under bench/stats.ts: how fast the matched-real bootstrap could possibly be in this
 * runtime, whatever the plan around it. It counts the (row, domain) memberships one resample has to
 * walk at the bench's scale (1.47M rows, 27k images: every row in `overall` and its dataset; every
 * edit in one group of each attribute slice; every real once per group its edits fall in), then
 * times only the arithmetic no exact cluster bootstrap of ROC-AUC and AP can skip, on one thread:
 *
 * - positives: their cluster's weights added to the running sum of each domain they belong to, four
 *   resamples per float64 add (the packed sums the kernel uses);
 * - negatives, per domain and resample: the packed sums split into lanes, then `auc += w·tp`,
 *   `fp += w` (ROC-AUC alone), and for AP one log1p per negative that has positives above it (the
 *   closed form of Σ t/(t+f) over tied-free copies; the kernel's harmonicDiff adds a few terms more).
 *
 * No sorting, no weight draws, no class totals, no ROC operating points, no calibration, no count
 * metrics, no plan building: all of that is extra in the real thing. The rows are walked in score
 * order once, every domain's state in a small array, the best case for the caches.
 *
 *   pnpm exec tsx bench/stats-floor.ts [--rows 1470000] [--clusters 27000] [--resamples 1000] [--lane-groups 16]
 *
 * `--lane-groups K` times K groups of eight resamples and scales to `--resamples` (the work per
 * group is the same). The floor in seconds of wall time on T cores is the CPU time over T.
 *
 * Measured 2026-12-05, 2-core machine, quiet, defaults (71 domains; 26.2M memberships per resample,
 * 24.5M positive in 1.33M runs, 1.67M negative): ROC-AUC only 0.165 s CPU per 8 resamples = 20.6 s
 * for 1000 = 10.3 s wall on 2 cores; ROC-AUC + AP 0.257 s = 32.1 s = 16.0 s wall. bench/stats.ts
 * takes 112.6 s CPU for all metrics. See docs/scores.md ("Cost").
 */
import { parseArgs } from 'node:util';
import { SLICES, synthesize } from './stats-data.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1470000' },
    clusters: { type: 'string', default: '27000' },
    resamples: { type: 'string', default: '1000' },
    'lane-groups': { type: 'string', default: '16' },
  },
});
const N = Number(args.rows);
const C = Number(args.clusters);
const B = Number(args.resamples);
const K = Number(args['lane-groups']);
const LANES = 8;

const { rows, score } = synthesize(N, C);
const clusterOf = new Map<string, number>();
const cluster = Int32Array.from(rows, (r) => {
  let c = clusterOf.get(r.id);
  if (c === undefined) clusterOf.set(r.id, (c = clusterOf.size));
  return c;
});
const fake = Uint8Array.from(rows, (r) => (r.label === 'fake' ? 1 : 0));

/** Domain memberships as parallel lists: the row and its domain. */
const memberRow: number[] = [];
const memberDomain: number[] = [];
let domains = 1; // domain 0 is `overall`
const add = (row: number, domain: number): void => {
  memberRow.push(row);
  memberDomain.push(domain);
};
for (let r = 0; r < N; r++) add(r, 0);
for (const slice of SLICES) {
  const values = new Map<string, number>();
  let mixed = false;
  for (let r = 0; r < N; r++) {
    const v = rows[r]!.columns[slice] ?? '';
    if (v === '') continue;
    if (!fake[r]) mixed = true;
    if (!values.has(v)) values.set(v, domains + values.size);
  }
  const groupOf = (r: number): number => values.get(rows[r]!.columns[slice] ?? '') ?? -1;
  if (mixed) {
    for (let r = 0; r < N; r++) if (groupOf(r) >= 0) add(r, groupOf(r));
  } else {
    // An attribute slice: its edits, and each cluster's real once per group the cluster's edits are in.
    const realOf = new Int32Array(C).fill(-1);
    for (let r = 0; r < N; r++) if (!fake[r]) realOf[cluster[r]!] = r;
    const seen = new Set<number>();
    for (let r = 0; r < N; r++) {
      const g = groupOf(r);
      if (g < 0) continue;
      add(r, g);
      const pair = cluster[r]! * 1024 + g;
      if (!seen.has(pair) && realOf[cluster[r]!]! >= 0) {
        seen.add(pair);
        add(realOf[cluster[r]!]!, g);
      }
    }
  }
  domains += values.size;
}
const M = memberRow.length;
// Walk order: rows by descending score (ties in any order: the floor ignores them), each row's memberships together.
const rowOrder = Int32Array.from({ length: N }, (_, i) => i).sort((a, b) => score[b]! - score[a]!);
const rank = new Int32Array(N);
rowOrder.forEach((r, k) => (rank[r] = k));
const start = new Int32Array(N + 1);
for (let i = 0; i < M; i++) start[rank[memberRow[i]!]! + 1]!++;
for (let k = 0; k < N; k++) start[k + 1]! += start[k]!;
const mCluster = new Int32Array(M);
const mDomain = new Int32Array(M);
const mFake = new Uint8Array(M);
for (let i = 0; i < M; i++) {
  const r = memberRow[i]!;
  const at = start[rank[r]!]!++;
  mCluster[at] = cluster[r]!;
  mDomain[at] = memberDomain[i]!;
  mFake[at] = fake[r]!;
}
// Positives between two negatives only enter through their domain's sum: grouped by domain into
// runs (the kernel's sub-runs), so a run is summed in registers and added to its domain once.
const posCluster = new Int32Array(M);
const runDomain: number[] = [];
const runEnd: number[] = [];
const negCluster: number[] = [];
const negDomain: number[] = [];
/** Event k: the runs [runFrom[k], runFrom[k+1]) then negative k (the last event has no negative). */
const runFrom: number[] = [];
let positives = 0;
{
  const byDomain = new Map<number, number[]>();
  const flush = (): void => {
    runFrom.push(runDomain.length);
    for (const [d, clusters] of byDomain) {
      for (const c of clusters) posCluster[positives++] = c;
      runDomain.push(d);
      runEnd.push(positives);
    }
    byDomain.clear();
  };
  for (let i = 0; i < M; i++) {
    if (mFake[i] === 1) {
      const list = byDomain.get(mDomain[i]!);
      if (list) list.push(mCluster[i]!);
      else byDomain.set(mDomain[i]!, [mCluster[i]!]);
      continue;
    }
    flush();
    negCluster.push(mCluster[i]!);
    negDomain.push(mDomain[i]!);
  }
  flush();
}
const negatives = negCluster.length;
console.log(`${N} rows, ${C} clusters, ${domains} domains: ${M} (row, domain) memberships per resample, ${positives} of them positive (in ${runDomain.length} runs) and ${negatives} negative`);

const FIELD = 8192;
const weights = new Uint16Array(C * LANES);
const packed = new Float64Array(C * 2);
let seed = 12345;
function drawLaneGroup(): void {
  // Uniform small weights (0..3), packed as the kernel packs them; not timed.
  for (let i = 0; i < weights.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    weights[i] = seed >>> 30;
  }
  for (let c = 0; c < C; c++) {
    const k = c * LANES;
    packed[2 * c] = weights[k]! + weights[k + 1]! * FIELD + weights[k + 2]! * FIELD * FIELD + weights[k + 3]! * FIELD ** 3;
    packed[2 * c + 1] = weights[k + 4]! + weights[k + 5]! * FIELD + weights[k + 6]! * FIELD * FIELD + weights[k + 7]! * FIELD ** 3;
  }
}

const pendingPacked = new Float64Array(domains * 2);
const tp = new Float64Array(domains * LANES);
const fp = new Float64Array(domains * LANES);
const auc = new Float64Array(domains * LANES);
const ap = new Float64Array(domains * LANES);
const lanes = new Float64Array(LANES);

const FIELD2 = FIELD * FIELD;
const FIELD3 = FIELD2 * FIELD;
/** The kernel's unpack: a packed sum of four lanes into lanes[at .. at + 3]. */
function unpackInto(x: number, at: number): void {
  let h = Math.floor(x / FIELD3);
  lanes[at + 3] = h;
  x -= h * FIELD3;
  h = Math.floor(x / FIELD2);
  lanes[at + 2] = h;
  x -= h * FIELD2;
  h = Math.floor(x / FIELD);
  lanes[at + 1] = h;
  lanes[at] = x - h * FIELD;
}

/** One walk for eight resamples; `withAp` adds the AP credit's log1p. Returns a checksum. */
function walk(withAp: boolean): number {
  pendingPacked.fill(0);
  tp.fill(0);
  fp.fill(0);
  auc.fill(0);
  ap.fill(0);
  let run = 0;
  for (let k = 0; k <= negatives; k++) {
    for (const last = runFrom[k + 1] ?? runDomain.length; run < last; run++) {
      let x0 = 0;
      let x1 = 0;
      for (let i = run === 0 ? 0 : runEnd[run - 1]!, end = runEnd[run]!; i < end; i++) {
        const c2 = posCluster[i]! << 1;
        x0 += packed[c2]!;
        x1 += packed[c2 + 1]!;
      }
      const d2 = runDomain[run]! << 1;
      pendingPacked[d2]! += x0;
      pendingPacked[d2 + 1]! += x1;
    }
    if (k === negatives) break;
    const c = negCluster[k]!;
    const d = negDomain[k]!;
    unpackInto(pendingPacked[2 * d]!, 0);
    unpackInto(pendingPacked[2 * d + 1]!, 4);
    pendingPacked[2 * d] = 0;
    pendingPacked[2 * d + 1] = 0;
    for (let l = 0; l < LANES; l++) {
      const s = d * LANES + l;
      const w = weights[c * LANES + l]!;
      const p = lanes[l]!;
      const f = fp[s]!;
      if (withAp && p !== 0 && f !== 0) ap[s]! += p - f * Math.log1p(p / (tp[s]! + f + 1));
      const t = tp[s]! + p;
      tp[s] = t;
      auc[s]! += w * t;
      fp[s] = f + w;
    }
  }
  let sum = 0;
  for (let s = 0; s < auc.length; s++) sum += auc[s]! / (tp[s]! * fp[s]! || 1) + ap[s]!;
  return sum;
}

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const scale = B / (K * LANES);
let checksum = 0;
for (const withAp of [false, true, false, true]) {
  let seconds = 0;
  for (let k = 0; k < K; k++) {
    drawLaneGroup();
    const c0 = cpu();
    checksum += walk(withAp);
    seconds += cpu() - c0;
  }
  const total = seconds * scale;
  console.log(
    `${withAp ? 'ROC-AUC + AP' : 'ROC-AUC only'}: ${(seconds / K).toFixed(3)} s CPU per 8 resamples -> ${total.toFixed(1)} s CPU for ${B} resamples; ` +
      `floor on 2 cores ${(total / 2).toFixed(1)} s wall (goal 5 s: ${(total / 2 / 5).toFixed(1)}x)`,
  );
}
console.log(`(checksum ${checksum.toExponential(3)})`);
