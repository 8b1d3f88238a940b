/**
 * The per-run blind view: what a detector is shown of a row instead of its dataset file.
 * The image's bytes (after --reencode, if given) are written to `<view>/<sha256><ext>`, the
 * extension taken from the bytes, not the original name. A copy, not a symlink (whose target can be
 * read back) nor a hard link (which keeps the original's mtime and inode, both of which can differ
 * between classes); every view file gets the same fixed mtime. Files are deleted once their chunk
 * is predicted, so the view never holds more than the rows in flight. The row's key and image_id are
 * replaced by the file name too: keys name the class (`original/…`, `inpainting/…`) and ids group
 * a real with its edits.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DatasetRow } from '../dataset.js';
import type { PresentedRow, RowPresenter } from '../runner.js';
import { sha256 } from '../util/hash.js';
import { containerExtension, sniffContainer } from '../util/image-format.js';
import type { ReencodeCache } from './reencode.js';

/** Every view file's modification time: equal for all, so file times say nothing about the class. */
const FIXED_TIME = new Date('2000-01-01T00:00:00Z');

export interface PresenterOptions {
  /** Directory of the blind view; absent when paths are unblinded (--unblind path). */
  viewDir?: string;
  /** Re-encoded copies of the images (--reencode). */
  reencode?: ReencodeCache;
}

export class BlindPresenter implements RowPresenter {
  /** Rows in flight per view file (rows with identical bytes share one). */
  private readonly uses = new Map<string, number>();
  /** Deletions under way, awaited before a file of that name is made again. */
  private readonly removing = new Map<string, Promise<void>>();

  constructor(private readonly options: PresenterOptions) {}

  async present(row: DatasetRow, contentHash: string): Promise<PresentedRow> {
    let source = row.path;
    let bytes: Buffer | undefined;
    if (this.options.reencode) {
      bytes = await readFile(row.path);
      source = await this.options.reencode.file(bytes, contentHash).catch((e: unknown) => {
        throw new Error(`cannot decode image ${row.path} to re-encode it (--reencode): ${e instanceof Error ? e.message : String(e)}`);
      });
      bytes = await readFile(source);
    }
    if (!this.options.viewDir) return { source, path: source, key: row.key, id: row.id };
    bytes ??= await readFile(source);
    const name = `${sha256(bytes)}${containerExtension(sniffContainer(bytes.subarray(0, 16)))}`;
    const path = join(this.options.viewDir, name);
    // Counted before any await, so a release of an earlier chunk cannot delete it under us.
    this.uses.set(path, (this.uses.get(path) ?? 0) + 1);
    await this.removing.get(path);
    if (!existsSync(path)) {
      await mkdir(this.options.viewDir, { recursive: true });
      const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
      await writeFile(tmp, bytes);
      await utimes(tmp, FIXED_TIME, FIXED_TIME);
      await rename(tmp, path);
    }
    const token = basename(name);
    return { source, path, key: token, id: token };
  }

  /** Deletes the view files no row in flight still needs: the view holds about two chunks, not the dataset. */
  async release(rows: readonly PresentedRow[]): Promise<void> {
    if (!this.options.viewDir) return;
    const gone: Array<Promise<void>> = [];
    for (const { path } of rows) {
      const left = (this.uses.get(path) ?? 1) - 1;
      if (left > 0) {
        this.uses.set(path, left);
        continue;
      }
      this.uses.delete(path);
      const removal = rm(path, { force: true }).finally(() => {
        if (this.removing.get(path) === removal) this.removing.delete(path);
      });
      this.removing.set(path, removal);
      gone.push(removal);
    }
    await Promise.all(gone);
  }

  /** Removes the view (the run's scores do not need it; a resumed run makes it again). */
  async dispose(): Promise<void> {
    if (this.options.viewDir) await rm(this.options.viewDir, { recursive: true, force: true });
  }
}
