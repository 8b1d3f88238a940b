import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { RasterImage } from '@semibench/harness/plugin';
import { brisqueGrey, opencvHalfCubic, scaleFeatures, type GammaFunctions } from './features.js';

/** Directory of the shipped model data (svm.txt, normalize.json, gaussian-kernel-7x7.json). */
export const BRISQUE_DATA_DIR = fileURLToPath(new URL('../../data/brisque/', import.meta.url));

export interface BrisqueModel {
  /** 770 × 36 support vectors, dense (libsvm's omitted entries are 0). */
  readonly sv: Float64Array;
  readonly coef: Float64Array;
  readonly gamma: number;
  readonly rho: number;
  readonly dims: number;
  readonly min: Float64Array;
  readonly max: Float64Array;
  /** 7×7 Gaussian window, row-major, loaded bit-exactly from its hex form. */
  readonly window: Float64Array;
}

/** Parse a libsvm EPSILON_SVR / RBF text model. */
export function parseLibsvmModel(text: string, dims: number, file = 'svm.txt'): Pick<BrisqueModel, 'sv' | 'coef' | 'gamma' | 'rho'> {
  const lines = text.split(/\r?\n/);
  const header = new Map<string, string>();
  let i = 0;
  for (; i < lines.length && lines[i]!.trim() !== 'SV'; i++) {
    const [key, ...rest] = lines[i]!.trim().split(/\s+/);
    if (key) header.set(key, rest.join(' '));
  }
  if (header.get('svm_type') !== 'epsilon_svr' || header.get('kernel_type') !== 'rbf') {
    throw new Error(`${file}: expected an epsilon_svr model with an rbf kernel, got ${header.get('svm_type')}/${header.get('kernel_type')}`);
  }
  const total = Number(header.get('total_sv'));
  const gamma = Number(header.get('gamma'));
  const rho = Number(header.get('rho'));
  if (!Number.isInteger(total) || !Number.isFinite(gamma) || !Number.isFinite(rho)) throw new Error(`${file}: header lacks total_sv, gamma or rho`);
  const sv = new Float64Array(total * dims);
  const coef = new Float64Array(total);
  let k = 0;
  for (i++; i < lines.length && k < total; i++) {
    const parts = lines[i]!.trim().split(/\s+/);
    if (parts.length === 0 || parts[0] === '') continue;
    coef[k] = Number(parts[0]);
    for (const p of parts.slice(1)) {
      const colon = p.indexOf(':');
      const index = Number(p.slice(0, colon));
      if (!Number.isInteger(index) || index < 1 || index > dims) throw new Error(`${file}: line ${i + 1}: feature index ${p} outside 1..${dims}`);
      sv[k * dims + index - 1] = Number(p.slice(colon + 1));
    }
    k++;
  }
  if (k !== total) throw new Error(`${file}: header says ${total} support vectors, found ${k}`);
  return { sv, coef, gamma, rho };
}

function hexToDouble(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`), false);
  return view.getFloat64(0, false);
}

interface NormalizeJson { min_: number[]; max_: number[] }
interface KernelJson { n: number; kernel_hex_float64_be: string[][] }

/** Load the shipped model (or one in `dir` with the same file names). */
export async function loadBrisqueModel(dir = BRISQUE_DATA_DIR): Promise<BrisqueModel> {
  const [svmText, normText, kernelText] = await Promise.all([
    readFile(`${dir}/svm.txt`, 'utf8'),
    readFile(`${dir}/normalize.json`, 'utf8'),
    readFile(`${dir}/gaussian-kernel-7x7.json`, 'utf8'),
  ]);
  const norm = JSON.parse(normText) as NormalizeJson;
  const dims = norm.min_.length;
  if (norm.max_.length !== dims) throw new Error(`${dir}/normalize.json: min_ and max_ differ in length`);
  const kernel = JSON.parse(kernelText) as KernelJson;
  if (kernel.n !== 7) throw new Error(`${dir}/gaussian-kernel-7x7.json: expected a 7x7 window`);
  const window = Float64Array.from(kernel.kernel_hex_float64_be.flat().map(hexToDouble));
  return { ...parseLibsvmModel(svmText, dims, `${dir}/svm.txt`), dims, min: Float64Array.from(norm.min_), max: Float64Array.from(norm.max_), window };
}

export interface BrisqueDetail {
  score: number;
  /** 36 raw features: 18 at full scale, 18 at half scale. */
  features: number[];
  /** The features after min–max scaling to [−1, 1] (unclipped), as they enter the SVR. */
  scaled: number[];
}

/** Scores RGB images with brisque 0.0.16's algorithm and model. */
export class BrisqueScorer {
  constructor(readonly model: BrisqueModel, private readonly g: GammaFunctions) {}

  /** Load the shipped model and mathjs's Γ (accurate to ~1e-15 relative on the arguments that occur). */
  static async create(dir?: string): Promise<BrisqueScorer> {
    const [model, mathjs] = await Promise.all([loadBrisqueModel(dir), import('mathjs')]);
    return new BrisqueScorer(model, { gamma: (x) => mathjs.gamma(x), lgamma: (x) => mathjs.lgamma(x) });
  }

  score(image: RasterImage): number {
    return this.detail(image).score;
  }

  detail(image: RasterImage): BrisqueDetail {
    if (image.width < 2 || image.height < 2) {
      throw new Error(`BRISQUE: image ${image.width}x${image.height} is too small (a side of 1 makes the half-size image empty)`);
    }
    const grey = brisqueGrey(image);
    const s1 = scaleFeatures(grey, this.model.window, this.g);
    const s2 = scaleFeatures(opencvHalfCubic(grey), this.model.window, this.g);
    const features = [...s1.features, ...s2.features];
    const m = this.model;
    const scaled = features.map((f, i) => -1 + (2.0 / (m.max[i]! - m.min[i]!)) * (f - m.min[i]!));
    // R̂ ≥ 3/4 has no root: the package's solver stops at a huge α, every RBF term underflows and the SVR
    // returns −rho (155.845). Reproduce that instead of iterating.
    if (s1.unsolvable || s2.unsolvable) return { score: -m.rho, features, scaled };
    return { score: this.predict(scaled), features, scaled };
  }

  /** libsvm `svm_predict` for EPSILON_SVR with an RBF kernel: Σ coef·exp(−γ‖x − sv‖²) − rho. */
  predict(x: readonly number[]): number {
    const { sv, coef, gamma, rho, dims } = this.model;
    let sum = 0;
    for (let k = 0; k < coef.length; k++) {
      let d2 = 0;
      const base = k * dims;
      for (let i = 0; i < dims; i++) {
        const d = x[i]! - sv[base + i]!;
        d2 += d * d;
      }
      sum += coef[k]! * Math.exp(-gamma * d2);
    }
    return sum - rho;
  }
}
