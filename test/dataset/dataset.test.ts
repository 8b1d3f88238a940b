import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, loadDataset, realPathInside } from '@semibench/harness';

function dataset(csv: string, files: string[] = []): string {
  const root = mkdtempSync(join(tmpdir(), 'semibench-ds-'));
  writeFileSync(join(root, 'metadata.csv'), csv);
  for (const f of files) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), 'x');
  }
  return root;
}

describe('dataset loading', () => {
  it('reads rows, keys them by image_path and passes unknown columns through', async () => {
    const root = dataset('image_id,image_path,label,dataset,custom\nA,original/a.jpg,real,ADE20K,x\nA,inpainting/a_edit.png,fake,ADE20K,y\n', ['original/a.jpg', 'inpainting/a_edit.png']);
    const ds = await loadDataset(root);
    expect(ds.rows).toHaveLength(2);
    expect(ds.rows[1]).toMatchObject({ index: 1, line: 3, key: 'inpainting/a_edit.png', id: 'A', label: 'fake', path: join(root, 'inpainting/a_edit.png') });
    expect(ds.rows[0]?.columns.custom).toBe('x');
    expect(ds.metadataSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('maps the full dataset column aliases to eval-set names (spec §2.4)', async () => {
    const root = dataset('img_id,image_path,label,diffusion_model,area_ratio,post_edit_ratio\nB,b.png,fake,OpenJourney,0.1,0.2\n', ['b.png']);
    const ds = await loadDataset(root);
    expect(ds.columns).toEqual(['image_id', 'image_path', 'label', 'model', 'ratio', 'ratio_rgb']);
    expect(ds.rows[0]?.columns.model).toBe('OpenJourney');
    expect(ds.renamedColumns).toMatchObject({ img_id: 'image_id', diffusion_model: 'model' });
  });

  it('appends the native extension of the source dataset, then tries .png/.jpg/.jpeg', async () => {
    const root = dataset('image_id,image_path,label,dataset\nC,imgs/c,real,CityScapes\nD,imgs/d,real,ADE20K\nE,imgs/e.jpg,fake,ADE20K\n', ['imgs/c.png', 'imgs/d.jpeg', 'imgs/e.png']);
    const ds = await loadDataset(root);
    expect(ds.rows.map((r) => r.path)).toEqual([join(root, 'imgs/c.png'), join(root, 'imgs/d.jpeg'), join(root, 'imgs/e.png')]);
  });

  it('reports every malformed row with its line number before any work', async () => {
    const root = dataset('image_id,image_path,label\nA,a.png,real\n,b.png,fake\nC,c.png,maybe\nD,a.png,fake\nE,../outside.png,real\nF,/etc/passwd,real\n');
    const error = (await loadDataset(root).catch((e: unknown) => e)) as DatasetError;
    expect(error).toBeInstanceOf(DatasetError);
    expect(error.problems).toEqual([
      `${join(root, 'metadata.csv')}:3: image_id is empty`,
      `${join(root, 'metadata.csv')}:4: label "maybe" is not real or fake`,
      `${join(root, 'metadata.csv')}:5: image_path "a.png" duplicates line 2`,
      `${join(root, 'metadata.csv')}:6: image_path "../outside.png" escapes the dataset root`,
      `${join(root, 'metadata.csv')}:7: image_path "/etc/passwd" is absolute; paths must be relative to the dataset root`,
    ]);
  });

  it('names missing required columns and lists what it found', async () => {
    const root = dataset('id,path\n1,a.png\n');
    await expect(loadDataset(root)).rejects.toThrow(/missing required column\(s\) image_id, image_path, label\. Found: id, path/);
  });

  it('reports a CSV syntax error with its line', async () => {
    const root = dataset('image_id,image_path,label\nA,a.png,real\nB,b.png\n');
    await expect(loadDataset(root)).rejects.toThrow(/metadata\.csv:3: cannot parse the CSV/);
  });

  it('rejects files that leave the root through a symlink', async () => {
    const root = dataset('image_id,image_path,label\nA,link.png,real\n');
    const target = join(mkdtempSync(join(tmpdir(), 'semibench-out-')), 'secret.png');
    writeFileSync(target, 'x');
    symlinkSync(target, join(root, 'link.png'));
    const ds = await loadDataset(root);
    await expect(realPathInside(root, ds.rows[0]!.path)).rejects.toThrow(/outside the dataset root/);
  });

  it('says what a dataset needs when the directory has no metadata.csv', async () => {
    const root = mkdtempSync(join(tmpdir(), 'semibench-empty-'));
    await expect(loadDataset(root)).rejects.toThrow(/no metadata\.csv found/);
  });
});
