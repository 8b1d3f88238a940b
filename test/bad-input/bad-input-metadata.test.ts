/**
 * Issue 14, failures 8 and 9: metadata that is not UTF-8 is refused with its line and byte offset
 * (never decoded with U+FFFD), and one file under several spellings is found as a duplicate.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, loadDataset } from '@semibench/harness';
import { tempDir } from '../helpers/run-fixtures.js';

function dataset(name: string, content: Buffer | string): { dir: string; file: string } {
  const dir = join(tempDir('meta'), name);
  mkdirSync(join(dir, 'a', 'x'), { recursive: true });
  for (const f of ['a/b.jpg', 'a/c.jpg', 'caf\u00e9.jpg']) writeFileSync(join(dir, f), 'not decoded here');
  writeFileSync(join(dir, 'metadata.csv'), content);
  return { dir, file: join(dir, 'metadata.csv') };
}

describe('metadata encoding', () => {
  it('refuses Latin-1 with the line and byte offset of the first bad byte', async () => {
    const text = 'image_id,image_path,label\nr1,a/b.jpg,real\nr2,caf\u00e9.jpg,fake\n';
    const { dir, file } = dataset('latin1', Buffer.from(text, 'latin1'));
    const offset = Buffer.from('image_id,image_path,label\nr1,a/b.jpg,real\nr2,caf', 'latin1').length;
    const error = (await loadDataset(dir).catch((e: unknown) => e)) as DatasetError;
    expect(error).toBeInstanceOf(DatasetError);
    expect(error.message).toContain(`${file}:3: not valid UTF-8 at byte offset ${offset} (bytes e9`);
    expect(error.message).toContain('iconv -f latin1 -t utf-8');
  });

  it('refuses truncated, overlong and surrogate sequences; accepts valid multi-byte UTF-8 and a BOM', async () => {
    const head = Buffer.from('image_id,image_path,label\nr1,a/b.jpg,real\n');
    for (const [name, bad] of [['truncated', [0xe2, 0x82]], ['overlong', [0xc0, 0xaf]], ['surrogate', [0xed, 0xa0, 0x80]], ['beyond', [0xf4, 0x90, 0x80, 0x80]]] as const) {
      const { dir } = dataset(name, Buffer.concat([head, Buffer.from('r2,'), Buffer.from(bad), Buffer.from('.jpg,fake\n')]));
      await expect(loadDataset(dir), name).rejects.toThrow(`:3: not valid UTF-8 at byte offset ${head.length + 3}`);
    }
    const { dir } = dataset('utf8', `\ufeffimage_id,image_path,label\nr1,a/b.jpg,real\nr2,caf\u00e9.jpg,fake\nr3,a/c.jpg,fake\n`);
    expect((await loadDataset(dir)).rows.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
  });
});

describe('one file under several spellings', () => {
  it('is a duplicate, whatever the spelling', async () => {
    const { dir, file } = dataset('spellings', ['image_id,image_path,label', 'r1,a/b.jpg,real', 'r2,a/./b.jpg,fake', 'r3,a/x/../b.jpg,fake', 'r4,./a//b.jpg,fake', 'r5,a/b,fake', 'r6,a/c.jpg,real'].join('\n'));
    const error = (await loadDataset(dir).catch((e: unknown) => e)) as DatasetError;
    expect(error).toBeInstanceOf(DatasetError);
    expect(error.message).toContain(`${file}: 4 problem(s) in the metadata; nothing was run.`);
    for (const [line, rel] of [[3, 'a/./b.jpg'], [4, 'a/x/../b.jpg'], [5, './a//b.jpg'], [6, 'a/b']]) {
      expect(error.message).toContain(`${file}:${line}: image_path "${rel}" duplicates line 2 ("a/b.jpg", the same file)`);
    }
  });
});
