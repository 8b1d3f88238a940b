/**
 * Matched-real scoring of attribute slices.
 *
 * An attribute slice (method, model, magnitude, a change-metric bin, scene, localisation) only
 * holds edited images, so on its own it gives a detection rate at one threshold. Its threshold-free
 * scores are taken on a matched set instead: for a group G, G's edited rows together with the real
 * rows whose `image_id` occurs among them, each real once. Every edit of G then competes with the
 * very images it was made from, so a detector cannot look good on G merely because G's source
 * images (scenes, datasets) are easy to tell from other reals: scene content is the same on both
 * sides and the score measures the edit alone.
 *
 * A slice is an attribute slice when no real row of the job has a value in it; mixed slices such
 * as `dataset` already hold both classes and are scored on their own rows. The matched sets of one
 * slice overlap (a real whose edits fall in several groups is in each of their sets), so each slice
 * becomes a job of its own in which a real row is repeated once per group it is matched to. Clusters
 * keep their numbers, so a resample weighs every copy of a real with the weight of its image and
 * the matched sets are resampled with the same draws as the detector's other cells.
 */
import { CALIBRATION_METRICS } from './calibration.js';
import type { GroupCodes, JobInput } from './plan.js';
import type { PreparedJob } from './table.js';

/**
 * Metrics an attribute-slice group reports on its matched set (with n = edits + matched reals); the
 * rest of the cell (e.g. `recall_fake`, the detection rate) stays on the group's own rows.
 */
export const MATCHED_METRICS: ReadonlySet<string> = new Set([
  'balanced_accuracy',
  'roc_auc',
  'average_precision',
  'tpr_at_fpr_1pct',
  'tpr_at_fpr_5pct',
  'eer',
  ...CALIBRATION_METRICS,
]);

/** The matched-real job of one attribute slice, and where its cells sit among the original job's. */
export interface MatchedJob {
  /** Index of the slice among the job's slices. */
  readonly slice: number;
  readonly input: JobInput;
  /** Cell k of this job (k ≥ 1; cell 0 is unused) is cell originalCell[k] of the original job. */
  readonly originalCell: Int32Array;
}

/** Real rows of each cluster (CSR: rows of cluster c are reals[start[c] .. start[c+1])). */
function realsByCluster(input: JobInput): { start: Int32Array; reals: Int32Array } {
  const { label, cluster, clusterCount } = input;
  const start = new Int32Array(clusterCount + 1);
  for (let r = 0; r < label.length; r++) if (label[r] === 0) start[cluster[r]! + 1]!++;
  for (let c = 0; c < clusterCount; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, clusterCount);
  const reals = new Int32Array(start[clusterCount]!);
  for (let r = 0; r < label.length; r++) if (label[r] === 0) reals[fill[cluster[r]!]!++] = r;
  return { start, reals };
}

/** Whether slice j holds only fake rows (and at least one). */
function isAttributeSlice(input: JobInput, j: number): boolean {
  const codes = input.groups[j]!;
  let fakes = 0;
  for (let r = 0; r < codes.length; r++) {
    if (codes[r]! < 0) continue;
    if (input.label[r] === 0) return false;
    fakes++;
  }
  return fakes > 0;
}

/** One matched job per attribute slice of `job` (none when the job has no real rows). */
export function matchedJobs(job: PreparedJob): MatchedJob[] {
  const input = job.input;
  const { start, reals } = realsByCluster(input);
  if (reals.length === 0) return [];
  const out: MatchedJob[] = [];
  input.groups.forEach((_, j) => {
    if (isAttributeSlice(input, j)) out.push(matchedJob(input, j, start, reals));
  });
  return out;
}

function matchedJob(input: JobInput, j: number, realStart: Int32Array, reals: Int32Array): MatchedJob {
  const codes = input.groups[j]!;
  const toCell = input.groupCell[j]!;
  const G = toCell.length;
  const C = input.clusterCount;
  // Groups in cell order get cells 1..; which (cluster, group) pairs have an edit.
  const newCell = new Int32Array(G).fill(-1);
  const order = [...toCell.keys()].filter((g) => toCell[g]! >= 0).sort((a, b) => toCell[a]! - toCell[b]!);
  const originalCell = new Int32Array(order.length + 1).fill(-1);
  order.forEach((g, i) => {
    newCell[g] = i + 1;
    originalCell[i + 1] = toCell[g]!;
  });
  const pair = new Uint8Array(C * G);
  let fakes = 0;
  let extra = 0;
  for (let r = 0; r < codes.length; r++) {
    const g = codes[r]!;
    if (g < 0) continue;
    fakes++;
    const c = input.cluster[r]!;
    if (!pair[c * G + g]) {
      pair[c * G + g] = 1;
      extra += realStart[c + 1]! - realStart[c]!;
    }
  }
  // Rows: the slice's edits, then per (cluster, group) pair the cluster's reals.
  const n = fakes + extra;
  const source = new Int32Array(n);
  const code: GroupCodes = G < 128 ? new Int8Array(n) : G < 32768 ? new Int16Array(n) : new Int32Array(n);
  let k = 0;
  for (let r = 0; r < codes.length; r++) {
    if (codes[r]! < 0) continue;
    source[k] = r;
    code[k++] = codes[r]!;
  }
  for (let c = 0; c < C; c++) {
    if (realStart[c + 1] === realStart[c]) continue;
    for (let g = 0; g < G; g++) {
      if (!pair[c * G + g]) continue;
      for (let i = realStart[c]!; i < realStart[c + 1]!; i++) {
        source[k] = reals[i]!;
        code[k++] = g;
      }
    }
  }
  const label = new Uint8Array(n);
  const cluster = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    label[i] = input.label[source[i]!]!;
    cluster[i] = input.cluster[source[i]!]!;
  }
  const channels = input.channels.map((ch) => {
    const score = new Float64Array(n);
    const prediction = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      score[i] = ch.score[source[i]!]!;
      prediction[i] = ch.prediction[source[i]!]!;
    }
    return { score, prediction };
  });
  return {
    slice: j,
    originalCell,
    input: { label, cluster, clusterCount: C, groups: [code], groupCell: [newCell], cellCount: order.length + 1, channels, rankOverall: false },
  };
}
