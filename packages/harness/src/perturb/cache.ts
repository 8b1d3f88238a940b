/**
 * Perturbed images on disk, made once: `<cacheDir>/perturb/<name>/<sha256 of the source bytes>.<ext>`
 * (noise also keyed by the run seed). Files are named by content, so two rows with the same image
 * share one file, a renamed dataset reuses the cache, and the names say nothing about the class.
 * Writes are atomic (temp file + rename), so a killed run never leaves half an image behind.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from '../util/hash.js';
import { decodeRgb } from '../util/images.js';
import { perturbFile, perturbationName, type Perturbation } from './index.js';

let tmpCounter = 0;

export class PerturbedImageCache {
  private readonly pending = new Map<string, Promise<string>>();
  /** Folder of one perturbation's files (`jpeg-75`, `noise-4-seed0`). */
  readonly dir: string;

  constructor(
    cacheDir: string,
    readonly perturbation: Perturbation,
    readonly seed: number,
    private readonly limitInputPixels?: number,
  ) {
    const name = perturbationName(perturbation).replace(':', '-');
    this.dir = join(cacheDir, 'perturb', perturbation.kind === 'noise' ? `${name}-seed${seed}` : name);
  }

  /** The perturbed file of `source` (made on first use). Returns its path, inside `this.dir`. */
  async path(source: string): Promise<string> {
    const bytes = await readFile(source);
    const hash = sha256(bytes);
    const known = this.pending.get(hash);
    if (known) return known;
    const made = this.make(bytes, hash, source);
    this.pending.set(hash, made);
    try {
      return await made;
    } catch (error) {
      this.pending.delete(hash);
      throw error;
    }
  }

  private async make(bytes: Buffer, hash: string, source: string): Promise<string> {
    const ext = this.perturbation.kind === 'jpeg' ? 'jpg' : 'png';
    const target = join(this.dir, `${hash}.${ext}`);
    if (existsSync(target)) return target;
    const image = await decodeRgb(bytes, this.limitInputPixels ? { limitInputPixels: this.limitInputPixels } : {}).catch((error: Error) => {
      throw new Error(`--perturb ${perturbationName(this.perturbation)}: cannot decode ${source}: ${error.message}`);
    });
    const file = await perturbFile(image, this.perturbation, this.seed, hash);
    await mkdir(this.dir, { recursive: true });
    const tmp = `${target}.tmp-${process.pid}-${tmpCounter++}`;
    await writeFile(tmp, file.bytes);
    await rename(tmp, target);
    return target;
  }
}
