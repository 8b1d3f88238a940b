/**
 * The bootstrap kernel: cluster weights of one resample → every metric of every cell of every
 * channel. Runs in the main thread or in a worker (same code, same results), so the output does not
 * depend on how resamples are split across threads.
 */
import { Rng, deriveSeed } from '../util/rng.js';
import { AVERAGE_PRECISION, COUNT_METRIC_SLOTS, EER, FPR_POINTS, METRIC_COUNT, ROC_AUC, TPR_AT_FPR_1PCT, TPR_AT_FPR_5PCT, countMetrics } from './metrics.js';
import { accumulateLanes } from './accumulate.js';
import { calibrationLanes, calibrationScratch } from './calibration.js';
import { EV_BLOCK, EV_NEG, EV_RUN, LANES, PACK, type CountPlan, type JobPlan, type RankPlan } from './plan.js';

export { LANES } from './plan.js';

/**
 * Multinomial cluster weights of resample `b`: C draws of a cluster with replacement, added to
 * weights[c·stride + offset]. Each resample has its own stream derived from (seed, b), so any split
 * of resamples over threads draws the same weights. Returns the weighted number of rows.
 */
function drawInto(seed: number, b: number, clusterRows: Int32Array, weights: Uint16Array, stride: number, offset: number): number {
  const rng = new Rng(deriveSeed(seed, `semibench/bootstrap/${b}`));
  const n = clusterRows.length;
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
      weights[c * stride + offset]!++;
      rows += clusterRows[c]!;
    }
  } else {
    for (let d = 0; d < n; d++) {
      const c = rng.int(n);
      weights[c * stride + offset]!++;
      rows += clusterRows[c]!;
    }
  }
  return rows;
}

/** The weights of resample `b` into `weights` (one per cluster). Returns the weighted number of rows. */
export function drawWeights(seed: number, b: number, clusterRows: Int32Array, weights: Uint16Array): number {
  weights.fill(0);
  return drawInto(seed, b, clusterRows, weights, 1, 0);
}

/** Weighted row count of lane `l` of lane-interleaved weights. */
function weightedRows(weights: Uint16Array, l: number, clusterRows: Int32Array): number {
  let rows = 0;
  for (let c = 0, k = l; c < clusterRows.length; c++, k += LANES) rows += weights[k]! * clusterRows[c]!;
  return rows;
}

/**
 * Lane weights already drawn in this thread, keyed by (seed, first resample, lanes) for one
 * cluster count: every job of a bootstrap draws the same resamples, so each is drawn once. Bounded
 * (beyond the budget, draws are simply not kept) and emptied by clearDrawCache.
 */
const drawCache = { clusterCount: -1, bytes: 0, lanes: new Map<string, Uint16Array>() };
const DRAW_CACHE_BYTES = 128 << 20;

function drawnLanes(seed: number, b: number, lanes: number, clusterCount: number): Uint16Array {
  if (drawCache.clusterCount !== clusterCount) {
    clearDrawCache();
    drawCache.clusterCount = clusterCount;
  }
  const key = `${seed}/${b}/${lanes}`;
  const kept = drawCache.lanes.get(key);
  if (kept) return kept;
  const weights = new Uint16Array(clusterCount * LANES);
  const noRows = new Int32Array(clusterCount); // row counts are the job's, taken by weightedRows
  for (let l = 0; l < lanes; l++) drawInto(seed, b + l, noRows, weights, LANES, l);
  if (drawCache.bytes + weights.byteLength <= DRAW_CACHE_BYTES) {
    drawCache.lanes.set(key, weights);
    drawCache.bytes += weights.byteLength;
  }
  return weights;
}

/** Frees the kept draws (the bootstrap calls it when it is done). */
export function clearDrawCache(): void {
  drawCache.lanes.clear();
  drawCache.bytes = 0;
  drawCache.clusterCount = -1;
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
 * Positives are summed four lanes per float64 (13 bits a lane: w0 + w1·2^13 + w2·2^26 + w3·2^39),
 * so one load and one add serve four resamples; the sums are exact integers below 2^52 as long as
 * every lane stays below 2^13, which `packChunk` positives at a time guarantee.
 */
const FIELD = 8192;
const FIELD2 = FIELD * FIELD;
const FIELD3 = FIELD2 * FIELD;

/** Packed doubles per cluster: four lanes each. */
const PACKS = LANES / 4;
// The hot loops below are unrolled for eight lanes (two packed doubles).
if (LANES !== 8) throw new Error(`scoring kernel: the loops are unrolled for LANES = 8, not ${LANES}`);

/** The weights of one group of LANES resamples, per lane and packed. */
export class LaneWeights {
  /** weights[c·LANES + lane]. */
  readonly lane: Uint16Array;
  /** packed[c·PACKS + q] = lanes 4q .. 4q + 3 of cluster c. */
  readonly packed: Float64Array;
  /** Positives a packed sum may take before a lane could reach 2^13. */
  packChunk = 1;
  /** Largest weighted row count of the lanes (sizes the harmonic table). */
  maxRows = 0;
  constructor(readonly clusterCount: number) {
    this.lane = new Uint16Array(clusterCount * LANES);
    this.packed = new Float64Array(clusterCount * PACKS);
  }

  /**
   * Draws resamples b .. b + lanes − 1. The weights depend only on (seed, b, lanes, cluster count),
   * and a detector's jobs (its slices and their matched-real jobs) share its clusters, so a draw
   * made for one job is kept for the next (see drawnLanes); the row counts are the job's own.
   */
  draw(seed: number, b: number, lanes: number, clusterRows: Int32Array): void {
    this.lane.set(drawnLanes(seed, b, lanes, this.clusterCount));
    this.maxRows = 0;
    for (let l = 0; l < lanes; l++) {
      const rows = weightedRows(this.lane, l, clusterRows);
      if (rows >= PACK) {
        throw new RangeError(`A bootstrap resample holds ${rows} weighted rows; the packed counts support fewer than ${PACK}. Score fewer rows per detector or use fewer, smaller clusters.`);
      }
      this.maxRows = Math.max(this.maxRows, rows);
    }
    this.pack();
  }

  /** Weight 1 for every cluster in lane 0: the full sample. */
  unit(): void {
    this.lane.fill(0);
    for (let c = 0; c < this.clusterCount; c++) this.lane[c * LANES] = 1;
    this.maxRows = 0;
    this.pack();
  }

  private pack(): void {
    const { lane, packed } = this;
    let max = 1;
    for (let k = 0, q = 0; q < packed.length; k += 4, q++) {
      const w0 = lane[k]!;
      const w1 = lane[k + 1]!;
      const w2 = lane[k + 2]!;
      const w3 = lane[k + 3]!;
      max = Math.max(max, w0, w1, w2, w3);
      packed[q] = w0 + w1 * FIELD + w2 * FIELD2 + w3 * FIELD3;
    }
    // A cluster drawn 2^13 times in one resample needs over 2^13 clusters all landing on one: never in practice.
    if (max >= FIELD) throw new RangeError(`a bootstrap resample drew one cluster ${max} times; the packed weights support fewer than ${FIELD}`);
    this.packChunk = Math.floor((FIELD - 1) / max);
  }
}

/** prevG once a slot's curve has nothing left to report (see RankState.vertex). */
const WALKED = -2;

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
  /** Class totals of the resample, known before the pass (see RankPlan.classStart). */
  readonly P: Float64Array;
  readonly N: Float64Array;
  /** ROC operating points, updated at every vertex as the curve is walked (see `vertex`). */
  readonly tpr1: Float64Array;
  readonly tpr5: Float64Array;
  readonly eer: Float64Array;
  /** The last vertex above the EER line (FNR − FPR > 0); prevG < 0 once the crossing is found. */
  readonly prevF: Float64Array;
  readonly prevT: Float64Array;
  readonly prevG: Float64Array;
  /**
   * Positives not yet in `pending`, still packed (PACKS doubles per domain), and how many positives
   * each domain holds there: runs add to these with one add per packed double, and they are
   * unpacked only when a negative of the domain needs them (or before a lane could overflow).
   */
  readonly packedPending: Float64Array;
  readonly packedCount: Int32Array;
  readonly sums = new Float64Array(LANES);
  /** Lane weights of each NEG event's cluster, in event order (negWeights[k·LANES + lane]). */
  readonly negWeights: Uint16Array;
  constructor(
    readonly domains: number,
    negatives: number,
  ) {
    this.negWeights = new Uint16Array(negatives * LANES);
    const size = domains * LANES;
    this.tp = new Float64Array(size);
    this.fp = new Float64Array(size);
    this.pending = new Float64Array(size);
    this.auc = new Float64Array(size);
    this.ap = new Float64Array(size);
    this.blockTp = new Float64Array(size);
    this.blockFp = new Float64Array(size);
    this.touched = new Int32Array(size);
    this.P = new Float64Array(size);
    this.N = new Float64Array(size);
    this.tpr1 = new Float64Array(size);
    this.tpr5 = new Float64Array(size);
    this.eer = new Float64Array(size);
    this.prevF = new Float64Array(size);
    this.prevT = new Float64Array(size);
    this.prevG = new Float64Array(size);
    this.packedPending = new Float64Array(PACKS * domains);
    this.packedCount = new Int32Array(domains);
  }
  reset(): void {
    this.tp.fill(0);
    this.fp.fill(0);
    this.pending.fill(0);
    this.auc.fill(0);
    this.ap.fill(0);
    this.packedPending.fill(0);
    this.packedCount.fill(0);
    this.tpr1.fill(0);
    this.tpr5.fill(0);
    this.eer.fill(Number.NaN);
    this.prevF.fill(0);
    this.prevT.fill(0);
    this.prevG.fill(1); // the curve starts at (0, 0): FNR − FPR = 1
  }

  /**
   * P and N of every domain and lane: weighted class counts per (domain, cluster), summed packed as
   * P + N·2^26 (half the multiply-adds; exact: every partial sum is an integer below 2^52, since a
   * resample holds fewer than 2^26 weighted rows, see LaneWeights.draw), then split.
   */
  totals(plan: RankPlan, W: Uint16Array): void {
    const { P, N } = this;
    P.fill(0);
    const { classStart, classCluster, classPos, classNeg } = plan;
    for (let dom = 0; dom < this.domains; dom++) {
      const d = dom * LANES;
      for (let e = classStart[dom]!; e < classStart[dom + 1]!; e++) {
        const k = classCluster[e]! * LANES;
        const v = classPos[e]! + classNeg[e]! * PACK;
        for (let l = 0; l < LANES; l++) P[d + l]! += W[k + l]! * v;
      }
    }
    for (let i = 0; i < P.length; i++) {
      const n = Math.floor(P[i]! / PACK);
      N[i] = n;
      P[i]! -= n * PACK;
    }
  }

  /**
   * A vertex (f, t) of the ROC curve of slot d, in walking order (descending score). TPR at FPR ≤ x
   * keeps the last (largest) t whose f/N ≤ x; the EER is found on the first segment that ends on
   * or below the line FNR = FPR, by linear interpolation from the previous vertex.
   */
  vertex(d: number, f: number, t: number): void {
    const gA = this.prevG[d]!;
    if (gA === WALKED) return;
    const N = this.N[d]!;
    const fpr = f / N;
    if (fpr <= FPR_POINTS[0]) this.tpr1[d] = t;
    if (fpr <= FPR_POINTS[1]) this.tpr5[d] = t;
    else if (gA < 0) {
      // Past the last FPR point with the EER found: no later vertex can change a metric (f only grows).
      this.prevG[d] = WALKED;
      return;
    }
    if (gA < 0) return;
    const g = 1 - t / this.P[d]! - fpr;
    if (g > 0) {
      this.prevF[d] = f;
      this.prevT[d] = t;
      this.prevG[d] = g;
      return;
    }
    const fA = this.prevF[d]! / N;
    const lambda = gA / (gA - g);
    this.eer[d] = fA + lambda * (fpr - fA);
    this.prevG[d] = -1;
  }
  /** Moves the packed positives of domain `dom` into its per-lane pending sums. */
  flush(dom: number): void {
    const { packedPending, sums, pending } = this;
    for (let q = 0; q < PACKS; q++) {
      unpack(packedPending[dom * PACKS + q]!, sums, 4 * q);
      packedPending[dom * PACKS + q] = 0;
    }
    this.packedCount[dom] = 0;
    const d = dom * LANES;
    for (let l = 0; l < LANES; l++) pending[d + l]! += sums[l]!;
  }
  flushAll(): void {
    for (let dom = 0; dom < this.domains; dom++) if (this.packedCount[dom]! > 0) this.flush(dom);
  }
}

/** Splits a packed sum of four lanes into sums[at .. at + 3]. */
function unpack(x: number, sums: Float64Array, at: number): void {
  let h = Math.floor(x / FIELD3);
  sums[at + 3] = h;
  x -= h * FIELD3;
  h = Math.floor(x / FIELD2);
  sums[at + 2] = h;
  x -= h * FIELD2;
  h = Math.floor(x / FIELD);
  sums[at + 1] = h;
  sums[at] = x - h * FIELD;
}

/**
 * AP credit of `s` pending positives that sit below `t` true and above `f` false positives. With
 * `exact` false (resamples) the S unit steps at a constant false-positive count F are credited in
 * bulk: Σ t/(t+F) = S − F·(H(T+F+S) − H(T+F)), so AP needs no division per row; with `exact` (the
 * full sample, unit weights) positive by positive, exactly as scikit-learn sums.
 */
function credit(H: Float64Array, exact: boolean, t: number, s: number, f: number): number {
  if (f === 0) return s;
  if (!exact) return s - f * harmonicDiff(H, t + f, s);
  let sum = 0;
  for (let u = 1; u <= s; u++) sum += (t + u) / (t + u + f);
  return sum;
}

/**
 * One pass over the ranked rows for `lanes` resamples at once. In resamples, duplicates created by
 * resampling are ranked as distinct (infinitesimally apart) copies (see `credit`), while ties
 * between distinct rows are still treated as ties.
 * Writes AUC and AP per domain and lane into out[outBase + domainCell·M·stride + metric·stride + offset + lane].
 */
export function rankPass(plan: RankPlan, weights: LaneWeights, lanes: number, exact: boolean, state: RankState, out: Float64Array, outBase: number, outStride: number, outOffset: number): void {
  state.reset();
  const { tp, fp, pending, auc, ap, packedPending, packedCount } = state;
  const { events, tupleStart, tupleCells, subTuple, subStart, posCluster } = plan;
  const W = weights.lane;
  const packed = weights.packed;
  const chunk = weights.packChunk;
  const H = harmonic;
  gatherNegativeWeights(plan, W, state);
  state.totals(plan, W);
  // RUN and NEG are the hot events (one per negative): kept inline here; BLOCKs (ties) are rare.
  let neg = 0;
  for (let e = 0; e < events.length; e += 3) {
    const op = events[e]!;
    const a = events[e + 1]!;
    const b = events[e + 2]!;
    if (op === EV_RUN) {
      for (let s = a; s < b; s++) {
        let i = subStart[s]!;
        const end = subStart[s + 1]!;
        const t = subTuple[s]!;
        const first = tupleStart[t]!;
        const last = tupleStart[t + 1]!;
        while (i < end) {
          // Packed sums of at most `chunk` positives: lanes 0–3 in x0, 4–7 in x1 (PACKS = 2).
          const stop = end - i > chunk ? i + chunk : end;
          const count = stop - i;
          let x0 = 0;
          let x1 = 0;
          for (; i < stop; i++) {
            const k = posCluster[i]! << 1;
            x0 += packed[k]!;
            x1 += packed[k + 1]!;
          }
          if (x0 + x1 === 0) continue;
          for (let j = first; j < last; j++) {
            const dom = tupleCells[j]!;
            if (packedCount[dom]! + count > chunk) state.flush(dom);
            const p = dom << 1;
            packedPending[p]! += x0;
            packedPending[p + 1]! += x1;
            packedCount[dom]! += count;
          }
        }
      }
    } else if (op === EV_NEG) {
      for (let j = tupleStart[b]!, last = tupleStart[b + 1]!; j < last; j++) {
        const dom = tupleCells[j]!;
        if (packedCount[dom]! > 0) state.flush(dom);
      }
      const at = neg++ * LANES;
      for (let l = 0; l < lanes; l++) {
        const w = state.negWeights[at + l]!;
        if (w === 0) continue;
        for (let j = tupleStart[b]!, last = tupleStart[b + 1]!; j < last; j++) {
          const d = tupleCells[j]! * LANES + l;
          let t = tp[d]!;
          const f = fp[d]!;
          const p = pending[d]!;
          if (p !== 0) {
            ap[d]! += credit(H, exact, t, p, f);
            t += p;
            pending[d] = 0;
          }
          state.vertex(d, f, t);
          auc[d]! += w * t;
          tp[d] = t;
          fp[d] = f + w;
          state.vertex(d, f + w, t);
        }
      }
    } else if (op === EV_BLOCK) blockEvent(plan, W, state, lanes, exact, a, b);
  }
  state.flushAll();
  finishPass(plan, state, lanes, exact, out, outBase, outStride, outOffset);
}

/**
 * The negatives' weights, gathered in one tight sweep (independent loads) rather than one cache
 * miss at a time inside the event loop.
 */
function gatherNegativeWeights(plan: RankPlan, W: Uint16Array, state: RankState): void {
  const { negCluster } = plan;
  const negW = state.negWeights;
  for (let k = 0; k < negCluster.length; k++) {
    const from = negCluster[k]! * LANES;
    const to = k * LANES;
    for (let l = 0; l < LANES; l++) negW[to + l] = W[from + l]!;
  }
}

/** Tied rows [a, b) of the block arrays. */
function blockEvent(plan: RankPlan, W: Uint16Array, state: RankState, lanes: number, exact: boolean, a: number, b: number): void {
  const { tupleStart, tupleCells, blockCluster, blockTuple, blockLabel } = plan;
  const { tp, fp, pending, auc, ap, blockTp, blockFp, touched } = state;
  const H = harmonic;
  state.flushAll();
  for (let l = 0; l < lanes; l++) {
    let nTouched = 0;
    for (let r = a; r < b; r++) {
      const w = W[blockCluster[r]! * LANES + l]!;
      if (w === 0) continue;
      const t = blockTuple[r]!;
      for (let j = tupleStart[t]!; j < tupleStart[t + 1]!; j++) {
        const d = tupleCells[j]! * LANES + l;
        if (blockTp[d] === 0 && blockFp[d] === 0) {
          const p = pending[d]!;
          if (p !== 0) {
            ap[d]! += credit(H, exact, tp[d]!, p, fp[d]!);
            tp[d]! += p;
            pending[d] = 0;
          }
          state.vertex(d, fp[d]!, tp[d]!);
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
      state.vertex(d, fp[d]!, tp[d]!);
      blockTp[d] = 0;
      blockFp[d] = 0;
    }
  }
}

/** The last pending positives credited, then every ranking metric of every domain and lane written out. */
function finishPass(plan: RankPlan, state: RankState, lanes: number, exact: boolean, out: Float64Array, outBase: number, outStride: number, outOffset: number): void {
  const { tp, fp, pending, auc, ap } = state;
  const H = harmonic;
  const { domains } = plan;
  for (let dom = 0; dom < domains.length; dom++) {
    for (let l = 0; l < lanes; l++) {
      const d = dom * LANES + l;
      if (pending[d] !== 0) {
        ap[d]! += credit(H, exact, tp[d]!, pending[d]!, fp[d]!);
        tp[d]! += pending[d]!;
      }
      const base = outBase + domains[dom]! * METRIC_COUNT * outStride + outOffset + l;
      const P = tp[d]!;
      const N = fp[d]!;
      const both = P > 0 && N > 0;
      if (both) state.vertex(d, N, P);
      out[base + ROC_AUC * outStride] = both ? auc[d]! / (P * N) : Number.NaN;
      out[base + AVERAGE_PRECISION * outStride] = both ? ap[d]! / P : Number.NaN;
      out[base + TPR_AT_FPR_1PCT * outStride] = both ? state.tpr1[d]! / P : Number.NaN;
      out[base + TPR_AT_FPR_5PCT * outStride] = both ? state.tpr5[d]! / P : Number.NaN;
      out[base + EER * outStride] = both ? state.eer[d]! : Number.NaN;
    }
  }
}

/** Weighted confusion counts of every cell and lane: acc[(2k + class)·LANES + lane], packed as correct + wrong·2^26. */
function weightedCounts(plan: CountPlan, weights: Uint16Array, acc: Float64Array): void {
  acc.fill(0);
  accumulateLanes(plan.start, plan.target, plan.value, weights, acc);
  // Derived targets (exact: every sum is an integer below 2^53, and each field of the difference is ≥ 0).
  const { derived, derivedFrom, derivedStart, derivedMinus } = plan;
  for (let i = 0; i < derived.length; i++) {
    const t = derived[i]!;
    const f = derivedFrom[i]!;
    for (let l = 0; l < LANES; l++) {
      let v = acc[f + l]!;
      for (let k = derivedStart[i]!; k < derivedStart[i + 1]!; k++) v -= acc[derivedMinus[k]! + l]!;
      acc[t + l] = v;
    }
  }
}

const scratchMetrics = new Float64Array(METRIC_COUNT);

/** Count metrics of every cell of one lane from packed counts, written at out[outBase + (cell·M + metric)·stride + offset]. */
export function metricsFromCounts(acc: Float64Array, lane: number, cellCount: number, out: Float64Array, outBase: number, stride: number, offset: number): void {
  for (let k = 0; k < cellCount; k++) {
    const pos = acc[2 * k * LANES + lane]!;
    const neg = acc[(2 * k + 1) * LANES + lane]!;
    const fn = Math.floor(pos / PACK);
    const fp = Math.floor(neg / PACK);
    countMetrics(pos - fn * PACK, fn, neg - fp * PACK, fp, scratchMetrics, 0);
    const base = outBase + k * METRIC_COUNT * stride + offset;
    for (let i = 0; i < COUNT_METRIC_SLOTS.length; i++) {
      const m = COUNT_METRIC_SLOTS[i]!;
      out[base + m * stride] = scratchMetrics[m]!;
    }
  }
}

/** Point estimates (every row once) of every channel: Float64Array[cell·M + metric] per channel. */
export function pointEstimates(plan: JobPlan): Float64Array[] {
  const weights = new LaneWeights(plan.clusterCount);
  weights.unit();
  const acc = new Float64Array(2 * plan.cellCount * LANES);
  return plan.channels.map((ch) => {
    const out = new Float64Array(plan.cellCount * METRIC_COUNT).fill(Number.NaN);
    weightedCounts(ch.counts, weights.lane, acc);
    metricsFromCounts(acc, 0, plan.cellCount, out, 0, 1, 0);
    const calibration = ch.counts.calibration;
    if (calibration) calibrationLanes(calibration, weights.lane, 1, new Float64Array(calibrationScratch(calibration)), out, 0, 1, 0);
    if (ch.rank) rankPass(ch.rank, weights, 1, true, new RankState(ch.rank.domains.length, ch.rank.negCluster.length), out, 0, 1, 0);
    return out;
  });
}

let reusable: LaneWeights | null = null;

/** Which metrics a resample computes: all, or only the count metrics or only ROC-AUC and AP (then the rest stays NaN). */
export type KernelPart = 'all' | 'counts' | 'rank';

/**
 * Replicates b0..b1-1 of every channel. Output per channel: Float64Array of cell·M·(b1−b0) values
 * laid out [(cell·M + metric)·(b1−b0) + (b − b0)], NaN where a metric is undefined in a resample.
 */
export function runResamples(plan: JobPlan, seed: number, b0: number, b1: number, part: KernelPart = 'all'): Float64Array[] {
  const span = b1 - b0;
  // A worker runs many tasks of one plan: its weight buffers are kept between them.
  if (reusable?.clusterCount !== plan.clusterCount) reusable = new LaneWeights(plan.clusterCount);
  const weights = reusable;
  const acc = new Float64Array(2 * plan.cellCount * LANES);
  const outs = plan.channels.map(() => new Float64Array(plan.cellCount * METRIC_COUNT * span).fill(Number.NaN));
  const states = plan.channels.map((ch) => (ch.rank && part !== 'counts' ? new RankState(ch.rank.domains.length, ch.rank.negCluster.length) : null));
  // Calibration (channel 0 of scored jobs) rides with the counts: the same weights, no draw of its own.
  const calibrationSums = plan.channels.map((ch) => (ch.counts.calibration && part !== 'rank' ? new Float64Array(calibrationScratch(ch.counts.calibration)) : null));
  for (let b = b0; b < b1; b += LANES) {
    const lanes = Math.min(LANES, b1 - b);
    weights.draw(seed, b, lanes, plan.clusterRows);
    ensureHarmonic(weights.maxRows + 1);
    plan.channels.forEach((ch, i) => {
      const out = outs[i]!;
      if (part !== 'rank') {
        weightedCounts(ch.counts, weights.lane, acc);
        for (let l = 0; l < lanes; l++) metricsFromCounts(acc, l, plan.cellCount, out, 0, span, b - b0 + l);
        const sums = calibrationSums[i];
        if (sums) calibrationLanes(ch.counts.calibration!, weights.lane, lanes, sums, out, 0, span, b - b0);
      }
      const state = states[i];
      if (ch.rank && state) rankPass(ch.rank, weights, lanes, false, state, out, 0, span, b - b0);
    });
  }
  return outs;
}
