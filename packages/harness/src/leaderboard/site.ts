/**
 * SITE/index.html: the leaderboard as one static, self-contained page built from the HTML
 * report's parts (stylesheet, sorting script, Plot charts rendered to SVG, the same CSP, so the
 * page can fetch nothing). Per-detector pages are sections of the same file shown by their
 * #anchor (CSS :target), so the site needs no script to navigate and works from file://.
 */
import type { ScoreRecord } from '../scoring/index.js';
import { SEMIBENCH_VERSION } from '../evaluate.js';
import { REPORT_CSS } from '../report/html/assets.js';
import { createChartRenderer, formatValue, type ChartRenderer, type ChartSeries } from '../report/html/charts.js';
import { DETECTOR_COLORS, DETECTOR_SYMBOLS, HEADLINE_METRICS, METRIC_LABELS, METRIC_SHORT_LABELS, sliceFamilies, type SliceFamily } from '../report/html/model.js';
import { escapeHtml, htmlDocument, notesList, sortableHead, swatch, valueCell } from '../report/html/page.js';
import type { LeaderboardJson, SiteEntry } from './build.js';

const SITE_CSS = `
.badge { display: inline-block; font-size: 0.72rem; font-weight: 600; padding: 1px 6px; margin: 0 4px 0 0; border-radius: 9px; border: 1px solid; white-space: nowrap; vertical-align: 0.1em; }
.badge.not-blind { color: #8a3b00; border-color: #d55e00; background: #fff1e6; }
.badge.trained { color: #5b2a86; border-color: #a070c8; background: #f6effc; }
.tier { font-weight: 600; }
tr.tier-break td, tr.tier-break th { border-top: 2px solid #888; }
.detector-page:not(:target) { display: none; }
.detector-page, #leaderboard { scroll-margin-top: 3rem; }
main:has(.detector-page:target) > .board { display: none; }
.back { margin: 18px 0 0; }
.thumbs { display: flex; flex-wrap: wrap; gap: 10px; }
.thumbs figure { border: 1px solid var(--line); padding: 4px; font-size: 0.78rem; }
.thumbs img { display: block; background: #000; }
`;

const CALIBRATION_METRICS = ['expected_calibration_error', 'brier', 'log_loss'];

interface Series extends ChartSeries {
  entry: SiteEntry;
}

function seriesOf(entries: readonly SiteEntry[]): Series[] {
  return entries.map((entry, i) => ({ id: entry.json.detector, color: DETECTOR_COLORS[i % DETECTOR_COLORS.length]!, symbol: DETECTOR_SYMBOLS[i % DETECTOR_SYMBOLS.length]!, entry }));
}

function badgesHtml(entry: SiteEntry): string {
  const b = entry.json.badges;
  const out: string[] = [];
  if (b.notBlind) {
    const why = b.blindRecorded ? `unblinded: ${b.unblind.join(', ')}` : 'made before semibench recorded blind evaluation: paths, columns, masks and row order reached the detector';
    out.push(`<span class="badge not-blind" title="${escapeHtml(why)}">not blind</span>`);
  }
  if (b.trainedOnGenerator.length) {
    out.push(`<span class="badge trained" title="${escapeHtml(`declares training on ${b.trainedOnGenerator.join(', ')}, which made edits in this dataset`)}">trained on this generator</span>`);
  }
  return out.join('');
}

function leaderboardTable(json: LeaderboardJson, series: readonly Series[]): string {
  const metric = json.scoring.rankBy;
  const others = HEADLINE_METRICS.filter((m) => m !== metric && series.some((s) => s.entry.json.scores[m]));
  const label = (m: string) => ({ label: METRIC_SHORT_LABELS[m] ?? m, numeric: true, title: METRIC_LABELS[m] ?? m });
  const head = sortableHead([
    { label: 'rank', numeric: true, title: 'Best–worst rank compatible with the paired comparisons' },
    { label: 'tier', numeric: true, title: 'Tie tier: detectors tied with the tier leader (paired interval contains 0) share it' },
    { label: 'detector' },
    { label: 'n', numeric: true, title: 'images scored' },
    { ...label(metric), label: `${METRIC_SHORT_LABELS[metric] ?? metric} ▾` },
    ...others.map(label),
    { label: 'bundle' },
  ]);
  let tier = 0;
  const rows = series.map((s) => {
    const e = s.entry.json;
    const rank = e.rank_best === e.rank_worst ? String(e.rank_best) : `${e.rank_best}–${e.rank_worst}`;
    const tie = e.tied_with.length === 0 ? 'separated from all others' : `tied with ${e.tied_with.join(', ')}`;
    const breakRow = tier !== 0 && e.tier !== tier;
    tier = e.tier;
    return (
      `<tr data-detector="${escapeHtml(e.detector)}"${breakRow ? ' class="tier-break"' : ''}>` +
      `<td class="num rank" data-value="${e.rank}">${escapeHtml(rank)}</td>` +
      `<td class="num tier" data-value="${e.tier}">${e.tier}</td>` +
      `<th scope="row">${swatch(s)}<a href="#d-${escapeHtml(s.entry.slug)}">${escapeHtml(e.detector)}</a> ${badgesHtml(s.entry)}<br><span class="tie">${escapeHtml(tie)}</span></th>` +
      `<td class="num" data-value="${e.n}">${e.n}</td>` +
      valueCell({ value: e.value, ci_low: e.ci_low, ci_high: e.ci_high }) +
      others.map((m) => valueCell(e.scores[m])).join('') +
      `<td><code title="sha256 of bundle.json: ${escapeHtml(e.bundleSha256)}">${escapeHtml(e.bundle)}</code></td></tr>`
    );
  });
  const level = `${Math.round(json.scoring.confidence * 100)}%`;
  return `<p class="sub explain">Ranked (▾) by ${escapeHtml(METRIC_LABELS[metric] ?? metric)} over all ${json.dataset.rows} images, scored by this leaderboard from the
submitted predictions (seed ${json.scoring.seed}, ${json.scoring.resamples} ${json.scoring.resample} bootstrap resamples, threshold ${json.scoring.threshold}).
A rank range such as 1–2 means paired comparisons (same images, same resamples, ${level} level) cannot order the detector against those it is tied with.
Tiers go down the ranking: a detector tied with its tier's leader shares the tier; the first one separated from it starts the next.</p>
<div class="table-scroll"><table class="sortable leaderboard" id="leaderboard-table">${head}<tbody>${rows.join('')}</tbody></table></div>`;
}

function sliceTable(family: SliceFamily, series: readonly Series[]): string {
  const head = sortableHead([{ label: 'detector' }, ...family.groups.map((g) => ({ label: g, numeric: true, title: `n = ${family.groupN[g] ?? 0}` }))]);
  const rows = series
    .filter((s) => family.points.some((p) => p.detector === s.id))
    .map((s) => {
      const cells = family.groups.map((g) => valueCell(family.points.find((p) => p.detector === s.id && p.group === g)));
      return `<tr><th scope="row">${swatch(s)}${escapeHtml(s.id)}</th>${cells.join('')}</tr>`;
    });
  return `<div class="table-scroll"><table class="sortable slice-table" data-slice="${escapeHtml(family.slice)}">${head}<tbody>${rows.join('')}</tbody></table></div>`;
}

function slicesSection(families: readonly SliceFamily[], series: readonly Series[], charts: ChartRenderer): string {
  if (families.length === 0) return '';
  const cards = families.map(
    (f) => `<figure class="card chart" data-slice="${escapeHtml(f.slice)}"><h3>${escapeHtml(f.title)} <span class="muted">(${escapeHtml(f.slice)})</span></h3>
<p class="sub">${escapeHtml(METRIC_LABELS[f.metric] ?? f.metric)} per group, whiskers: intervals${f.note ? `; ${escapeHtml(f.note)}` : ''}</p>
${charts.bars(f, series)}${sliceTable(f, series)}</figure>`,
  );
  return `<section id="slices" class="board"><h2>Slices</h2>
<p class="sub explain">Every entry per slice of the dataset. Attribute slices hold only edited images, so they show the detection rate; slices whose
groups hold both classes show macro F1. Click a column to sort.</p>
<div class="legend">${charts.legend(series, false)}</div><div class="grid">${cards.join('\n')}</div></section>`;
}

function rejectedSection(json: LeaderboardJson): string {
  const rows = json.rejected.map((r) => `<tr><td><code>${escapeHtml(r.bundle)}</code></td><td><strong>${escapeHtml(r.reason)}</strong></td><td>${escapeHtml(r.message)}</td></tr>`);
  const body = rows.length
    ? `<div class="table-scroll"><table class="sortable" id="rejected-table">${sortableHead([{ label: 'bundle' }, { label: 'reason' }, { label: 'why' }])}<tbody>${rows.join('')}</tbody></table></div>`
    : '<p class="muted">None: every bundle verified.</p>';
  return `<section id="rejected" class="board"><h2>Rejected bundles</h2>
<p class="sub explain">A bundle is accepted only when every file matches the sha256 in its bundle.json, it was made on this dataset (same fingerprint),
and its predictions are well-formed and cover every image exactly once per detector.</p>${body}</section>`;
}

function fact(term: string, value: string | number | null | undefined): string {
  return value === undefined || value === null || value === '' ? '' : `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`;
}

function overallTable(scores: readonly ScoreRecord[]): string {
  const overall = scores.filter((s) => s.slice === 'overall' && s.group === 'all');
  const rows = overall.map((s) => `<tr><th scope="row" title="${escapeHtml(s.metric)}">${escapeHtml(METRIC_LABELS[s.metric] ?? s.metric)}</th><td class="num" data-value="${s.n}">${s.n}</td>${valueCell(s)}</tr>`);
  return `<div class="table-scroll"><table class="sortable overall">${sortableHead([{ label: 'metric' }, { label: 'n', numeric: true }, { label: 'value', numeric: true }])}<tbody>${rows.join('')}</tbody></table></div>`;
}

/** Calibration metrics, where the scoring produced them (overall and per group). */
function calibrationBlock(scores: readonly ScoreRecord[]): string {
  const own = scores.filter((s) => CALIBRATION_METRICS.includes(s.metric));
  if (own.length === 0) return '';
  const rows = own.map((s) => `<tr><td>${escapeHtml(s.slice)}</td><td>${escapeHtml(s.group)}</td><td>${escapeHtml(s.metric)}</td><td class="num">${s.n}</td>${valueCell(s)}</tr>`);
  return `<h3>Calibration</h3><p class="sub">Lower is better for all three.</p><div class="table-scroll"><table class="sortable calibration">${sortableHead([{ label: 'slice' }, { label: 'group' }, { label: 'metric' }, { label: 'n', numeric: true }, { label: 'value', numeric: true }])}<tbody>${rows.join('')}</tbody></table></div>`;
}

/** A degradation curve over perturbations, when the scores carry a `perturbation` (robustness sweeps). */
function robustnessBlock(s: Series, metric: string, charts: ChartRenderer): string {
  const overall = s.entry.scores.filter((r) => r.slice === 'overall' && r.group === 'all' && r.metric === metric);
  const of = (r: ScoreRecord) => (r as ScoreRecord & { perturbation?: string }).perturbation;
  const perturbations = [...new Set(overall.map(of).filter((p): p is string => typeof p === 'string'))];
  if (perturbations.length < 2) return '';
  const points = overall
    .filter((r) => r.value !== null && of(r) !== undefined)
    .map((r) => ({ detector: s.id, group: of(r)!, value: r.value!, ci_low: r.ci_low, ci_high: r.ci_high, n: r.n }));
  const family: SliceFamily = { slice: 'perturbation', title: 'Robustness', metric, groups: perturbations, groupN: Object.fromEntries(points.map((p) => [p.group, p.n])), points, magnitude: true };
  return `<h3>Robustness</h3><figure class="card chart curve" data-slice="perturbation">${charts.curves(family, [s])}</figure>`;
}

function mapsBlock(entry: SiteEntry): string {
  if (entry.json.maps === 0) return '';
  const figures = entry.maps.map((m) =>
    m.dataUri
      ? `<figure><img src="${m.dataUri}" width="${m.width}" height="${m.height}" alt="${escapeHtml(`map ${m.name}`)}"><figcaption><code>${escapeHtml(m.name.split('/').pop() ?? m.name)}</code></figcaption></figure>`
      : `<figure><figcaption><code>${escapeHtml(m.name)}</code> (not a decodable PNG)</figcaption></figure>`,
  );
  return `<h3>Maps</h3><p class="sub">${entry.json.maps} localisation map(s) in the bundle; the first ${entry.maps.length}:</p><div class="thumbs">${figures.join('')}</div>`;
}

function detectorPage(s: Series, json: LeaderboardJson, charts: ChartRenderer): string {
  const e = s.entry.json;
  const m = e.meta;
  const families = sliceFamilies(s.entry.scores, [s.id]);
  const bars = families.map((f) => `<figure class="card chart" data-slice="${escapeHtml(f.slice)}"><h3>${escapeHtml(f.title)}</h3>${charts.bars(f, [s])}</figure>`);
  const curves = families.filter((f) => f.magnitude).map((f) => `<figure class="card chart curve" data-slice="${escapeHtml(f.slice)}"><h3>${escapeHtml(f.title)}</h3>${charts.curves(f, [s])}</figure>`);
  const blind = e.badges.blindRecorded ? (e.badges.unblind.length ? `no: unblinded ${e.badges.unblind.join(', ')}` : 'yes') : 'no: the run predates blind evaluation';
  return `<section class="detector-page" id="d-${escapeHtml(s.entry.slug)}"><h2>${swatch(s)}${escapeHtml(e.detector)} ${badgesHtml(s.entry)}</h2>
<p class="sub">Rank ${e.rank_best === e.rank_worst ? e.rank_best : `${e.rank_best}–${e.rank_worst}`}, tier ${e.tier} · ${escapeHtml(METRIC_LABELS[e.metric] ?? e.metric)} ${formatValue(e.value)}${e.ci_low !== null && e.ci_high !== null ? ` [${formatValue(e.ci_low)}, ${formatValue(e.ci_high)}]` : ''} · <a href="${escapeHtml(e.page)}">${escapeHtml(e.page)}</a></p>
<dl class="facts">${fact('plugin', `${m.plugin}@${m.version} (API v${m.apiVersion})`)}${fact('source', `${m.source.type}: ${m.source.spec}${m.source.sha256 ? ` (sha256 ${m.source.sha256.slice(0, 12)})` : ''}`)}
${fact('description', m.description)}${fact('input', m.input)}${fact('trained on', m.trainedOn.length ? m.trainedOn.join(', ') : 'not declared')}
${fact('blind', blind)}${fact('re-encoded', e.submission.reencode)}${fact('options', JSON.stringify(m.identity))}
${fact('bundle', `${e.bundle} (bundle.json sha256 ${e.bundleSha256})`)}${fact('predicted with', `semibench ${e.submission.semibench}, ${e.submission.startedAt} – ${e.submission.finishedAt ?? '?'}`)}
${fact('dataset as submitted', e.submission.datasetSpec)}</dl>
<h3>Overall</h3>${overallTable(s.entry.scores)}
${bars.length ? `<h3>Slices</h3><div class="grid">${bars.join('\n')}</div>` : ''}
${curves.length ? `<h3>Magnitude of change</h3><div class="grid small">${curves.join('\n')}</div>` : ''}
${calibrationBlock(s.entry.scores)}${robustnessBlock(s, json.scoring.rankBy, charts)}${mapsBlock(s.entry)}
<p class="back"><a href="#leaderboard">← back to the leaderboard</a></p></section>`;
}

export async function renderSite(json: LeaderboardJson, entries: readonly SiteEntry[], options: { title: string }): Promise<string> {
  const charts = await createChartRenderer();
  const series = seriesOf(entries);
  const families = sliceFamilies(entries.flatMap((e) => e.scores), series.map((s) => s.id));
  const board = entries.length
    ? leaderboardTable(json, series)
    : '<p class="muted">No accepted bundle yet.</p>';
  const sections = [
    `<section id="leaderboard" class="board"><h2>Leaderboard</h2>${board}${notesList(json.notes)}</section>`,
    slicesSection(families, series, charts),
    rejectedSection(json),
    ...series.map((s) => detectorPage(s, json, charts)),
  ].join('\n');
  const d = json.dataset;
  return htmlDocument({
    title: options.title,
    version: SEMIBENCH_VERSION,
    css: `${REPORT_CSS}\n${SITE_CSS}\n${charts.css()}`,
    main: `<header class="top">
<h1>${escapeHtml(options.title)}</h1>
<p class="muted">${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, ${json.rejected.length} rejected bundle(s) · dataset ${escapeHtml(d.spec)} (${d.rows} images, fingerprint <code>${escapeHtml(d.fingerprint.slice(0, 12))}</code>${d.hf ? `, ${escapeHtml(d.hf)}` : ''}) ·
${Math.round(json.scoring.confidence * 100)}% bootstrap intervals · generated ${escapeHtml(json.generated)} by semibench ${escapeHtml(json.semibench)}</p>
</header>
<nav class="toc" aria-label="Sections"><a href="#leaderboard">Leaderboard</a>${families.length ? '<a href="#slices">Slices</a>' : ''}<a href="#rejected">Rejected</a><a href="leaderboard.json">leaderboard.json</a></nav>
${sections}
<footer>Static, self-contained page: it requests nothing. Scores were computed by the leaderboard from verified bundles; a bundle proves what was predicted, not how.</footer>`,
  });
}
