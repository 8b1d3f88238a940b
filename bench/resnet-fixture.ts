/**
 * What bench/onnx.ts and bench/isolation.ts share: the ResNet-50-sized ONNX model (seeded random
 * weights, built once into bench/.cache with its sidecar), a temp dataset of the fixture's images
 * copied `copies` times as distinct files, CPU-time accounting of child processes, and medians.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { IMAGENET_MEAN, IMAGENET_STD, loadDataset, type PreprocessSpec, type TensorSpec } from '@semibench/harness';
import { buildResNet50Onnx } from '@semibench/plugin-detectors/onnx/resnet';

export const repo = join(import.meta.dirname, '..');

/** torchvision's ImageNet evaluation transform: Resize(256), CenterCrop(224), Normalize. */
export const resnetPreprocessing: PreprocessSpec & { tensor: TensorSpec } = {
  steps: [{ op: 'resize', size: 256 }, { op: 'center-crop', size: 224 }],
  tensor: { layout: 'NCHW', mean: IMAGENET_MEAN, std: IMAGENET_STD },
};

/** Path of the model (built on first use) with its sidecar next to it. */
export function resnetModel(): string {
  const cacheDir = join(repo, 'bench', '.cache');
  const modelPath = join(cacheDir, 'resnet50-random.onnx');
  mkdirSync(cacheDir, { recursive: true });
  if (!existsSync(modelPath)) writeFileSync(modelPath, buildResNet50Onnx(0));
  writeFileSync(join(cacheDir, 'resnet50-random.semibench.json'), JSON.stringify({ semibench: 1, preprocessing: resnetPreprocessing, output: { kind: 'logit' } }));
  return modelPath;
}

/** A dataset of distinct files in a new temp directory: fixtures/semi-truths-mini's images, `copies` times. */
export async function copiedDataset(copies: number, prefix: string): Promise<{ root: string; files: string[]; fixtureImages: number }> {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const fixture = await loadDataset(join(repo, 'fixtures', 'semi-truths-mini'));
  const lines = ['image_id,image_path,label'];
  const files: string[] = [];
  mkdirSync(join(root, 'img'), { recursive: true });
  for (let c = 0; c < copies; c++) {
    for (const row of fixture.rows) {
      const rel = `img/${c}_${row.index}${extname(row.path)}`;
      copyFileSync(row.path, join(root, rel));
      lines.push(`${row.id}_${c},${rel},${row.label}`);
      files.push(join(root, rel));
    }
  }
  writeFileSync(join(root, 'metadata.csv'), lines.join('\n') + '\n');
  return { root, files, fixtureImages: fixture.rows.length };
}

/**
 * CPU seconds (user + system) of this process's waited-for children so far, from
 * /proc/self/stat (cutime, cstime; Linux only). Read before and after a synchronous child run.
 */
export function childCpuSeconds(): number {
  // Fields after the parenthesised command name; cutime and cstime are fields 16 and 17.
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100;
  return (Number(fields[13]) + Number(fields[14])) / ticksPerSecond;
}

/** CPU seconds (user + system, all threads) this process has used so far. */
export function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
