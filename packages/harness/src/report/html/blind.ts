/**
 * The report's blind-evaluation parts: a "not blind" badge per detector, the dataset's shortcut
 * features (audit.json) beside the scores, and, for runs that differ only in --reencode, each
 * detector's paired change with its interval.
 */
import { describeShortcuts, type AuditFinding } from '../../audit/index.js';
import { compareReencode, type ReencodeComparison } from '../../blind/compare.js';
import { detectorBlindNote } from '../../blind/summary.js';
import type { DetectorBlindness } from '../../blind/policy.js';
import type { LoadedRun } from './load.js';

export interface BlindReport {
  /** Per dataset spec: the flagged shortcuts of its first run that has an audit, as sentences. */
  shortcuts: Array<{ dataset: string; lines: string[]; findings: AuditFinding[] }>;
  /** Paired --reencode effects between runs of one dataset that differ in it. */
  reencode: Array<{ runA: string; runB: string; comparison: ReencodeComparison }>;
}

export async function buildBlindReport(runs: readonly LoadedRun[]): Promise<BlindReport> {
  const report: BlindReport = { shortcuts: [], reencode: [] };
  for (const run of runs) {
    const dataset = run.manifest.dataset.spec;
    if (run.shortcuts.length && !report.shortcuts.some((s) => s.dataset === dataset)) {
      report.shortcuts.push({ dataset, lines: describeShortcuts(run.shortcuts, run.manifest.blind?.reencode), findings: run.shortcuts });
    }
  }
  // Each run with --reencode against the first run of the same data without it (or with another setting).
  for (const b of runs) {
    if (!b.manifest.blind?.reencode) continue;
    const a = runs.find((r) => r !== b && r.manifest.dataset.metadataSha256 === b.manifest.dataset.metadataSha256 && r.manifest.blind?.reencode !== b.manifest.blind?.reencode);
    if (!a) continue;
    const comparison = await compareReencode(a, b);
    if (comparison?.effects.length) report.reencode.push({ runA: a.name, runB: b.name, comparison });
  }
  return report;
}

function esc(text: unknown): string {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The badge after a detector's name; '' for a blind detector. */
export function notBlindBadge(entry: { blind?: DetectorBlindness } | undefined): string {
  const note = detectorBlindNote(entry);
  return note ? ` <span class="notblind" title="${esc(note)}">not blind</span>` : '';
}

function signed(v: number): string {
  return v >= 0 ? `+${v.toFixed(3)}` : v.toFixed(3);
}

export function blindSection(report: BlindReport | undefined): string {
  if (!report || (!report.shortcuts.length && !report.reencode.length)) return '';
  const shortcuts = report.shortcuts.map((s) => {
    const flagged = s.findings.filter((f) => f.slice === 'overall').sort((x, y) => y.auc - x.auc);
    const rows = flagged.map(
      (f) =>
        `<tr${f.flagged ? ' class="flagged"' : ''}><th scope="row">${esc(f.feature)}</th><td class="num">${f.n}</td><td class="num">${f.auc.toFixed(3)}${f.ci_low !== null && f.ci_high !== null ? ` <span class="muted">[${f.ci_low.toFixed(3)}, ${f.ci_high.toFixed(3)}]</span>` : ''}</td><td>${f.flagged ? 'flagged' : ''}</td></tr>`,
    );
    const sentences = s.lines.length ? `<ul class="notes">${s.lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : '<p class="sub">No feature of the files separates real from edited above the threshold.</p>';
    return `<h3>Dataset ${esc(s.dataset)}</h3>${sentences}
<details><summary>Every feature</summary><div class="table-scroll"><table class="shortcuts"><thead><tr><th scope="col">feature</th><th scope="col">n</th><th scope="col">AUC [interval]</th><th scope="col"></th></tr></thead><tbody>${rows.join('')}</tbody></table></div></details>`;
  });
  const reencode = report.reencode.map(({ runA, runB, comparison }) => {
    const rows = comparison.effects.map(
      (e) =>
        `<tr><th scope="row">${esc(e.detector)}</th><td>${esc(e.metric)}</td><td class="num">${e.a.toFixed(3)}</td><td class="num">${e.b.toFixed(3)}</td><td class="num">${signed(e.diff)}${e.ci_low !== null && e.ci_high !== null ? ` <span class="muted">[${signed(e.ci_low)}, ${signed(e.ci_high)}]</span>` : ''}</td><td class="num">${e.n}</td></tr>`,
    );
    return `<h3>--reencode: ${esc(runA)} (${esc(comparison.a)}) → ${esc(runB)} (${esc(comparison.b)})</h3>
<p class="sub">Paired on the images both runs scored, same bootstrap resamples for both; an interval that excludes 0 means the encoding changed the score.</p>
<div class="table-scroll"><table class="reencode"><thead><tr><th scope="col">detector</th><th scope="col">metric</th><th scope="col">${esc(comparison.a)}</th><th scope="col">${esc(comparison.b)}</th><th scope="col">change [interval]</th><th scope="col">n</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
  });
  return `<section id="shortcuts"><h2>Shortcuts and blindness</h2>
<p class="sub explain">What the image files give away without any detector (semibench audit: ROC-AUC of one header feature, real vs edited, direction-free,
with cluster-bootstrap intervals). A detector can learn such a shortcut instead of the edit; re-encoding every image the same way (eval --reencode png) removes
container and encoder differences. Detectors marked "not blind" could read the label from a side channel (docs/blind.md).</p>
${shortcuts.join('\n')}${reencode.join('\n')}</section>`;
}
