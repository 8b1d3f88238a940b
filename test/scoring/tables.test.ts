/**
 * `semibench tables` library: the spec's Table 4 pair rule, numpy-style rounding, the paper's
 * reference numbers and tolerances, and every table rendered from prediction files in the
 * reference code's format (metadata columns + prediction, probability).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildTable4,
  buildTables,
  canonicalDetectorName,
  candidatePairs,
  droppedTables,
  latexEscape,
  computeTables,
  normalizePairText,
  readPredictionFile,
  referenceFor,
  renderTables,
  roundHalfEven,
  roundPercent2,
  withinTolerance,
  type ScoreRecord,
} from '@semibench/harness';
import { csvHeader, formatCsv, parseCsvRecords } from '../helpers/csv.js';

describe('Table 4 pair rule (spec §8)', () => {
  it('normalises labels like the notebook', () => {
    expect(normalizePairText('Left_Brow ')).toBe('left brow');
    expect(normalizePairText('Mercedes-Benz!')).toBe('mercedesbenz');
    expect(normalizePairText("the dress, with a sheer overlay")).toBe('the dress with a sheer overlay');
    expect(normalizePairText('cafe\u0301')).toBe('cafe'); // combining mark is not \w in Python: deleted
  });

  it('keeps pairs with count > 10 as candidates and ranks those with count >= 50', () => {
    const frame = [
      ...Array.from({ length: 60 }, () => ({ mask_name: 'hair', perturbed_mask_name: 'wig' })),
      ...Array.from({ length: 55 }, () => ({ mask_name: 'Sky', perturbed_mask_name: 'sky_at night' })),
      ...Array.from({ length: 52 }, () => ({ mask_name: 'nose', perturbed_mask_name: 'nose ring' })),
      ...Array.from({ length: 11 }, () => ({ mask_name: 'car', perturbed_mask_name: 'truck' })),
      ...Array.from({ length: 10 }, () => ({ mask_name: 'road', perturbed_mask_name: 'river' })),
      { mask_name: '', perturbed_mask_name: 'x' },
    ];
    const pairs = candidatePairs(frame);
    expect([...pairs]).toEqual([
      ['hair → wig', 60],
      ['sky → sky at night', 55],
      ['nose → nose ring', 52],
      ['car → truck', 11],
    ]);
    const rec = (group: string, value: number, n: number): ScoreRecord => ({ detector: 'D', slice: 'semantic_pair', group, metric: 'recall_fake', n, value, ci_low: null, ci_high: null });
    const records = [rec('hair → wig', 0.5, 40), rec('sky → sky at night', 0.5, 55), rec('nose → nose ring', 0, 52), rec('car → truck', 0.9, 11)];
    const [t4] = buildTable4(records, pairs, ['D']);
    // car → truck has count 11 < 50; nose → nose ring has recall 0 and is dropped; ties broken by count.
    expect(t4!.ranked.map((r) => `${r.original} → ${r.edited}`)).toEqual(['hair → wig', 'sky → sky at night']);
    expect(t4!.ranked.map((r) => r.count)).toEqual([60, 55]);
    expect(t4!.top10).toEqual(t4!.bottom10); // fewer than 20 pairs: the lists overlap
  });

  it('rounds as numpy does (half to even)', () => {
    expect(roundHalfEven(2.5)).toBe(2);
    expect(roundHalfEven(3.5)).toBe(4);
    expect(roundHalfEven(61.58)).toBe(62);
    expect(roundPercent2(97.435)).toBe(roundHalfEven(97.435 * 100) / 100);
    expect(roundPercent2((2 / 3) * 100)).toBe(66.67);
  });
});

describe('paper reference numbers and tolerances', () => {
  it('finds Table 3 and figure values under notebook or paper names', () => {
    const ref = referenceFor('table3_overall', 'DE-FAKE', 'all', 'precision_real');
    expect(ref).toEqual({ notebook: 0.499753, paper: 49.97 });
    // The paper truncated this cell (49.9753 printed as 49.97); still within ±0.01 points.
    expect(withinTolerance(0.499753, ref, 'percent2')).toEqual({ notebook: true, paper: true });
    expect(withinTolerance(0.4999, ref, 'percent2')).toEqual({ notebook: false, paper: false });
    const f5a = referenceFor('fig5a_f1_by_dataset', 'univfd', 'ADE20K', 'f1_macro');
    expect(f5a).toEqual({ notebook: 0.615815, paper: 62 });
    expect(withinTolerance(0.615815, f5a, 'integer')).toEqual({ notebook: true, paper: true });
  });
});

describe('tables from reference-format prediction files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'semibench-tables-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The sklearn fixture's metadata + detector A's predictions, written the way the reference code stored them. */
  function writeReferenceFile(): string {
    const fixture = join(import.meta.dirname, '..', '..', 'fixtures', 'reference', 'sklearn');
    const meta = parseCsvRecords(readFileSync(join(fixture, 'metadata.csv')));
    const preds = new Map(
      parseCsvRecords(readFileSync(join(fixture, 'predictions.csv')))
        .filter((r) => r[2] === 'det_a')
        .map((r) => [r[1]!, r]),
    );
    const header = meta[0]!;
    const pairsFor = (i: number): [string, string] => (i % 3 === 0 ? ['Hair', 'wig!'] : ['sky', 'sky_at night']);
    const records = [[...header, 'mask_name', 'perturbed_mask_name', 'ratio', 'prediction', 'probability']];
    meta.slice(1).forEach((row, i) => {
      const p = preds.get(row[1]!)!;
      const fake = row[2] === 'fake';
      const [m, pm] = fake ? pairsFor(i) : ['', ''];
      // Every 25th row has no prediction (unreadable image): empty cells, dropped and counted.
      const missing = i % 25 === 7;
      records.push([...row, m, pm, fake ? String((i % 37) / 37) : '', missing ? '' : p[5]!, missing ? '' : Number(p[4]).toFixed(2)]);
    });
    const path = join(dir, 'universalfakedetect_preds.csv');
    writeFileSync(path, formatCsv(records));
    return path;
  }

  it('renders every table present, with intervals, in md, csv and latex, and compares with the paper', async () => {
    const file = await readPredictionFile(writeReferenceFile());
    expect(file.format).toBe('reference');
    expect(file.rows[0]!.detector).toBe('UniversalFakeDetect');
    const result = await computeTables([file], undefined, { resamples: 100, seed: 1, confidence: 0.95, resample: 'cluster', compare: true, threads: 1 });
    expect(result.counts[0]).toMatchObject({ detector: 'UniversalFakeDetect', rows: 397, missing: 16, scored: 381 });
    const ids = result.built.tables.map((t) => t.id);
    // The paper's tables, then the threshold-free, matched-set and calibration tables (issue 16; no robustness table without perturbed runs).
    expect(ids).toEqual(['table3', 'fig5a', 'fig5b', 'fig6-model', 'fig6-method', 'fig7-area', 'fig7-semantic', 'fig7-area-written', 'threshold-free', 'matched-model', 'matched-method', 'matched-magnitude', 'calibration']);
    // As written: P25/P75 of the fakes' raw area ratio (values k/37, k = i mod 37), edges in the note.
    const written = result.built.tables.find((t) => t.id === 'fig7-area-written')!;
    expect(written.note).toMatch(/ratio edges P25 = 0\.2\d+, P75 = 0\.7\d+/);
    expect(written.cells.filter((c) => c.value !== null).map((c) => c.column)).toEqual(['small', 'medium', 'large']);
    const t3 = result.built.tables[0]!;
    const recall = t3.cells.find((c) => c.column === 'recall_fake')!;
    expect(recall.notebook).toBe(0.870271);
    expect(recall.paper).toBe(87.03);
    expect(recall.notebook_ok).toBe(false);
    expect(recall.ci_low).not.toBeNull();
    // Table 4: both pairs have more than 50 fakes; the notebook's and paper's lists are matched by normalised text.
    const t4 = result.built.table4[0]!;
    expect(t4.ranked.map((r) => `${r.original} → ${r.edited}`).sort()).toEqual(['hair → wig', 'sky → sky at night']);
    const md = renderTables(result.built, 'md', 0.95);
    expect(md).toContain('### Table 3');
    expect(md).toContain('Δ notebook (pp)');
    expect(md).toContain('### Table 4: UniversalFakeDetect, easiest 10');
    const csv = renderTables(result.built, 'csv', 0.95);
    expect(csvHeader(csv).slice(0, 8)).toEqual(['table', 'detector', 'column', 'metric', 'n', 'value', 'ci_low', 'ci_high']);
    expect(csv).toContain('table4,UniversalFakeDetect,hair → wig');
    const tex = renderTables(result.built, 'latex', 0.95);
    expect(tex).toContain('\\begin{tabular}');
    expect(tex).toContain('Table 4: UniversalFakeDetect');
    expect(tex).toContain('\\bottomrule');
  });
});

describe('rough edges of `tables` (issue 20)', () => {
  const rec = (detector: string, slice: string, group: string, metric: string, value: number): ScoreRecord => ({ detector, slice, group, metric, n: 100, value, ci_low: value - 0.01, ci_high: value + 0.01 });

  it("maps zoo names and the detectors' common aliases to the paper's detectors", () => {
    const cases: Record<string, string> = {
      'zoo:univfd': 'UniversalFakeDetect',
      UnivFD: 'UniversalFakeDetect',
      UniversalFakeDetect: 'UniversalFakeDetect',
      'zoo:cnnspot': 'CNNSpot',
      CNNSpot: 'CNNSpot',
      CNNDetection: 'CNNSpot',
      Wang2020: 'CNNSpot',
      'DE-FAKE': 'De-Fake',
      defake: 'De-Fake',
      'zoo:defake': 'De-Fake',
      DIRE: 'DIRE',
      CrossEfficientViT: 'CrossEfficientNet',
      'zoo:crossefficientvit': 'CrossEfficientNet',
      DINOv2: 'DinoV2',
      'zoo:dinov2': 'DinoV2',
    };
    for (const [name, paper] of Object.entries(cases)) expect(canonicalDetectorName(name), name).toBe(paper);
    expect(canonicalDetectorName('my-detector')).toBe('my-detector');
    expect(referenceFor('table3_overall', 'zoo:univfd', 'all', 'recall_fake')).toEqual(referenceFor('table3_overall', 'UniversalFakeDetect', 'all', 'recall_fake'));
    expect(referenceFor('table3_overall', 'zoo:univfd', 'all', 'recall_fake').paper).toBe(87.03);
  });

  it('--compare paper fills zoo runs and says when a detector matches none of the paper\'s', () => {
    const records = [rec('zoo:univfd', 'overall', 'all', 'recall_fake', 0.87), rec('mine', 'overall', 'all', 'recall_fake', 0.5)];
    const built = buildTables(records, { compare: true });
    const cells = built.tables[0]!.cells.filter((c) => c.column === 'recall_fake');
    expect(cells.find((c) => c.detector === 'zoo:univfd')!.paper).toBe(87.03);
    expect(cells.find((c) => c.detector === 'mine')!.paper).toBeUndefined();
    expect(built.warnings).toHaveLength(1);
    expect(built.warnings[0]).toMatch(/^--compare paper: mine matches none of the paper's detectors/);
    expect(buildTables([records[1]!], { compare: true }).warnings[0]).toMatch(/no detector matches one of the paper's \(mine\)/);
    expect(buildTables([records[0]!], { compare: true }).warnings).toEqual([]);
    expect(buildTables(records, {}).warnings).toEqual([]);
  });

  it('escapes every LaTeX special character in text, in one pass', () => {
    expect(latexEscape('precision_macro')).toBe('precision\\_macro');
    expect(latexEscape('a_b%c&d#e$f{g}h~i^j\\k')).toBe('a\\_b\\%c\\&d\\#e\\$f\\{g\\}h\\textasciitilde{}i\\textasciicircum{}j\\textbackslash{}k');
    expect(latexEscape('plain text 1.5')).toBe('plain text 1.5');
  });

  it('writes LaTeX whose text cells, headers and captions carry no unescaped special character', () => {
    const detector = 'det_#1 {50%} & ~x^y\\z';
    const records = [
      ...['precision_macro', 'recall_fake'].map((m) => rec(detector, 'overall', 'all', m, 0.8)),
      rec(detector, 'model', 'Kandinsky_2_2', 'recall_fake', 0.7),
    ];
    for (const compare of [false, true]) {
      const tex = renderTables(buildTables(records, { compare }), 'latex', 0.95);
      expect(tex).toContain('precision\\_macro');
      expect(tex).toContain('det\\_\\#1 \\{50\\%\\} \\& \\textasciitilde{}x\\textasciicircum{}y\\textbackslash{}z');
      // Outside the renderer's own markup ($...$ math, \commands{...}), no special character is left bare.
      const text = tex
        .replace(/\$[^$]*\$/g, '')
        .replace(/\\(textbackslash|textasciitilde|textasciicircum)\{\}/g, '')
        .replace(/\\(begin|end|caption|scriptsize)\b/g, '')
        .replace(/\\[_%&#${}\\]/g, '');
      const bare = text.split('\n').flatMap((line) => (/[_%#~^]/.test(line) ? [line] : []));
      expect(bare, bare.join('\n')).toEqual([]);
    }
  });

  it("shows a generated dataset's own models in Figure 6 instead of the paper's", () => {
    const own = buildTables([rec('d', 'model', 'telea', 'recall_fake', 0.4), rec('d', 'model', 'splice', 'recall_fake', 0.6), rec('d', 'method', 'inpainting', 'recall_fake', 0.5)]);
    expect(own.tables.find((t) => t.id === 'fig6-model')!.columns.map((c) => c.key)).toEqual(['splice', 'telea']);
    expect(own.tables.find((t) => t.id === 'fig6-model')!.cells.map((c) => c.value)).toEqual([0.6, 0.4]);
    expect(own.tables.find((t) => t.id === 'fig6-method')!.columns.map((c) => c.key)).toEqual(['inpainting', 'p2p']);
    const paper = buildTables([rec('d', 'model', 'OpenJourney', 'recall_fake', 0.4)]);
    expect(paper.tables.find((t) => t.id === 'fig6-model')!.columns.map((c) => c.key)).toEqual(['Kandinsky_2_2', 'OpenJourney', 'StableDiffusion_XL', 'StableDiffusion_v4', 'StableDiffusion_v5']);
  });

  it('says which figures cannot be built and why', () => {
    const none = droppedTables([], false);
    expect(none[0]).toMatch(/^not built: Figure 5a \(dataset\), Figure 5b \(scene_complexity_category\).*Figure 6 \(left\) \(model\).*: the prediction files carry no such column; give --dataset DIR/);
    expect(none[1]).toMatch(/^not built: Table 4/);
    const some = droppedTables(['dataset', 'scene_complexity_category', 'scene_diversity_category', 'model', 'method', 'ratio_category', 'sem_magnitude', 'dreamsim_category', 'ssim_rgb_category', 'ratio_p25_p75', 'dreamsim_p25_p75', 'ssim_rgb_p25_p75', 'semantic_pair'], true);
    expect(some).toEqual([]);
  });
});

describe('readPredictionFile rows', () => {
  it('keep every named column as written: a name given twice keeps its last column, an unnamed one is left out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'semibench-predfile-'));
    try {
      const path = join(dir, 'dup_preds.csv');
      const rows = Array.from({ length: 300 }, (_, i) => [`img${i % 7}`, `a/${i}.png`, i % 2 ? 'fake' : 'real', `first${i % 3}`, '', `last${i % 5}`, String(i % 2), String(i / 300)]);
      writeFileSync(path, formatCsv([['image_id', 'image_path', 'label', 'model', '', 'model', 'prediction', 'probability'], ...rows]));
      const file = await readPredictionFile(path);
      expect(file.columns).toEqual(['image_id', 'image_path', 'label', 'model', '', 'model', 'prediction', 'probability']);
      expect(file.rows).toHaveLength(300);
      file.rows.forEach((row, i) => {
        expect(row.columns).toEqual({ image_id: `img${i % 7}`, image_path: `a/${i}.png`, label: i % 2 ? 'fake' : 'real', model: `last${i % 5}`, prediction: String(i % 2), probability: String(i / 300) });
        expect(Object.keys(row.columns)).toEqual(['image_id', 'image_path', 'label', 'model', 'prediction', 'probability']);
        expect(row).toMatchObject({ line: i + 2, id: `img${i % 7}`, key: `a/${i}.png`, score: i / 300, prediction: i % 2 });
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
