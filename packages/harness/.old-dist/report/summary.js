/** Metrics shown for slices that contain both classes, and for fakes-only slices. */
const OVERALL_METRICS = ['accuracy', 'balanced_accuracy', 'f1_macro', 'recall_real', 'recall_fake', 'roc_auc', 'average_precision'];
const FAKES_ONLY_METRIC = 'recall_fake';
function cell(r, digits) {
    if (!r || r.value === null)
        return '—';
    const v = r.value.toFixed(digits);
    if (r.ci_low === null || r.ci_high === null)
        return v;
    return `${v} [${r.ci_low.toFixed(digits)}, ${r.ci_high.toFixed(digits)}]`;
}
function table(headers, rows) {
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
    return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
/**
 * A readable text summary: the overall scores of every detector, then, per slice column, the
 * detection rate (recall on fakes) of each group, every value with its confidence interval.
 */
export function formatScoreSummary(records, options = {}) {
    const digits = options.digits ?? 3;
    const detectors = [...new Set(records.map((r) => r.detector))];
    const find = (d, slice, group, metric) => records.find((r) => r.detector === d && r.slice === slice && r.group === group && r.metric === metric);
    const parts = [];
    const level = options.confidence ? ` (${Math.round(options.confidence * 100)}% bootstrap intervals)` : '';
    const metrics = OVERALL_METRICS.filter((m) => records.some((r) => r.slice === 'overall' && r.metric === m));
    parts.push(`Overall${level}`);
    parts.push(table(['detector', 'n', ...metrics], detectors.map((d) => [d, String(find(d, 'overall', 'all', metrics[0] ?? 'accuracy')?.n ?? 0), ...metrics.map((m) => cell(find(d, 'overall', 'all', m), digits))])));
    const slices = [...new Set(records.map((r) => r.slice))].filter((s) => s !== 'overall');
    for (const slice of slices) {
        const groups = [...new Set(records.filter((r) => r.slice === slice).map((r) => r.group))];
        const rows = [];
        for (const g of groups) {
            for (const d of detectors) {
                const bothClasses = find(d, slice, g, 'f1_macro');
                const metric = bothClasses ? 'f1_macro' : FAKES_ONLY_METRIC;
                const r = find(d, slice, g, metric);
                if (!r)
                    continue;
                rows.push([g, d, String(r.n), metric, cell(r, digits)]);
            }
        }
        if (rows.length === 0)
            continue;
        parts.push('');
        parts.push(`By ${slice}`);
        parts.push(table(['group', 'detector', 'n', 'metric', 'value [CI]'], rows));
    }
    return parts.join('\n');
}
//# sourceMappingURL=summary.js.map