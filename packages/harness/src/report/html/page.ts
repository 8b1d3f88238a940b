/**
 * The report page: one HTML document with everything inline (styles, script, SVG charts, JPEG
 * thumbnails as data: URIs). A Content-Security-Policy forbids every fetch, so a report can never
 * reach the network, even if some embedded markup tried to.
 */
import { createHash } from 'node:crypto';
import type { DetectorManifestEntry, RunManifest } from '../../run/types.js';
import type { ScoreRecord } from '../../scoring/index.js';
import { REPORT_CSS, REPORT_SCRIPT } from './assets.js';
import { blindSection, notBlindBadge } from './blind.js';
import { formatValue, type ChartRenderer } from './charts.js';
import type { ExamplesResult, ExampleSlice } from './examples.js';
import type { OverlaysResult } from './overlays.js';
import { METRIC_LABELS, METRIC_SHORT_LABELS, type LeaderboardRow, type LeaderboardView, type ReportDetector, type ReportModel } from './model.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Text for a value with its interval; `data-value` carries the number for sorting. */
export function valueCell(record: Pick<ScoreRecord, 'value' | 'ci_low' | 'ci_high'> | undefined): string {
  if (!record || record.value === null) return '<td class="num" data-value="">—</td>';
  const ci = record.ci_low !== null && record.ci_high !== null ? `<br><span class="ci">[${formatValue(record.ci_low)}, ${formatValue(record.ci_high)}]</span>` : '';
  return `<td class="num" data-value="${record.value}"><span class="value">${formatValue(record.value)}</span>${ci}</td>`;
}

export function swatch(d: Pick<ReportDetector, 'color'>): string {
  return `<span class="swatch" style="background:${d.color}" aria-hidden="true"></span>`;
}

export function sortableHead(columns: ReadonlyArray<{ label: string; numeric?: boolean; title?: string }>): string {
  const cells = columns.map(
    (c) => `<th scope="col" data-sort="${c.numeric ? 'num' : 'text'}"${c.numeric ? ' class="num"' : ''}${c.title ? ` title="${escapeHtml(c.title)}"` : ''}><button type="button">${escapeHtml(c.label)}</button></th>`,
  );
  return `<thead><tr>${cells.join('')}</tr></thead>`;
}

export function notesList(notes: readonly string[]): string {
  return notes.length ? `<ul class="notes">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';
}

function rankText(row: LeaderboardRow, total: number): { text: string; tie: string } {
  const { rank_best: best, rank_worst: worst, tied_with: tied } = row.entry;
  return {
    text: best === worst ? String(best) : `${best}–${worst}`,
    tie: tied.length === 0 ? 'separated from all others' : tied.length === total - 1 && total > 2 ? 'tied with all others' : `tied with ${tied.join(', ')}`,
  };
}

function leaderboardSection(view: LeaderboardView, model: ReportModel): string {
  const level = `${Math.round(view.confidence * 100)}%`;
  const others = view.headlineMetrics.filter((m) => m !== view.metric);
  const label = (m: string) => ({ label: METRIC_SHORT_LABELS[m] ?? m, numeric: true, title: METRIC_LABELS[m] ?? m });
  const head = sortableHead([
    { label: 'rank', numeric: true, title: 'Best–worst rank compatible with the paired comparisons' },
    { label: 'detector' },
    { label: 'n', numeric: true, title: 'images scored' },
    { ...label(view.metric), label: `${METRIC_SHORT_LABELS[view.metric] ?? view.metric} ▾` },
    ...others.map(label),
  ]);
  const body = view.rows.map((row) => {
    const r = rankText(row, view.rows.length);
    const ranked = { value: row.entry.value, ci_low: row.entry.ci_low, ci_high: row.entry.ci_high };
    return (
      `<tr${row.entry.small ? ' class="small"' : ''}>` +
      `<td class="num rank" data-value="${row.entry.rank_best + row.entry.rank_worst / 1000}">${escapeHtml(r.text)}</td>` +
      `<th scope="row">${swatch(row.detector)}${escapeHtml(row.detector.id)}${notBlindBadge(row.detector.entry)}<br><span class="tie">${escapeHtml(r.tie)}</span></th>` +
      `<td class="num" data-value="${row.entry.n}">${row.entry.n}</td>` +
      valueCell(ranked) +
      others.map((m) => valueCell(row.headline[m])).join('') +
      '</tr>'
    );
  });
  const where = model.leaderboards.length > 1 ? `<h3>Dataset ${escapeHtml(view.dataset)}</h3>` : '';
  return `${where}
<p class="sub explain">Ranked (▾) by ${escapeHtml(METRIC_LABELS[view.metric] ?? view.metric)} over all scored images. A rank range such as 1–2 means the
paired bootstrap comparisons (same images, same resamples for both detectors, ${level} level) cannot order the detector against those it is tied with:
two detectors are tied when the interval of their difference contains 0. Brackets are ${level} bootstrap intervals${model.resample === 'cluster' ? ' resampling source images with all their edits' : ''}.</p>
<div class="table-scroll"><table class="sortable leaderboard">${head}<tbody>${body.join('')}</tbody></table></div>
${notesList(view.notes)}`;
}

function describeSource(entry: DetectorManifestEntry): string {
  const s = entry.source;
  const pkg = s.packageName ? ` (${s.packageName}${s.packageVersion ? `@${s.packageVersion}` : ''})` : '';
  return `${s.type}: ${s.spec}${pkg}`;
}

function detectorsTable(detectors: readonly ReportDetector[]): string {
  const head = '<thead><tr><th scope="col">detector</th><th scope="col">plugin</th><th scope="col">source</th><th scope="col">input</th><th scope="col">trained on</th><th scope="col">options</th><th scope="col">description</th></tr></thead>';
  const rows = detectors.map((d) => {
    const e = d.entry;
    if (!e) return `<tr><th scope="row">${swatch(d)}${escapeHtml(d.id)}</th><td colspan="6" class="muted">not in the run's manifest</td></tr>`;
    const options = e.identity.options ?? e.identity;
    return (
      `<tr><th scope="row">${swatch(d)}${escapeHtml(d.id)}${notBlindBadge(e)}</th>` +
      `<td>${escapeHtml(`${e.plugin}@${e.version}`)}<br><span class="muted">API v${e.apiVersion}${e.needsMask ? ', needs masks' : ''}</span></td>` +
      `<td>${escapeHtml(describeSource(e))}${e.source.sha256 ? `<br><code title="sha256 of the plugin file">${escapeHtml(e.source.sha256.slice(0, 12))}</code>` : ''}</td>` +
      `<td>${escapeHtml(e.input)}</td>` +
      `<td>${e.trainedOn.length ? escapeHtml(e.trainedOn.join(', ')) : '<span class="muted">not declared</span>'}</td>` +
      `<td><code>${escapeHtml(JSON.stringify(options))}</code></td>` +
      `<td>${escapeHtml(e.description ?? '')}</td></tr>`
    );
  });
  return `<h3>Detectors</h3><div class="table-scroll"><table class="detectors">${head}<tbody>${rows.join('')}</tbody></table></div>`;
}

function slicesSection(model: ReportModel, charts: ChartRenderer): string {
  const level = `${Math.round(model.confidence * 100)}%`;
  const cards = model.families.map(
    (f) => `<figure class="card chart" id="slice-${escapeHtml(f.slice)}" data-slice="${escapeHtml(f.slice)}">
<h3>${escapeHtml(f.title)} <span class="muted">(${escapeHtml(f.slice)})</span></h3>
<p class="sub">${escapeHtml(METRIC_LABELS[f.metric] ?? f.metric)} per group; whiskers: ${level} interval; n = images per group${f.note ? `; ${escapeHtml(f.note)}` : ''}</p>
${charts.bars(f, model.detectors)}</figure>`,
  );
  return `<section id="slices"><h2>Slices</h2>
<p class="sub explain">Each slice family splits the images by one metadata column. Attribute slices hold only edited images, so they show the
detection rate (recall on fakes); slices whose groups hold both real and fake images (the source dataset) show macro F1. Hover a bar for its exact value.</p>
<div class="legend">${charts.legend(model.detectors, false)}</div>
<div class="grid">${cards.join('\n')}</div></section>`;
}

function curvesSection(model: ReportModel, charts: ChartRenderer): string {
  const families = model.families.filter((f) => f.magnitude);
  if (families.length === 0) return '';
  const cards = families.map(
    (f) => `<figure class="card chart curve" data-slice="${escapeHtml(f.slice)}">
<h3>${escapeHtml(f.title)}</h3>
<p class="sub">${escapeHtml(METRIC_LABELS[f.metric] ?? f.metric)}${f.note ? `; ${escapeHtml(f.note)}` : ''}</p>
${charts.curves(f, model.detectors)}</figure>`,
  );
  return `<section id="curves"><h2>Magnitude of change</h2>
<p class="sub explain">How detection changes with the size of the edit: one line per detector over the bins (bin1–bin5 are quantile bins of the
change metric; small/medium/large are the coarse magnitudes). Shaded bands are ${Math.round(model.confidence * 100)}% intervals.</p>
<div class="legend">${charts.legend(model.detectors, true)}</div>
<div class="grid small">${cards.join('\n')}</div></section>`;
}

function calibrationSection(model: ReportModel, charts: ChartRenderer): string {
  const views = model.reliability.filter((v) => v.bins.length > 0);
  if (views.length === 0) return '';
  const line = (v: (typeof views)[number]): string => {
    const ece = v.ece ? `ECE ${formatValue(v.ece.value)} ${v.ece.ci_low !== null ? `[${formatValue(v.ece.ci_low)}, ${formatValue(v.ece.ci_high)}]` : ''}` : 'no ECE';
    return `<li>${escapeHtml(v.detector)}: ${v.notProbability ? '<strong>scores are not probabilities</strong> (declared in its meta): not scored on calibration' : escapeHtml(ece)}</li>`;
  };
  return `<section id="calibration"><h2>Calibration</h2>
<p class="sub explain">Reliability diagram: predictions in 15 equal-width bins of p(fake); each dot is a bin's mean predicted probability against its share of
fakes (dot size grows with the bin's images). A calibrated detector follows the dashed diagonal. Expected calibration error, Brier score and log-loss per
slice are in the score table.</p>
<div class="legend">${charts.legend(model.detectors, true)}</div>
<figure class="card chart" id="reliability">${charts.reliability(views, model.detectors)}</figure>
<ul>${views.map(line).join('')}</ul></section>`;
}

function robustnessSection(model: ReportModel, charts: ChartRenderer): string {
  if (model.degradation.length === 0) return '';
  const cards = model.degradation.map(
    (f) => `<figure class="card chart curve" data-perturbation="${escapeHtml(f.kind)}">
<h3>${escapeHtml(f.title)}</h3>
<p class="sub">${escapeHtml(METRIC_LABELS[f.metric] ?? f.metric)} against ${escapeHtml(f.axis)}; the unperturbed score sits at the no-op strength</p>
${charts.degradation(f, model.detectors)}</figure>`,
  );
  return `<section id="robustness"><h2>Robustness</h2>
<p class="sub explain">Every detector on perturbed copies of every image (eval --perturb). Shaded bands are ${Math.round(model.confidence * 100)}% intervals;
the paired change against the clean images, with its interval, is in the run's robustness.csv and in <code>semibench tables</code>.</p>
<div class="legend">${charts.legend(model.detectors, true)}</div>
<div class="grid small">${cards.join('\n')}</div></section>`;
}

function exampleSlice(slice: ExampleSlice, detectors: readonly ReportDetector[]): string {
  const colour = new Map(detectors.map((d) => [d.id, d]));
  const figures = slice.images.map((img) => {
    const chips = img.scores.map((s) => {
      const d = colour.get(s.detector);
      const verdict = s.prediction === 1 ? 'fake' : 'real';
      const score = Number.isFinite(s.score) ? formatValue(s.score, 2) : '—';
      return `<span class="chip" title="${escapeHtml(`${s.detector}: score ${score}, called ${verdict}`)}">${d ? swatch(d) : ''}${score} ${s.prediction === 1 ? '✓' : '✗'}</span>`;
    });
    return `<figure><img src="${img.dataUri}" width="${img.width}" height="${img.height}" alt="${escapeHtml(`${slice.slice} = ${slice.group}: ${img.key}`)}">
<figcaption><code title="${escapeHtml(img.key)}">${escapeHtml(img.key.split('/').pop() ?? img.key)}</code><br>${chips.join('')}</figcaption></figure>`;
  });
  const label = slice.kind === 'hardest' ? 'Hardest' : 'Easiest';
  return `<h3>${label}: ${escapeHtml(slice.title)} = ${escapeHtml(slice.group)} <span class="muted">(mean detection rate ${formatValue(slice.meanValue, 2)}, n = ${slice.n})</span></h3>
<div class="examples" data-kind="${slice.kind}" data-slice="${escapeHtml(slice.slice)}" data-group="${escapeHtml(slice.group)}">${figures.join('\n')}</div>`;
}

/** Pixel-F1 bars per slice and image / mask / map overlays, for detectors that return localisation maps. */
function localisationSection(model: ReportModel, charts: ChartRenderer, overlays: OverlaysResult): string {
  if (model.pixelFamilies.length === 0 && overlays.overlays.length === 0) return '';
  const level = `${Math.round(model.confidence * 100)}%`;
  const cards = model.pixelFamilies.map(
    (f) => `<figure class="card chart" data-slice="${escapeHtml(f.slice)}" data-metric="pixel_f1">
<h3>${escapeHtml(f.title)} <span class="muted">(${escapeHtml(f.slice)})</span></h3>
<p class="sub">pixel F1 per group (mean over edited images with a mask); whiskers: ${level} interval; n = images per group</p>
${charts.bars(f, model.detectors)}</figure>`,
  );
  const figures = overlays.overlays.map((o) => {
    const cell = (uri: string, label: string) =>
      `<figure><img src="${uri}" width="${o.width}" height="${o.height}" alt="${escapeHtml(`${label} of ${o.key}`)}"><figcaption>${escapeHtml(label)}</figcaption></figure>`;
    return `<div class="overlay" data-slice="${escapeHtml(o.slice)}" data-group="${escapeHtml(o.group)}"><h4>${escapeHtml(o.slice)} = ${escapeHtml(o.group)}: <code>${escapeHtml(o.key)}</code></h4>
<div class="examples">${[cell(o.image, 'image'), cell(o.mask, 'mask (ground truth)'), ...o.maps.map((m) => cell(m.dataUri, `map: ${m.detector}`))].join('\n')}</div></div>`;
  });
  return `<section id="localisation"><h2>Localisation</h2>
<p class="sub explain">Where the detectors that return maps see the edit: pixel F1 of the map (flagged at p ≥ 0.5) against the row's mask, per
slice group, and for a few edited images per slice the image, its mask and each detector's map (white = edited).</p>
${notesList(overlays.notes)}
<div class="legend">${charts.legend(model.detectors, false)}</div>
<div class="grid">${cards.join('\n')}</div>
${figures.join('\n')}</section>`;
}

function examplesSection(model: ReportModel, examples: ExamplesResult): string {
  if (examples.slices.length === 0 && examples.notes.length === 0) return '';
  return `<section id="examples"><h2>Examples</h2>
<p class="sub explain">Edited images of the slices with the lowest and highest detection rate (mean over detectors). In the hardest slices the
images most detectors missed come first; in the easiest, the ones they were surest of. Under each: every detector's score, ✓ = called fake.</p>
${notesList(examples.notes)}
${examples.slices.map((s) => exampleSlice(s, model.detectors)).join('\n')}</section>`;
}

function scoresSection(model: ReportModel): string {
  const options = (values: readonly string[]) => values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`).join('');
  const unique = (pick: (s: ScoreRecord) => string) => [...new Set(model.scores.map(pick))];
  const head = sortableHead([
    { label: 'detector' },
    { label: 'slice' },
    { label: 'group' },
    { label: 'metric' },
    { label: 'n', numeric: true },
    { label: 'value', numeric: true },
    { label: 'ci_low', numeric: true },
    { label: 'ci_high', numeric: true },
  ]);
  // Lean rows (unclosed cells are valid HTML): this table is most of the file on big runs.
  const num = (v: number | null): string => `<td>${v === null ? '' : formatValue(v, 4)}`;
  const rows = model.scores.map(
    (s) =>
      `<tr${s.n < model.minN ? ' class="small"' : ''}><td>${escapeHtml(s.detector)}<td>${escapeHtml(s.slice)}<td>${escapeHtml(s.group)}<td>${escapeHtml(s.metric)}<td>${s.n}` +
      `${num(s.value)}${num(s.ci_low)}${num(s.ci_high)}</tr>`,
  );
  return `<section id="scores"><h2>All scores</h2>
<p class="sub explain">Every metric of every detector on every slice, as in the runs' scores.csv. Click a column to sort; type to filter
(all words must match). Grey rows have n &lt; ${model.minN}.</p>
<form id="scores-filters" class="filters" role="search" aria-controls="scores-table">
<label>Filter <input type="search" name="q" placeholder="e.g. telea recall_fake" aria-label="Filter scores"></label>
<label>Detector <select name="detector" data-col="0"><option value="">all</option>${options(model.detectors.map((d) => d.id))}</select></label>
<label>Slice <select name="slice" data-col="1"><option value="">all</option>${options(unique((s) => s.slice))}</select></label>
<label>Metric <select name="metric" data-col="3"><option value="">all</option>${options(unique((s) => s.metric))}</select></label>
<label class="check"><input type="checkbox" name="hide-small"> hide n &lt; ${model.minN}</label>
<output id="scores-count" aria-live="polite">${model.scores.length} scores</output>
</form>
<div class="table-scroll" id="scores-table-wrap"><table class="sortable" id="scores-table">${head}<tbody>${rows.join('')}</tbody></table></div></section>`;
}

function fact(term: string, value: string | number | undefined): string {
  return value === undefined || value === '' ? '' : `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`;
}

function runSection(model: ReportModel): string {
  const runs = model.runs.map((run) => {
    const m: RunManifest = run.manifest;
    const d = m.dataset;
    const counts = m.counts
      ? Object.entries(m.counts.predicted)
          .map(([name, k]) => `${name}: ${k} predicted, ${m.counts!.cached[name] ?? 0} cached, ${m.counts!.errors[name] ?? 0} errors`)
          .join('; ')
      : undefined;
    return `<div class="run"><h3>${escapeHtml(run.name)}</h3><dl class="facts">
${fact('directory', run.dir)}${fact('status', m.status)}${fact('started', m.startedAt)}${fact('finished', m.finishedAt)}
${fact('semibench', `${m.semibench.version} (node ${m.semibench.node}, ${m.semibench.platform}/${m.semibench.arch})`)}
${fact('command', m.command?.join(' '))}
${fact('dataset', d.spec)}${fact('metadata sha256', d.metadataSha256)}${fact('rows', d.selectedRows === d.rows ? d.rows : `${d.selectedRows} of ${d.rows}`)}
${fact('selection', d.selection ? JSON.stringify(d.selection) : undefined)}${fact('provenance', d.provenance ? JSON.stringify(d.provenance) : undefined)}
${fact('scoring', `seed ${m.scoring.seed}, ${m.scoring.resamples} resamples (${m.scoring.resample}), ${Math.round(m.scoring.confidence * 100)}% intervals, threshold ${m.scoring.threshold}`)}
${fact('detectors', m.detectors.map((x) => `${x.name} (${x.plugin}@${x.version})`).join(', '))}
${fact('counts', counts)}${fact('error', m.error)}</dl>
<details><summary>manifest.json</summary><pre class="json">${escapeHtml(JSON.stringify(m, null, 2))}</pre></details></div>`;
  });
  return `<section id="runs"><h2>Runs</h2>${runs.join('\n')}</section>`;
}

/**
 * The Content-Security-Policy of a self-contained page: nothing may be fetched, images only as
 * data: URIs, and the one inline script only by its hash. Styles must stay inline-able: Plot
 * writes <style> elements and style attributes into its SVG.
 */
export function reportCsp(script: string = REPORT_SCRIPT): string {
  const scriptHash = createHash('sha256').update(script).digest('base64');
  return `default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; base-uri 'none'; form-action 'none'`;
}

export function renderPage(model: ReportModel, charts: ChartRenderer, examples: ExamplesResult, version: string, overlays: OverlaysResult = { overlays: [], notes: [] }): string {
  const datasets = [...new Set(model.runs.map((r) => r.manifest.dataset.spec))];
  const sections = [
    `<section id="leaderboard"><h2>Leaderboard</h2>${model.leaderboards.map((v) => leaderboardSection(v, model)).join('\n')}${detectorsTable(model.detectors)}</section>`,
    blindSection(model.blind),
    slicesSection(model, charts),
    curvesSection(model, charts),
    calibrationSection(model, charts),
    robustnessSection(model, charts),
    localisationSection(model, charts, overlays),
    examplesSection(model, examples),
    scoresSection(model),
    runSection(model),
  ].filter(Boolean);
  const toc = [
    ['leaderboard', 'Leaderboard'],
    ['shortcuts', 'Shortcuts'],
    ['slices', 'Slices'],
    ['curves', 'Magnitude of change'],
    ['calibration', 'Calibration'],
    ['robustness', 'Robustness'],
    ['localisation', 'Localisation'],
    ['examples', 'Examples'],
    ['scores', 'All scores'],
    ['runs', 'Runs'],
  ].filter(([id]) => sections.some((s) => s.startsWith(`<section id="${id}"`)));
  return htmlDocument({
    title: model.title,
    version,
    css: `${REPORT_CSS}\n${charts.css()}`,
    main: `<header class="top">
<h1>${escapeHtml(model.title)}</h1>
<p class="muted">${model.detectors.length} detector(s) from ${model.runs.length} run(s) on ${escapeHtml(datasets.join(', '))} ·
${Math.round(model.confidence * 100)}% bootstrap intervals · generated ${escapeHtml(model.generatedAt)} by semibench ${escapeHtml(version)}</p>
${notesList(model.notes)}
</header>
<nav class="toc" aria-label="Sections">${toc.map(([id, label]) => `<a href="#${id}">${label}</a>`).join('')}</nav>
${sections.join('\n')}
<footer>Self-contained report: no file or network access is needed to read it. Made by semibench ${escapeHtml(version)}.</footer>`,
  });
}

/** A self-contained page around `main`: inline styles, the report script, and the CSP that forbids every fetch. */
export function htmlDocument(parts: { title: string; version: string; css: string; main: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${reportCsp()}">
<meta name="generator" content="semibench ${escapeHtml(parts.version)}">
<link rel="icon" href="data:,">
<title>${escapeHtml(parts.title)}</title>
<style>${parts.css}</style>
</head>
<body>
<main>
${parts.main}
</main>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
