/**
 * Backbone features of dataset rows, stored next to the probe so that fitting again (another
 * --val or --seed) decodes and runs nothing: DIR/features/<settings hash>.f32 holds one float32
 * vector per row, and the .json beside it says which row (key and image sha256) each vector is.
 * A row whose image changed is computed again.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeInput, hashValue, mapLimit, prepareInput, sha256File, type DatasetRow, type DetectorItem, type Logger } from '@semibench/harness';
import type { OnnxRunner } from '../onnx.js';
import type { Backbone } from './backbone.js';

interface FeatureIndex {
  backbone: { spec: string; sha256: string };
  layer: string;
  input: string;
  dim: number;
  rows: { key: string; sha256: string }[];
}

export interface FeatureSet {
  /** One vector per requested row, in order. */
  vectors: Float32Array[];
  dim: number;
  /** Image sha256 per row (the training-data fingerprint hashes these). */
  imageSha256: string[];
  /** Where they are stored. */
  file: string;
  computed: number;
  reused: number;
}

async function loadIndex(base: string): Promise<{ index: FeatureIndex; data: Float32Array } | undefined> {
  try {
    const index = JSON.parse(await readFile(`${base}.json`, 'utf8')) as FeatureIndex;
    const bytes = await readFile(`${base}.f32`);
    return { index, data: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4) };
  } catch {
    return undefined;
  }
}

export async function extractFeatures(
  rows: readonly DatasetRow[],
  backbone: Backbone,
  runner: OnnxRunner,
  layer: string,
  options: { dir: string; seed: number; logger: Logger; batchSize?: number },
): Promise<FeatureSet> {
  const input = describeInput({ kind: 'tensor', preprocess: backbone.preprocessing });
  const settings = { backbone: { spec: backbone.spec, sha256: backbone.sha256 }, layer, input };
  await mkdir(join(options.dir, 'features'), { recursive: true });
  const base = join(options.dir, 'features', hashValue(settings).slice(0, 16));
  const hashes = await mapLimit(rows, 4, (r) => sha256File(r.path));
  const stored = await loadIndex(base);
  const known = new Map<string, Float32Array>();
  if (stored) {
    const d = stored.index.dim;
    stored.index.rows.forEach((r, i) => known.set(`${r.key}\0${r.sha256}`, stored.data.subarray(i * d, (i + 1) * d)));
  }
  const vectors: Float32Array[] = rows.map((r, i) => known.get(`${r.key}\0${hashes[i] as string}`) as Float32Array);
  const missing = rows.map((_, i) => i).filter((i) => vectors[i] === undefined);
  const batch = options.batchSize ?? 16;
  for (let s = 0; s < missing.length; s += batch) {
    const idx = missing.slice(s, s + batch);
    const items: DetectorItem[] = await Promise.all(
      idx.map(async (i) => {
        const r = rows[i] as DatasetRow;
        const prepared = await prepareInput(r.path, { kind: 'tensor', preprocess: backbone.preprocessing }, { seed: options.seed, key: r.key });
        return { id: r.id, key: r.key, path: r.path, ...prepared };
      }),
    );
    const out = await runner.features(items);
    idx.forEach((i, k) => (vectors[i] = out[k] as Float32Array));
    options.logger.info(`features: ${Math.min(s + batch, missing.length)}/${missing.length} rows through ${backbone.spec} (${layer})`);
  }
  const dim = (vectors[0] as Float32Array).length;
  const bad = vectors.findIndex((v) => v.length !== dim);
  if (bad >= 0) throw new Error(`features: row ${(rows[bad] as DatasetRow).key} gave ${(vectors[bad] as Float32Array).length} values, others ${dim}`);
  const flat = new Float32Array(dim * rows.length);
  vectors.forEach((v, i) => flat.set(v, i * dim));
  const index: FeatureIndex = { ...settings, dim, rows: rows.map((r, i) => ({ key: r.key, sha256: hashes[i] as string })) };
  await writeFile(`${base}.f32`, Buffer.from(flat.buffer, flat.byteOffset, flat.byteLength));
  await writeFile(`${base}.json`, `${JSON.stringify(index)}\n`);
  return { vectors, dim, imageSha256: hashes, file: `${base}.f32`, computed: missing.length, reused: rows.length - missing.length };
}
