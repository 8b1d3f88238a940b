/** The weighted sum shared by the count and calibration passes of the bootstrap kernel. */
import { LANES } from './plan.js';

/**
 * acc[target[e] + lane] += value[e] · weights[c·LANES + lane] for every entry e of every cluster c
 * (entries of cluster c are [start[c], start[c+1]); targets are multiples of LANES).
 */
export function accumulateLanes(start: Int32Array, target: Int32Array, value: Float64Array, weights: Uint16Array, acc: Float64Array): void {
  const C = start.length - 1;
  for (let c = 0, k = 0; c < C; c++, k += LANES) {
    // LANES = 8, unrolled: one entry load serves eight resamples, the weights stay in registers.
    const w0 = weights[k]!;
    const w1 = weights[k + 1]!;
    const w2 = weights[k + 2]!;
    const w3 = weights[k + 3]!;
    const w4 = weights[k + 4]!;
    const w5 = weights[k + 5]!;
    const w6 = weights[k + 6]!;
    const w7 = weights[k + 7]!;
    for (let e = start[c]!, end = start[c + 1]!; e < end; e++) {
      const t = target[e]!;
      const v = value[e]!;
      acc[t]! += v * w0;
      acc[t + 1]! += v * w1;
      acc[t + 2]! += v * w2;
      acc[t + 3]! += v * w3;
      acc[t + 4]! += v * w4;
      acc[t + 5]! += v * w5;
      acc[t + 6]! += v * w6;
      acc[t + 7]! += v * w7;
    }
  }
}
