/**
 * The columnar scoring input (ScoringTableBuilder, scoringColumns, scoreTable) gives byte for byte
 * the records of scoreDetectors on the equivalent ScoringRows, and the score sort behind the ranking
 * metrics orders any keys (ties, ±0, infinities, crowded values) as a comparator sort does.
 */
import { describe, expect, it } from 'vitest';
import { Rng, ScoringTableBuilder, argsortDescending, scoreDetectors, scoreTable, scoringColumns, scoringInput, type DatasetRow, type PredictionRecord, type ScoreOptions, type ScoringRow } from '@semibench/harness';

const SLICES = ['dataset', 'method', 'bin'];

/** Dataset rows as the loader holds them: `images` source images, each a real and 1–6 edits. */
function datasetRows(rng: Rng, images: number): DatasetRow[] {
  const rows: DatasetRow[] = [];
  for (let c = 0; c < images; c++) {
    const id = `img${String(rng.int(1e6)).padStart(6, '0')}_${c}`; // ids not in row order
    const dataset = rng.pick(['ADE20K', 'CelebAHQ', 'SUN_RGBD']);
    const edits = 1 + rng.int(6);
    for (let e = 0; e <= edits; e++) {
      const fake = e > 0;
      const columns = {
        dataset,
        method: fake ? rng.pick(['inpainting', 'p2p']) : '',
        bin: fake ? rng.pick(['bin1', 'bin2', 'bin3', '']) : '',
      };
      const key = `${fake ? 'edits' : 'original'}/${id}_${e}.png`;
      rows.push({ index: rows.length, line: rows.length + 2, key, id, label: fake ? 'fake' : 'real', path: `/data/${key}`, columns });
    }
  }
  return rows;
}

/**
 * Predictions of three detectors: one on every row, one on ~80% with ties (scores rounded), one on
 * ~90% with NaN scores (only on ADE20K rows, so its other datasets keep ROC-AUC) and a duplicate.
 */
function predictionsFor(rng: Rng, rows: readonly DatasetRow[]): PredictionRecord[] {
  const out: PredictionRecord[] = [];
  for (const row of rows) {
    const base = (row.label === 'fake' ? 0.6 : 0.4) + (rng.next() - 0.5) * 0.8;
    out.push({ detector: 'full', key: row.key, id: row.id, label: row.label, score: base, cached: false });
    if (rng.next() < 0.8) out.push({ detector: 'tied', key: row.key, id: row.id, label: row.label, score: Math.round(base * 10) / 10, cached: false });
    if (rng.next() < 0.9) out.push({ detector: 'partial', key: row.key, id: row.id, label: row.label, score: row.columns.dataset === 'ADE20K' && rng.next() < 0.05 ? Number.NaN : base, cached: false });
  }
  const first = rows[0]!;
  out.push({ detector: 'partial', key: first.key, id: first.id, label: first.label, score: 0.123, cached: false }); // the last one wins
  return out;
}

const text = (x: unknown): string => JSON.stringify(x);

describe('columnar scoring input', () => {
  const rows = datasetRows(new Rng(7), 120);
  const predictions = predictionsFor(new Rng(8), rows);
  const detectors = ['full', 'tied', 'partial'];

  for (const resample of ['cluster', 'row'] as const) {
    it(`scoreTable(scoringColumns) = scoreDetectors(scoringInput), ${resample} resampling, inline and threaded`, async () => {
      const options: ScoreOptions = { slices: SLICES, resamples: 96, seed: 5, confidence: 0.9, resample, threads: 1 };
      const expected = await scoreDetectors(scoringInput(detectors, predictions, rows, SLICES, 0.5), options);
      const { table, detectors: columns } = scoringColumns(detectors, predictions, rows, SLICES, 0.5);
      expect(text(await scoreTable(table, columns, options))).toBe(text(expected));
      expect(text(await scoreTable(table, columns, { ...options, threads: 2 }))).toBe(text(expected));
      const aucs = expected.filter((r) => r.detector === 'partial' && r.metric === 'roc_auc').map((r) => r.group);
      expect(aucs).toEqual(['CelebAHQ', 'SUN_RGBD']);
    });
  }

  it('widens group codes past 127 and 32767 groups without changing a number', async () => {
    const rng = new Rng(3);
    const scoring: ScoringRow[] = [];
    const builder = new ScoringTableBuilder(['wide', 'narrow'], 16);
    for (let i = 0; i < 40000; i++) {
      const label = i % 5 === 0 ? 0 : 1;
      const score = rng.next() * 0.5 + label * 0.3;
      const groups = { wide: `w${i % 33000}`, narrow: i % 3 ? 'x' : '' };
      scoring.push({ key: `k${i}`, cluster: `c${i % 900}`, label, score, prediction: score >= 0.5 ? 1 : 0, groups });
      builder.add(`k${i}`, `c${i % 900}`, label, groups);
    }
    const table = builder.finish();
    expect(table.groups[0]).toBeInstanceOf(Int32Array);
    expect(table.groups[1]).toBeInstanceOf(Int8Array);
    const options: ScoreOptions = { slices: ['narrow', 'wide'], resamples: 8, seed: 1, confidence: 0.95, resample: 'cluster', threads: 1 };
    const all = Int32Array.from(scoring, (_, i) => i);
    const columns = [{ detector: 'd', rows: all, score: Float64Array.from(scoring, (r) => r.score), prediction: Uint8Array.from(scoring, (r) => r.prediction) }];
    expect(text(await scoreTable(table, columns, options))).toBe(text(await scoreDetectors([{ detector: 'd', rows: scoring }], options)));
  });

  it('builds large ranking passes on a worker with the same numbers as inline', async () => {
    const rows = datasetRows(new Rng(11), 20000); // ~90k rows: above the size that moves the ranking pass to a worker
    const predictions = predictionsFor(new Rng(12), rows);
    const { table, detectors: columns } = scoringColumns(['full', 'partial'], predictions, rows, ['dataset'], 0.5);
    const options: ScoreOptions = { slices: ['dataset'], resamples: 120, seed: 2, confidence: 0.95, resample: 'cluster' };
    const inline = await scoreTable(table, columns, { ...options, threads: 1 });
    expect(text(await scoreTable(table, columns, { ...options, threads: 2 }))).toBe(text(inline));
    // 'partial' has rows without a score in ADE20K: no ROC-AUC there nor overall, the other datasets keep theirs.
    expect(inline.filter((r) => r.detector === 'partial' && r.metric === 'roc_auc').map((r) => r.group)).toEqual(['CelebAHQ', 'SUN_RGBD']);
  });

  it('rejects a slice the table does not have and a row scored twice', async () => {
    const { table, detectors: columns } = scoringColumns(['full'], predictions, rows, SLICES, 0.5);
    const options: ScoreOptions = { slices: ['scene'], resamples: 0, seed: 0, confidence: 0.95, resample: 'cluster' };
    await expect(scoreTable(table, columns, options)).rejects.toThrow(/slice "scene" is not a column of the scoring table/);
    const twice = { ...columns[0]!, rows: Int32Array.of(0, 0), score: Float64Array.of(0.1, 0.2), prediction: Uint8Array.of(0, 0) };
    await expect(scoreTable(table, [twice], { ...options, slices: [] })).rejects.toThrow(/occurs twice/);
    // Same for ScoringRows, even when the repeated key comes with another cluster.
    const scoring = scoringInput(['full'], predictions, rows, SLICES, 0.5)[0]!.rows;
    const repeated = [...scoring, { ...scoring[40]!, cluster: 'elsewhere' }];
    await expect(scoreDetectors([{ detector: 'full', rows: repeated }], { ...options, slices: [] })).rejects.toThrow(`row key "${scoring[40]!.key}" occurs twice`);
  });
});

describe('score sort', () => {
  /** Reference: a stable comparator sort, descending, −0 = +0. */
  const reference = (keys: Float64Array): number[] =>
    Array.from(keys, (_, i) => i).sort((a, b) => (keys[a]! > keys[b]! ? -1 : keys[a]! < keys[b]! ? 1 : a - b));
  const check = (keys: Float64Array): void => {
    const got = argsortDescending(keys, Int32Array.from(keys, (_, i) => i));
    expect(Array.from(got)).toEqual(reference(keys));
  };

  it('orders spread scores, ties and signed zeros stably', () => {
    const rng = new Rng(4);
    check(Float64Array.from({ length: 5000 }, () => rng.next()));
    check(Float64Array.from({ length: 5000 }, () => Math.round(rng.next() * 20) / 20));
    check(Float64Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? 0 : i % 3 === 1 ? -0 : rng.next() - 0.5)));
  });

  it('orders crowded values (one bucket, radix-sorted) and infinite keys', () => {
    const rng = new Rng(5);
    // Nearly all keys within 1e-12 of 1, one far away: all but one land in a single bucket.
    check(Float64Array.from({ length: 4000 }, (_, i) => (i === 7 ? -1e6 : 1 - rng.next() * 1e-12)));
    check(Float64Array.from({ length: 2000 }, (_, i) => (i % 100 === 0 ? Number.POSITIVE_INFINITY : i % 101 === 0 ? Number.NEGATIVE_INFINITY : rng.next() * 2 - 1)));
    check(Float64Array.from({ length: 40 }, () => rng.next())); // too few keys for buckets
  });
});
