/**
 * The report's stylesheet and its one small script, inlined into every report. They are strings
 * here (not files) so that the built package needs no asset copying; the browser test runs them.
 */

export const REPORT_CSS = `
:root { --fg: #1a1a1a; --muted: #555; --line: #d9d9d9; --band: #f5f6f8; --accent: #0057a3; --warn-bg: #fff6dc; --warn-line: #e0b100; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--fg); background: #fff; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1280px; margin: 0 auto; padding: 0 24px 48px; }
header.top { border-bottom: 1px solid var(--line); padding: 18px 0 10px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 36px 0 8px; padding-top: 8px; border-top: 2px solid var(--fg); }
h3 { font-size: 1.02rem; margin: 0 0 2px; }
p { margin: 6px 0; }
a { color: var(--accent); }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.86em; }
.muted, .sub { color: var(--muted); }
.sub { font-size: 0.88rem; margin: 0 0 6px; }
nav.toc { position: sticky; top: 0; z-index: 5; background: rgba(255,255,255,0.96); border-bottom: 1px solid var(--line); padding: 6px 0; font-size: 0.92rem; }
nav.toc a { margin-right: 16px; text-decoration: none; }
nav.toc a:hover, nav.toc a:focus { text-decoration: underline; }
.notes { background: var(--warn-bg); border-left: 4px solid var(--warn-line); padding: 6px 12px 6px 28px; margin: 12px 0; font-size: 0.92rem; }
.notes li { margin: 2px 0; }
.explain { max-width: 72ch; }
.table-scroll { overflow: auto; border: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
thead th { background: var(--band); position: sticky; top: 0; z-index: 1; }
tbody tr:nth-child(even) { background: #fafafa; }
#scores-table tr.small td { color: var(--muted); }
th button { all: unset; cursor: pointer; font-weight: 600; white-space: nowrap; }
th button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
th button::after { content: " \\2195"; color: #999; font-weight: normal; }
th[aria-sort="ascending"] button::after { content: " \\2191"; color: var(--fg); }
th[aria-sort="descending"] button::after { content: " \\2193"; color: var(--fg); }
.ci { color: var(--muted); font-size: 0.84em; white-space: nowrap; }
.rank { font-weight: 700; font-size: 1.05rem; white-space: nowrap; }
table.leaderboard tbody th, table.detectors tbody th { white-space: nowrap; }
.value { font-weight: 600; }
.notblind { background: #D55E00; color: #fff; border-radius: 3px; padding: 0 0.35em; font-size: 0.75em; font-weight: 600; }
.tie { color: var(--muted); font-size: 0.82em; font-weight: normal; white-space: normal; display: inline-block; max-width: 30ch; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 2px; margin-right: 6px; vertical-align: -0.05em; }
.legend { margin: 6px 0 10px; }
.legend > div { font-size: 0.9rem; }
.grid { display: grid; gap: 18px; grid-template-columns: repeat(auto-fill, minmax(min(100%, 560px), 1fr)); }
.grid.small { grid-template-columns: repeat(auto-fill, minmax(min(100%, 370px), 1fr)); }
figure { margin: 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; background: #fff; overflow-x: auto; }
.card svg { display: block; max-width: 100%; height: auto; }
.filters { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: end; margin: 8px 0; font-size: 0.9rem; }
.filters label { display: flex; flex-direction: column; gap: 2px; }
.filters input[type="search"] { min-width: 16em; }
.filters input, .filters select { font: inherit; padding: 3px 6px; }
.filters .check { flex-direction: row; align-items: center; gap: 6px; }
#scores-table-wrap { max-height: 70vh; }
#scores-table td:nth-child(n+5), #scores-table th:nth-child(n+5) { text-align: right; white-space: nowrap; }
.examples { display: grid; gap: 12px; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); margin: 8px 0 20px; }
.examples figure { border: 1px solid var(--line); border-radius: 6px; padding: 6px; }
.examples img { display: block; margin: 0 auto 4px; max-width: 100%; height: auto; }
.examples figcaption { font-size: 0.8rem; }
.examples figcaption code { overflow-wrap: anywhere; }
.chip { display: inline-block; margin: 1px 6px 1px 0; white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 6px 0; font-size: 0.9rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
details > summary { cursor: pointer; color: var(--accent); margin: 4px 0; }
pre.json { max-height: 420px; overflow: auto; background: var(--band); padding: 10px; border: 1px solid var(--line); }
.run { margin-bottom: 20px; }
footer { margin-top: 40px; font-size: 0.85rem; color: var(--muted); }
@media (max-width: 700px) { main { padding: 0 12px 32px; } body { font-size: 14px; } }
@media print {
  @page { margin: 12mm; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  nav.toc, .filters, .no-print, pre.json, details > summary { display: none; }
  h2 { break-before: auto; break-after: avoid; }
  .card, figure, tr, .run { break-inside: avoid; }
  .table-scroll, #scores-table-wrap { max-height: none; overflow: visible; border: 0; }
  thead th { position: static; }
  table { font-size: 7.5pt; }
  th, td { padding: 2px 4px; }
  a { color: inherit; text-decoration: none; }
  .grid, .grid.small { grid-template-columns: repeat(2, minmax(0, 1fr)); }
}
`;

/**
 * Sorting of every `table.sortable` (click a header; numbers sort by `data-value`, empty cells
 * last) and filtering of the score table (free text, detector, slice, metric, small n). Plain
 * DOM code: it must run from file:// with no module loader and no network.
 */
export const REPORT_SCRIPT = `(() => {
  'use strict';
  const cellKey = (tr, col, numeric) => {
    const cell = tr.cells[col];
    if (!cell) return null;
    const raw = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
    if (raw === '') return null;
    if (!numeric) return raw;
    const v = Number(raw);
    return Number.isNaN(v) ? null : v;
  };
  for (const table of document.querySelectorAll('table.sortable')) {
    const body = table.tBodies[0];
    for (const th of table.querySelectorAll('thead th[data-sort]')) {
      const button = th.querySelector('button');
      if (!button) continue;
      button.addEventListener('click', () => {
        const col = th.cellIndex;
        const numeric = th.dataset.sort === 'num';
        const ascending = th.getAttribute('aria-sort') !== 'ascending';
        for (const other of table.querySelectorAll('thead th[aria-sort]')) other.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        const rows = Array.from(body.rows, (tr, i) => ({ tr, i, key: cellKey(tr, col, numeric) }));
        rows.sort((a, b) => {
          if (a.key === null || b.key === null) return a.key === b.key ? a.i - b.i : a.key === null ? 1 : -1;
          const c = numeric ? a.key - b.key : String(a.key).localeCompare(String(b.key), undefined, { numeric: true });
          return (ascending ? c : -c) || a.i - b.i;
        });
        body.append(...rows.map((r) => r.tr));
      });
    }
  }

  const table = document.getElementById('scores-table');
  const form = document.getElementById('scores-filters');
  if (table && form) {
    const rows = Array.from(table.tBodies[0].rows, (tr) => ({ tr, text: tr.textContent.toLowerCase() }));
    const count = document.getElementById('scores-count');
    const selects = Array.from(form.querySelectorAll('select[data-col]'));
    const terms = form.elements.namedItem('q');
    const hideSmall = form.elements.namedItem('hide-small');
    const apply = () => {
      const words = terms.value.toLowerCase().split(/\\s+/).filter(Boolean);
      const wanted = selects.filter((s) => s.value !== '').map((s) => [Number(s.dataset.col), s.value]);
      let shown = 0;
      for (const { tr, text } of rows) {
        const ok = wanted.every(([col, value]) => tr.cells[col].textContent === value) &&
          !(hideSmall.checked && tr.classList.contains('small')) && words.every((w) => text.includes(w));
        tr.hidden = !ok;
        if (ok) shown++;
      }
      count.textContent = shown + ' of ' + rows.length + ' scores';
    };
    form.addEventListener('input', apply);
    form.addEventListener('submit', (e) => e.preventDefault());
    apply();
  }

  // Collapsed sections would print empty: open them for printing, restore afterwards.
  let reopened = [];
  addEventListener('beforeprint', () => {
    reopened = Array.from(document.querySelectorAll('details.print-open:not([open])'));
    for (const d of reopened) d.open = true;
  });
  addEventListener('afterprint', () => { for (const d of reopened) d.open = false; reopened = []; });
})();`;
