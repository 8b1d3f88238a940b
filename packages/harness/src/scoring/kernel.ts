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

/** Scratch state of the ranking pass, one slot per domain cell. */
export class RankState {
  readonly tp: Float64Array;
  readonly fp: Float64Array;
  readonly pending: Float64Array;
  readonly auc: Float64Array;
  readonly ap: Float64Array;
  readonly blockTp: Float64Array;
  readonly blockFp: Float64Array;
  readonly touched: Int32Array;
  constructor(readonly size: number) {
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
 * One pass over the ranked rows. With `weights`, each run's positives are credited in bulk: for
 * S unit steps at a constant false-positive count F, Σ t/(t+F) = S − F·(H(T+F+S) − H(T+F)), so AP
 * needs no division per row. Duplicates created by resampling are thereby ranked as distinct
 * (infinitesimally apart) copies; ties between distinct rows are still treated as ties. Without
 * `weights` (the full sample), every row counts once and AP is summed exactly as scikit-learn does.
 * Writes AUC and AP per domain into `out[domainCell·METRIC_COUNT + …]` (NaN when a class is absent).
 */
export function rankPass(plan: RankPlan, weights: Uint16Array | null, state: RankState, out: Float64Array, outBase: number, outStride: number, outOffset: number): void {
  state.reset();
  const { tp, fp, pending, auc, ap, blockTp, blockFp, touched } = state;
  const { events, tupleStart, tupleCells, subTuple, subStart, subEnd, posCluster, blockCluster, blockTuple, blockLabel } = plan;
  const H = harmonic;
  // AP credit of `s` pending positives of domain d, which sit above `f` false positives and below `t` true ones.
  const credit = (t: number, s: number, f: number): number => {
    if (f === 0) return s;
    if (weights) return s - f * (H[(t + f + s) | 0]! - H[(t + f) | 0]!);
    let sum = 0;
    for (let u = 1; u <= s; u++) sum += (t + u) / (t + u + f);
    return sum;
  };
  for (let e = 0; e < events.length; e += 3) {
    const op = events[e]!;
    const a = events[e + 1]!;
    const b = events[e + 2]!;
    if (op === EV_RUN) {
      for (let s = a; s < b; s++) {
        let sum = 0;
        const end = subEnd[s]!;
        if (weights) for (let i = subStart[s]!; i < end; i++) sum += weights[posCluster[i]!]!;
        else sum = end - subStart[s]!;
        if (sum === 0) continue;
        const t = subTuple[s]!;
        for (let j = tupleStart[t]!, stop = tupleStart[t + 1]!; j < stop; j++) pending[tupleCells[j]!]! += sum;
      }
    } else if (op === EV_NEG) {
      const w = weights ? weights[a]! : 1;
      if (w === 0) continue;
      for (let j = tupleStart[b]!, stop = tupleStart[b + 1]!; j < stop; j++) {
        const d = tupleCells[j]!;
        let t = tp[d]!;
        const f = fp[d]!;
        const s = pending[d]!;
        if (s !== 0) {
          ap[d]! += credit(t, s, f);
          t += s;
          pending[d] = 0;
        }
        auc[d]! += w * t;
        tp[d] = t;
        fp[d] = f + w;
      }
    } else if (op === EV_BLOCK) {
      let nTouched = 0;
      for (let r = a; r < b; r++) {
        const w = weights ? weights[blockCluster[r]!]! : 1;
        if (w === 0) continue;
        const t = blockTuple[r]!;
        for (let j = tupleStart[t]!; j < tupleStart[t + 1]!; j++) {
          const d = tupleCells[j]!;
          if (blockTp[d] === 0 && blockFp[d] === 0) {
            const s = pending[d]!;
            if (s !== 0) {
              ap[d]! += credit(tp[d]!, s, fp[d]!);
              tp[d]! += s;
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
  const { domains } = plan;
  for (let d = 0; d < domains.length; d++) {
    if (pending[d] !== 0) {
      ap[d]! += credit(tp[d]!, pending[d]!, fp[d]!);
      tp[d]! += pending[d]!;
    }
    const base = outBase + domains[d]! * METRIC_COUNT * outStride + outOffset;
    const P = tp[d]!;
    const N = fp[d]!;
    out[base + ROC_AUC * outStride] = P > 0 && N > 0 ? auc[d]! / (P * N) : Number.NaN;
    out[base + AVERAGE_PRECISION * outStride] = P > 0 && N > 0 ? ap[d]! / P : Number.NaN;
  }
}

/** Weighted confusion counts of every cell: acc[2k] = tp + fn·2^26, acc[2k+1] = tn + fp·2^26. */
function weightedCounts(start: Int32Array, target: Int32Array, value: Float64Array, weights: Uint16Array, acc: Float64Array): void {
  acc.fill(0);
  const C = weights.length;
  for (let c = 0; c < C; c++) {
    const w = weights[c]!;
    if (w === 0) continue;
    for (let e = start[c]!, end = start[c + 1]!; e < end; e++) acc[target[e]!]! += value[e]! * w;
  }
}

const scratchMetrics = new Float64Array(METRIC_COUNT);

/** Metrics of every cell from packed counts, written in the layout [(cell·M + metric)·stride + offset]. */
export function metricsFromCounts(acc: Float64Array, cellCount: number, out: Float64Array, outBase: number, stride: number, offset: number): void {
  for (let k = 0; k < cellCount; k++) {
    const pos = acc[2 * k]!;
    const neg = acc[2 * k + 1]!;
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
  const weights = new Uint16Array(plan.clusterCount).fill(1);
  const acc = new Float64Array(2 * plan.cellCount);
  return plan.channels.map((ch) => {
    const out = new Float64Array(plan.cellCount * METRIC_COUNT);
    weightedCounts(ch.counts.start, ch.counts.target, ch.counts.value, weights, acc);
    metricsFromCounts(acc, plan.cellCount, out, 0, 1, 0);
    if (ch.rank) rankPass(ch.rank, null, new RankState(ch.rank.domains.length), out, 0, 1, 0);
    return out;
  });
}

/**
 * Replicates b0..b1-1 of every channel. Output per channel: Float64Array of cell·M·(b1−b0) values
 * laid out [(cell·M + metric)·(b1−b0) + (b − b0)], NaN where a metric is undefined in a resample.
 */
export function runResamples(plan: JobPlan, seed: number, b0: number, b1: number): Float64Array[] {
  const span = b1 - b0;
  const weights = new Uint16Array(plan.clusterCount);
  const acc = new Float64Array(2 * plan.cellCount);
  const outs = plan.channels.map(() => new Float64Array(plan.cellCount * METRIC_COUNT * span));
  const states = plan.channels.map((ch) => (ch.rank ? new RankState(ch.rank.domains.length) : null));
  for (let b = b0; b < b1; b++) {
    const rows = drawWeights(seed, b, plan.clusterRows, weights);
    if (rows >= PACK) {
      throw new RangeError(`A bootstrap resample holds ${rows} weighted rows; the packed counts support fewer than ${PACK}. Score fewer rows per detector or use fewer, smaller clusters.`);
    }
    ensureHarmonic(rows + 1);
    plan.channels.forEach((ch, i) => {
      const out = outs[i]!;
      weightedCounts(ch.counts.start, ch.counts.target, ch.counts.value, weights, acc);
      metricsFromCounts(acc, plan.cellCount, out, 0, span, b - b0);
      if (ch.rank) rankPass(ch.rank, weights, states[i]!, out, 0, span, b - b0);
    });
  }
  return outs;
}
