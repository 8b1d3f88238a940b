/**
 * `semibench zoo export NAME --checkpoint FILE`: runs the entry's committed export script
 * (zoo/<name>/export.py) with the user's Python, then writes the sidecar that makes the ONNX file
 * self-describing (preprocessing of the default mode, output rule, provenance). The script does
 * the framework work; everything semibench needs to know about the result lives here.
 */
import { spawn } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sha256File } from '@semibench/harness';
import { sidecarPathFor, type OnnxSidecar } from '../onnx.js';
import { DEFAULT_PREPROCESS, type ZooRecipe } from './recipes.js';
import { zooFile } from './index.js';

export interface ExportOptions {
  checkpoint: string;
  outDir: string;
  /** Python interpreter (default python3). */
  python?: string;
  /** Extra arguments for the script (e.g. --opset). */
  extraArgs?: readonly string[];
  /** Where the script's stderr goes (progress, warnings). */
  onStderr?: (text: string) => void;
}

export interface ExportResult {
  onnx: string;
  sidecar: string;
  /** What the script reported on its last stdout line (versions, opset, output names). */
  report: Record<string, unknown>;
}

function runPython(python: string, args: readonly string[], onStderr: (t: string) => void): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(python, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      onStderr(d.toString());
    });
    child.on('error', (e) => reject(new Error(`cannot start ${python}: ${e.message} (give --python /path/to/python3)`)));
    child.on('close', (code) => {
      if (code === 0) resolvePromise(stdout);
      else reject(new Error(`${python} ${args[0]} exited with code ${code}:\n${stderr.trim().split('\n').slice(-15).join('\n')}`));
    });
  });
}

function lastJsonLine(stdout: string, script: string): Record<string, unknown> {
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    const parsed = JSON.parse(line) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new Error(`${script} did not print its JSON report as the last stdout line (got ${JSON.stringify(line.slice(0, 200))})`);
}

/** The sidecar of an exported zoo model: the default mode's preprocessing and the recipe's output rule. */
export function zooSidecar(recipe: ZooRecipe, report: Record<string, unknown>, checkpointSha256: string): OnnxSidecar {
  const pre = recipe.preprocess[DEFAULT_PREPROCESS];
  const sidecar: OnnxSidecar = {
    semibench: 1,
    name: `zoo:${recipe.name}`,
    version: String(report.exportVersion ?? '1'),
    description: `${recipe.title}, exported by semibench zoo export from a checkpoint with sha256 ${checkpointSha256}`,
    source: `${recipe.code} (${recipe.weights.source})`,
  };
  if (pre.input.kind === 'tensor') sidecar.preprocessing = pre.input.preprocess;
  // A backbone-only export (the probe route) has no decision rule of its own.
  if (!recipe.routes.includes('probe')) sidecar.output = recipe.output;
  if (recipe.trainedOn) sidecar.trainedOn = recipe.trainedOn;
  return sidecar;
}

export async function exportZooModel(recipe: ZooRecipe, options: ExportOptions): Promise<ExportResult> {
  const script = zooFile(recipe, 'export');
  const checkpoint = resolve(options.checkpoint);
  await stat(checkpoint).catch(() => {
    throw new Error(`--checkpoint ${options.checkpoint}: no such file`);
  });
  const outDir = resolve(options.outDir);
  await mkdir(outDir, { recursive: true });
  const onnx = join(outDir, `${recipe.name}.onnx`);
  const python = options.python ?? 'python3';
  const stdout = await runPython(python, [script, '--checkpoint', checkpoint, '--out', onnx, ...(options.extraArgs ?? [])], options.onStderr ?? (() => {}));
  const report = lastJsonLine(stdout, script);
  await stat(onnx).catch(() => {
    throw new Error(`${script} reported success but wrote no ${onnx}`);
  });
  const sidecar = sidecarPathFor(onnx);
  const body = zooSidecar(recipe, report, await sha256File(checkpoint));
  await writeFile(sidecar, `${JSON.stringify(body, null, 2)}\n`);
  return { onnx, sidecar, report };
}
