/**
 * `score` and `tables` read prediction files into columns (joinPredictionColumns + scoreTable): the
 * same records, byte for byte, as scoreDetectors on joinPredictions' row objects, with a dataset
 * and without one (each file's own metadata columns), and the same errors for a repeated key.
 */
import { describe, expect, it } from 'vitest';
import { Rng, joinPredictionColumns, joinPredictions, scoreDetectors, scoreTable, type Dataset, type DatasetRow, type PredictionFile, type PredictionFileRow, type ScoreOptions } from '@semibench/harness';

const SLICES = ['dataset', 'method'];

function metadataRows(rng: Rng, images: number): DatasetRow[] {
  const rows: DatasetRow[] = [];
  for (let c = 0; c < images; c++) {
    const id = `img${String(rng.int(1e6)).padStart(6, '0')}_${c}`;
    const dataset = rng.pick(['ADE20K', 'CelebAHQ']);
    for (let e = 0; e <= 1 + rng.int(4); e++) {
      const key = `${e > 0 ? 'edits' : 'original'}/${id}_${e}.png`;
      const columns = { dataset, method: e > 0 ? rng.pick(['inpainting', 'p2p']) : '' };
      rows.push({ index: rows.length, line: rows.length + 2, key, id, label: e > 0 ? 'fake' : 'real', path: `/data/${key}`, columns });
    }
  }
  return rows;
}

/** A semibench predictions file of two detectors (one misses some rows, one has no prediction on some). */
function predictionFile(rng: Rng, rows: readonly DatasetRow[]): PredictionFile {
  const out: PredictionFileRow[] = [];
  for (const row of rows) {
    const score = (row.label === 'fake' ? 0.6 : 0.4) + (rng.next() - 0.5) * 0.8;
    const base = { key: row.key, id: row.id, label: row.label, score, columns: { ...row.columns, image_id: row.id } };
    out.push({ ...base, line: out.length + 2, detector: 'a', prediction: score >= 0.5 ? 1 : 0 });
    if (rng.next() < 0.8) out.push({ ...base, line: out.length + 2, detector: 'b', prediction: rng.next() < 0.1 ? null : score >= 0.5 ? 1 : 0 });
  }
  return { path: 'predictions.csv', format: 'semibench', columns: ['image_id', 'image_path', 'detector', 'label', 'score', 'prediction', ...SLICES], rows: out };
}

describe('joinPredictionColumns', () => {
  const rows = metadataRows(new Rng(3), 60);
  const file = predictionFile(new Rng(4), rows);
  const dataset = { rows, metadataPath: 'metadata.csv', columns: ['image_id', 'image_path', 'label', ...SLICES] } as unknown as Dataset;
  const options: ScoreOptions = { slices: SLICES, resamples: 40, seed: 1, confidence: 0.95, resample: 'cluster', threads: 1 };

  for (const withDataset of [true, false]) {
    it(`scores as joinPredictions' rows do, ${withDataset ? 'joined to a dataset' : 'on the files’ own columns'}`, async () => {
      const ds = withDataset ? dataset : undefined;
      const rowsForm = joinPredictions([file], SLICES, ds);
      const columnar = joinPredictionColumns([file], SLICES, ds);
      expect(columnar.counts).toEqual(rowsForm.counts);
      expect(JSON.stringify(await scoreTable(columnar.table, columnar.detectors, options))).toBe(JSON.stringify(await scoreDetectors(rowsForm.input, options)));
    });
  }

  it('names a key given twice by one detector (without a dataset)', async () => {
    const twice: PredictionFile = { ...file, rows: [...file.rows, { ...file.rows[0]!, line: 999 }] };
    await expect(scoreDetectors(joinPredictions([twice], SLICES).input, options)).rejects.toThrow(/row key ".*" occurs twice/);
    expect(() => joinPredictionColumns([twice], SLICES)).toThrow(/row key ".*" occurs twice/);
  });
});
