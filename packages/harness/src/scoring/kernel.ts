/**
 * The bootstrap kernel: cluster weights of one resample → every metric of every cell of every
 * channel. Runs in the main thread or in a worker (same code, same results), so the output does not
 * depend on how resamples are split across threads.
 */
import { Rng, deriveSeed } from '../util/rng.js';
import { AVERAGE_PRECISION, METRIC_COUNT, ROC_AUC, countMetrics } from './metrics.js';
import { EV_BLOCK, EV_NEG, EV_RUN, PACK, type JobPlan, type RankPlan } from './plan.js';

/**
 * Multinomial cluster weights of resample `b`: C draws of a cluster with replacement. Each
 * resample has its own stream derived from (seed, b), so any split of resamples over threads
 * draws the same weights. Returns the weighted number of rows.
 */
export function drawWeights(seed: number, b: number, clusterRows: Int32Array, weights: Uint16Array): number {
  const rng = new Rng(deriveSeed(seed, `semibench/bootstrap/${b}`));
  const n = weights.length;
  weights.fill(0);
  let rows = 0;
  if (n <= 0x200000) {
    // Lemire's multiply-shift with rejection, exactly uniform: x·n < 2^53 is exact in a double, and
    // rejecting low parts below 2^32 mod n removes the bias. No modulo per draw (Rng.int's is slow).
    const reject = 0x100000000 % n;
    for (let d = 0; d < n; ) {
      const m = rng.nextUint32() * n;
      const c = Math.floor(m / 0x100000000);
      if (m - c * 0x100000000 < reject) continue;
      d++;
      weights[c]!++;
      rows += clusterRows[c]!;
    }
  } else {
    for (let d = 0; d < n; d++) {
      const c = rng.int(n);
      weights[c]!++;
      rows += clusterRows[c]!;
    }
  }
  return rows;
}

/** Harmonic numbers H(k) = Σ_{i≤k} 1/i, Kahan-summed and grown on demand (index = weighted row count). */
let harmonic = new Float64Array([0]);
let harmonicCarry = 0;
function ensureHarmonic(size: number): Float64Array {
  if (harmonic.length > size) return harmonic;
  const next = new Float64Array(Math.max(size + 1, harmonic.length * 2));
  next.set(harmonic);
  let sum = harmonic[harmonic.length - 1]!;
  let carry = harmonicCarry;
  for (let k = harmonic.length; k < next.length; k++) {
    const y = 1 / k - carry;
    const t = sum + y;
    carry = t - sum - y;
    sum = t;
    next[k] = sum;
  }
  harmonic = next;
  harmonicCarry = carry;
  return harmonic;
}

/**
 * H(x + s) − H(x) = Σ_{k=x+1}^{x+s} 1/k. Small x from the table; otherwise from the asymptotic
 * series of the digamma function (H(n) = ψ(n+1) + γ), whose truncation error is below 1e-17 for
 * x ≥ 64 and whose log term is taken by log1p, so the difference keeps full relative precision —
 * and the large table is never touched on the hot path (its random reads were the bottleneck).
 */
function harmonicDiff(H: Float64Array, x: number, s: number): number {
  if (x < 64) return H[(x + s) | 0]! - H[x | 0]!;
  const ia = 1 / (x + 1);
  const ib = 1 / (x + s + 1);
  const ia2 = ia * ia;
  const ib2 = ib * ib;
  return Math.log1p(s * ia) - 0.5 * (ib - ia) - (ib2 - ia2) / 12 + (ib2 * ib2 - ia2 * ia2) / 120 - (ib2 * ib2 * ib2 - ia2 * ia2 * ia2) / 252;
}

/**
 * Resamples are processed in lanes of four: the per-cluster entries and the ranked positives are
 * read once for four resamples (their weights sit side by side, weights[c·LANES + lane]), which
 * turns the memory-bound passes into compute-bound ones.
 */
export const LANES = 4;

/** Scratch state of the ranking pass, one slot per (domain cell, lane): index d·LANES + lane. */
export class RankState {
  readonly tp: Float64Array;
  readonly fp: Float64Array;
  readonly pending: Float64Array;
  readonly auc: Float64Array;
  readonly ap: Float64Array;
  readonly blockTp: Float64Array;
  readonly blockFp: Float64Array;
  readonly touched: Int32Array;
  constructor(domains: number) {
    const size = domains * LANES;
    this.tp = new Float64Array(size);
    this.fp = new Float64Array(size);
    this.pending = new Float64Array(size);
    this.auc = new Float64Array(size);
    this.ap = new Float64Array(size);
    this.blockTp = new Float64Array(size);
    this.blockFp = new Float64Array(size);
    this.touched = new Int32Array(size);
  }
  reset(): void {
    this.tp.fill(0);
    this.fp.fill(0);
    this.pending.fill(0);
    this.auc.fill(0);
    this.ap.fill(0);
  }
}

/**
 * One pass over the ranked rows for `lanes` resamples at once (weights interleaved by LANES).
 *
 * With `exact` false (resamples), each run's positives are credited in bulk: for S unit steps at a
 * constant false-positive count F, Σ t/(t+F) = S − F·(H(T+F+S) − H(T+F)), so AP needs no division
 * per row; duplicates created by resampling are thereby ranked as distinct (infinitesimally apart)
 * copies, while ties between distinct rows are still treated as ties. With `exact` (the full sample,
 * unit weights) AP is summed positive by positive exactly as scikit-learn does.
 * Writes AUC and AP per domain and lane into out[outBase + domainCell·M·stride + metric·stride + offset + lane].
 */
export function rankPass(plan: RankPlan, weights: Uint16Array, lanes: number, exact: boolean, state: RankState, out: Float64Array, outBase: number, outStride: number, outOffset: number): void {
  state.reset();
  const { tp, fp, pending, auc, ap, blockTp, blockFp, touched } = state;
  const { events, tupleStart, tupleCells, subTuple, subStart, subEnd, posCluster, blockCluster, blockTuple, blockLabel } = plan;
  const H = harmonic;
  // AP credit of `s` pending positives that sit below `t` true and above `f` false positives.
  const credit = (t: number, s: number, f: number): number => {
    if (f === 0) return s;
    if (!exact) return s - f * harmonicDiff(H, t + f, s);
    let sum = 0;
    for (let u = 1; u <= s; u++) sum += (t + u) / (t + u + f);
    return sum;
  };
  const sums = new Float64Array(LANES);
  for (let e = 0; e < events.length; e += 3) {
    const op = events[e]!;
    const a = events[e + 1]!;
    const b = events[e + 2]!;
    if (op === EV_RUN) {
      for (let s = a; s < b; s++) {
        const end = subEnd[s]!;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        // LANES = 4, unrolled: one cluster index load serves four resamples.
        for (let i = subStart[s]!; i < end; i++) {
          const k = posCluster[i]! * LANES;
          s0 += weights[k]!;
          s1 += weights[k + 1]!;
          s2 += weights[k + 2]!;
          s3 += weights[k + 3]!;
        }
        if (s0 + s1 + s2 + s3 === 0) continue;
        sums[0] = s0;
        sums[1] = s1;
        sums[2] = s2;
        sums[3] = s3;
        const t = subTuple[s]!;
        for (let j = tupleStart[t]!, stop = tupleStart[t + 1]!; j < stop; j++) {
          const d = tupleCells[j]! * LANES;
          for (let l = 0; l < lanes; l++) pending[d + l]! += sums[l]!;
        }
      }
    } else if (op === EV_NEG) {
      for (let l = 0; l < lanes; l++) {
        const w = weights[a * LANES + l]!;
        if (w === 0) continue;
        for (let j = tupleStart[b]!, stop = tupleStart[b + 1]!; j < stop; j++) {
          const d = tupleCells[j]! * LANES + l;
          let t = tp[d]!;
          const f = fp[d]!;
          const p = pending[d]!;
          if (p !== 0) {
            ap[d]! += credit(t, p, f);
            t += p;
            pending[d] = 0;
          }
          auc[d]! += w * t;
          tp[d] = t;
          fp[d] = f + w;
        }
      }
    } else if (op === EV_BLOCK) {
      for (let l = 0; l < lanes; l++) {
        let nTouched = 0;
        for (let r = a; r < b; r++) {
          const w = weights[blockCluster[r]! * LANES + l]!;
          if (w === 0) continue;
          const t = blockTuple[r]!;
          for (let j = tupleStart[t]!; j < tupleStart[t + 1]!; j++) {
            const d = tupleCells[j]! * LANES + l;
            if (blockTp[d] === 0 && blockFp[d] === 0) {
              const p = pending[d]!;
              if (p !== 0) {
                ap[d]! += credit(tp[d]!, p, fp[d]!);
                tp[d]! += p;
                pending[d] = 0;
              }
              touched[nTouched++] = d;
            }
            if (blockLabel[r] === 1) blockTp[d]! += w;
            else blockFp[d]! += w;
          }
        }
        // Tied rows: every negative counts the block's positives as half above it, and precision is
        // taken once, at the end of the block (scikit-learn's distinct-threshold semantics).
        for (let j = 0; j < nTouched; j++) {
          const d = touched[j]!;
          const bt = blockTp[d]!;
          const bf = blockFp[d]!;
          auc[d]! += bf * (tp[d]! + bt / 2);
          tp[d]! += bt;
          fp[d]! += bf;
          if (bt > 0) ap[d]! += (bt * tp[d]!) / (tp[d]! + fp[d]!);
          blockTp[d] = 0;
          blockFp[d] = 0;
        }
      }
    }
  }
  const { domains } = plan;
  for (let dom = 0; dom < domains.length; dom++) {
    for (let l = 0; l < lanes; l++) {
      const d = dom * LANES + l;
      if (pending[d] !== 0) {
        ap[d]! += credit(tp[d]!, pending[d]!, fp[d]!);
        tp[d]! += pending[d]!;
      }
      const base = outBase + domains[dom]! * METRIC_COUNT * outStride + outOffset + l;
      const P = tp[d]!;
      const N = fp[d]!;
      out[base + ROC_AUC * outStride] = P > 0 && N > 0 ? auc[d]! / (P * N) : Number.NaN;
      out[base + AVERAGE_PRECISION * outStride] = P > 0 && N > 0 ? ap[d]! / P : Number.NaN;
    }
  }
}

/** Weighted confusion counts of every cell and lane: acc[(2k + class)·LANES + lane], packed as correct + wrong·2^26. */
function weightedCounts(start: Int32Array, target: Int32Array, value: Float64Array, weights: Uint16Array, acc: Float64Array): void {
  acc.fill(0);
  const C = start.length - 1;
  for (let c = 0; c < C; c++) {
    const k = c * LANES;
    const w0 = weights[k]!;
    const w1 = weights[k + 1]!;
    const w2 = weights[k + 2]!;
    const w3 = weights[k + 3]!;
    if (w0 + w1 + w2 + w3 === 0) continue;
    for (let e = start[c]!, end = start[c + 1]!; e < end; e++) {
      const t = target[e]! * LANES;
      const v = value[e]!;
      acc[t]! += v * w0;
      acc[t + 1]! += v * w1;
      acc[t + 2]! += v * w2;
      acc[t + 3]! += v * w3;
    }
  }
}

const scratchMetrics = new Float64Array(METRIC_COUNT);

/** Metrics of every cell of one lane from packed counts, written at out[outBase + (cell·M + metric)·stride + offset]. */
export function metricsFromCounts(acc: Float64Array, lane: number, cellCount: number, out: Float64Array, outBase: number, stride: number, offset: number): void {
  for (let k = 0; k < cellCount; k++) {
    const pos = acc[2 * k * LANES + lane]!;
    const neg = acc[(2 * k + 1) * LANES + lane]!;
    const fn = Math.floor(pos / PACK);
    const fp = Math.floor(neg / PACK);
    countMetrics(pos - fn * PACK, fn, neg - fp * PACK, fp, scratchMetrics, 0);
    const base = outBase + k * METRIC_COUNT * stride + offset;
    for (let m = 0; m < ROC_AUC; m++) out[base + m * stride] = scratchMetrics[m]!;
    out[base + ROC_AUC * stride] = Number.NaN;
    out[base + AVERAGE_PRECISION * stride] = Number.NaN;
  }
}

/** Point estimates (every row once) of every channel: Float64Array[cell·M + metric] per channel. */
export function pointEstimates(plan: JobPlan): Float64Array[] {
  const weights = new Uint16Array(plan.clusterCount * LANES);
  for (let c = 0; c < plan.clusterCount; c++) weights[c * LANES] = 1;
  const acc = new Float64Array(2 * plan.cellCount * LANES);
  return plan.channels.map((ch) => {
    const out = new Float64Array(plan.cellCount * METRIC_COUNT);
    weightedCounts(ch.counts.start, ch.counts.target, ch.counts.value, weights, acc);
    metricsFromCounts(acc, 0, plan.cellCount, out, 0, 1, 0);
    if (ch.rank) rankPass(ch.rank, weights, 1, true, new RankState(ch.rank.domains.length), out, 0, 1, 0);
    return out;
  });
}

/**
 * Replicates b0..b1-1 of every channel. Output per channel: Float64Array of cell·M·(b1−b0) values
 * laid out [(cell·M + metric)·(b1−b0) + (b − b0)], NaN where a metric is undefined in a resample.
 */
export function runResamples(plan: JobPlan, seed: number, b0: number, b1: number): Float64Array[] {
  const span = b1 - b0;
  const C = plan.clusterCount;
  const single = new Uint16Array(C);
  const weights = new Uint16Array(C * LANES);
  const acc = new Float64Array(2 * plan.cellCount * LANES);
  const outs = plan.channels.map(() => new Float64Array(plan.cellCount * METRIC_COUNT * span));
  const states = plan.channels.map((ch) => (ch.rank ? new RankState(ch.rank.domains.length) : null));
  for (let b = b0; b < b1; b += LANES) {
    const lanes = Math.min(LANES, b1 - b);
    weights.fill(0);
    let maxRows = 0;
    for (let l = 0; l < lanes; l++) {
      const rows = drawWeights(seed, b + l, plan.clusterRows, single);
      if (rows >= PACK) {
        throw new RangeError(`A bootstrap resample holds ${rows} weighted rows; the packed counts support fewer than ${PACK}. Score fewer rows per detector or use fewer, smaller clusters.`);
      }
      maxRows = Math.max(maxRows, rows);
      for (let c = 0; c < C; c++) weights[c * LANES + l] = single[c]!;
    }
    ensureHarmonic(maxRows + 1);
    plan.channels.forEach((ch, i) => {
      const out = outs[i]!;
      weightedCounts(ch.counts.start, ch.counts.target, ch.counts.value, weights, acc);
      for (let l = 0; l < lanes; l++) metricsFromCounts(acc, l, plan.cellCount, out, 0, span, b - b0 + l);
      if (ch.rank) rankPass(ch.rank, weights, lanes, false, states[i]!, out, 0, span, b - b0);
    });
  }
  return outs;
}
