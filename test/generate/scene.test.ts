/** Scene diversity/complexity and bins (spec §5.10), with the spec's check values on the 10-image sample. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { computeSceneAttributes, normaliseSceneImageId, sceneBinEdges, sceneCategory, type SceneInputRow } from '@semibench/harness';

const rows = parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'semi-truths-sample', 'input', 'metadata.csv')), {
  columns: true,
}) as SceneInputRow[];

describe('scene attributes on the sample', () => {
  it('diversity mean 9.9, sigma ~3.5623 over unique images; the spec’s high/low/medium split', () => {
    const s = computeSceneAttributes(rows);
    expect(s.diversityEdges.mean).toBeCloseTo(9.9, 12);
    expect(s.diversityEdges.std).toBeCloseTo(3.5623026261113755, 12); // numpy.std (ddof 0)
    const cat = (id: string): string | undefined => s.byImage.get(id)?.diversityCategory;
    expect(cat('hamburg_000000_067799')).toBe('high');
    expect(s.byImage.get('hamburg_000000_067799')?.diversity).toBe(14);
    expect(cat('apartment_ts_oct_31_2012_scan1_erika__0007875-000321190987')).toBe('high');
    expect(cat('e16d9f29e2462eea')).toBe('low');
    const medium = [...s.byImage.values()].filter((v) => v.diversityCategory === 'medium');
    expect(medium).toHaveLength(7);
    expect(s.byImage.get('CelebA_20046')?.diversity).toBe(10); // 'r' counts
  });

  it('complexity is 1 everywhere, sigma 0, so every image is high', () => {
    const s = computeSceneAttributes(rows);
    expect(s.complexityEdges).toMatchObject({ mean: 1, std: 0 });
    expect([...s.byImage.values()].every((v) => v.complexity === 1 && v.complexityCategory === 'high')).toBe(true);
  });

  it('the stray CelebAHQ r can be dropped on request', () => {
    const s = computeSceneAttributes(rows, { dropCelebaStrayR: true });
    expect(s.byImage.get('CelebA_20046')?.diversity).toBe(9);
    expect(s.diversityEdges.mean).toBeCloseTo(9.8, 12);
  });
});

describe('scene helpers', () => {
  it('complexity counts rows per image; diversity comes from the first row', () => {
    const s = computeSceneAttributes([
      { image_id: 'a', entities: "['x', 'y']" },
      { image_id: 'a', entities: "['ignored']" },
      { image_id: 'a', entities: "['x', 'y']" },
      { image_id: 'b', entities: "['x']" },
    ]);
    expect(s.byImage.get('a')).toMatchObject({ diversity: 2, complexity: 3 });
    expect(s.byImage.get('b')).toMatchObject({ diversity: 1, complexity: 1 });
  });

  it('normalises CelebAHQ ids', () => {
    expect(normaliseSceneImageId('20046', 'CelebAHQ')).toBe('CelebA_20046');
    expect(normaliseSceneImageId('46', 'CelebAHQ')).toBe('CelebA_00046');
    expect(normaliseSceneImageId('CelebA_46')).toBe('CelebA_00046');
    expect(normaliseSceneImageId('12345', 'ADE20K')).toBe('12345');
  });

  it('bin boundaries: v < mu - sigma low, v >= mu + sigma high', () => {
    const e = sceneBinEdges([1, 2, 3, 4, 5]); // mu 3, sigma sqrt(2)
    expect(e.std).toBeCloseTo(Math.SQRT2, 14);
    expect(sceneCategory(3 - Math.SQRT2 - 1e-9, e)).toBe('low');
    expect(sceneCategory(3 - Math.SQRT2, e)).toBe('medium');
    expect(sceneCategory(3 + Math.SQRT2, e)).toBe('high');
  });

  it('names the row when entities cannot be parsed', () => {
    expect(() => computeSceneAttributes([{ image_id: 'bad', entities: "['x', " }])).toThrow(/row 1 \(image_id bad\)/);
  });
});
