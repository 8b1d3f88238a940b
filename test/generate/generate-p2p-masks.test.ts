/**
 * `generate` saves the change masks it computes (spec §5.4) for prompt-based edits, which have no
 * input mask: p2p_masks/<model>/<edit id>.png, named in the rows' mask_path, and scoreable as ground truth.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeGrey } from '@semibench/harness';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { readCsv, tempDir, writePlugin } from '../helpers/run-fixtures.js';

/** A stand-in for a prompt-based editor: shifts every value of the top-left quarter by 128 (mod 256), whatever the mask. */
const P2P_EDITOR = `
export default {
  kind: 'editor',
  meta: { name: 'quarter-brighten', version: '1.0.0', apiVersion: 1, method: 'p2p' },
  create() {
    return {
      model: 'QuarterBrighten',
      async edit(request) {
        const { width, height, data } = request.image;
        const out = Uint8Array.from(data);
        for (let y = 0; y < height >> 1; y++) for (let x = 0; x < width >> 1; x++) for (let c = 0; c < 3; c++) {
          const i = (y * width + x) * 3 + c;
          out[i] = (out[i] + 128) % 256;
        }
        return { image: { data: out, width, height, channels: 3 } };
      },
    };
  },
};
`;

describe('generate: p2p change masks', { timeout: 300_000 }, () => {
  it('writes each p2p edit’s change mask under p2p_masks/ and points mask_path at it', async () => {
    const work = tempDir('p2p');
    const editor = writePlugin(work, 'quarter-brighten.mjs', P2P_EDITOR);
    const out = join(work, 'ds');
    const r = await runCli(['generate', '--input', join(REPO_ROOT, 'fixtures/semi-truths-sample/input'), '--out', out, '--perturber', 'rules', '--editor', editor, '--metric', 'pixel-change', '--seed', '3', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const fakes = readCsv(join(out, 'metadata.csv')).filter((row) => row.label === 'fake');
    expect(fakes).toHaveLength(10); // `rules` never flags: every mask of the sample is edited
    for (const f of fakes) {
      expect(f.method).toBe('p2p');
      expect(f.mask_path).toMatch(/^p2p_masks\/QuarterBrighten\/.+\.png$/);
      expect(existsSync(join(out, f.mask_path!))).toBe(true);
      const mask = await decodeGrey(join(out, f.mask_path!));
      const at = (x: number, y: number) => mask.data[y * mask.width + x];
      // Changed (inside the shifted quarter) and unchanged (far from it) pixels.
      expect(at(mask.width >> 2, mask.height >> 2)).toBe(255);
      expect(at(mask.width - 1, mask.height - 1)).toBe(0);
      expect(new Set(mask.data)).toEqual(new Set([0, 255]));
      // The mask's share of the image is the row's post-edit ratio (same pipeline, spec §5.4).
      const share = mask.data.filter((v) => v === 255).length / mask.data.length;
      expect(share).toBeCloseTo(Number(f.ratio_rgb), 12);
    }
    expect(readFileSync(join(out, 'metadata.csv'), 'utf8')).toContain('p2p_masks/');
  });
});
