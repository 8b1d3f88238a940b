/**
 * Pixel localisation metrics against scikit-learn / numpy / Pillow reference values made by
 * fixtures/reference/localisation/make_reference.py (see its docstring and the README there).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeGrey, decodeMap, flaggedShare, pixelScores } from '@semibench/harness';

const DIR = new URL('../../fixtures/reference/localisation/', import.meta.url);
interface RefCase { f1: number; iou: number; auc: number | null; f1_best: number; flagged_share: number }
const reference = JSON.parse(readFileSync(new URL('reference.json', DIR), 'utf8')) as { cases: Record<string, RefCase> };

describe('pixel metrics vs scikit-learn', () => {
  for (const [name, ref] of Object.entries(reference.cases)) {
    it(`${name}: F1, IoU, AUC, best F1, flagged share`, async () => {
      const map = await decodeMap(new URL(`cases/${name}.map.png`, DIR).pathname, name);
      const mask = await decodeGrey(new URL(`cases/${name}.mask.png`, DIR).pathname);
      const got = pixelScores(map, mask);
      expect(Math.abs(got.f1 - ref.f1)).toBeLessThan(1e-12);
      expect(Math.abs(got.iou - ref.iou)).toBeLessThan(1e-12);
      expect(Math.abs(got.f1Best - ref.f1_best)).toBeLessThan(1e-12);
      if (ref.auc === null) expect(got.auc).toBeNaN();
      else expect(Math.abs(got.auc - ref.auc)).toBeLessThan(1e-12);
      expect(Math.abs(flaggedShare(map) - ref.flagged_share)).toBeLessThan(1e-12);
    });
  }
});
