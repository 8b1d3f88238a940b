/** The lines `eval` prints under the scores: how blind the run was, and what the files give away. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { describeShortcuts, type AuditFinding } from '../audit/index.js';
import { describeBlindness, type DetectorBlindness } from './policy.js';

export interface BlindSummaryInput {
  blind?: { blind: boolean; reencode?: string };
  detectors: ReadonlyArray<{ name: string; blind?: DetectorBlindness }>;
}

/** "not blind (...)" for a detector entry of a manifest; runs made before blind evaluation were never blind. */
export function detectorBlindNote(entry: { blind?: DetectorBlindness } | undefined): string {
  if (!entry) return '';
  if (!entry.blind) return 'not blind (run made before blind evaluation)';
  return describeBlindness(entry.blind);
}

export function blindSummary(manifest: BlindSummaryInput, shortcuts: readonly AuditFinding[]): string[] {
  const lines: string[] = [];
  const notes = manifest.detectors.map((d) => [d.name, detectorBlindNote(d)] as const).filter(([, note]) => note);
  if (notes.length) for (const [name, note] of notes) lines.push(`${name}: ${note}`);
  else lines.push('Blind: detectors saw only pixels (neutral file names, no masks, passable columns only, rows in a seeded shuffled order).');
  const found = describeShortcuts(shortcuts, manifest.blind?.reencode);
  if (found.length) lines.push('Shortcuts in this dataset (semibench audit; no detector needed):', ...found.map((l) => `  ${l}`));
  return lines;
}

/**
 * "detector X: not blind (...)" for every detector of a run whose predictions.csv is given (the
 * run's manifest.json sits beside it); files without a manifest (e.g. the reference code's CSVs)
 * say nothing, as their blindness is not recorded.
 */
export async function blindNotesForPredictionFiles(paths: readonly string[]): Promise<string[]> {
  const notes: string[] = [];
  for (const path of paths) {
    const manifestPath = join(dirname(resolve(path)), 'manifest.json');
    if (!existsSync(manifestPath)) continue;
    let manifest: BlindSummaryInput;
    try {
      manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as BlindSummaryInput;
    } catch {
      continue;
    }
    for (const d of manifest.detectors ?? []) {
      const note = detectorBlindNote(d);
      if (note) notes.push(`${d.name}: ${note}`);
    }
  }
  return notes;
}
