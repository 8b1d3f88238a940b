import { fmt } from './session.js';
const LABELS = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' };
export function describeSource(source) {
    const pkg = source.packageName ? ` (package ${source.packageName}${source.packageVersion ? `@${source.packageVersion}` : ''})` : '';
    if (source.type === 'builtin')
        return `built-in ${source.resolved}`;
    return `${source.type === 'package' ? 'npm package' : 'path'} ${source.resolved}${pkg}`;
}
/** One check: status and title, then the detail indented underneath. */
export function formatCheck(result) {
    const lines = [`${LABELS[result.status]}  ${result.title}`];
    for (const line of result.detail.split('\n'))
        if (line.trim())
            lines.push(`      ${line}`);
    return lines.join('\n');
}
export function formatSummary(report) {
    const who = report.plugin ? `${report.plugin.kind} ${report.plugin.name}@${report.plugin.version}` : report.spec;
    const c = report.counts;
    const parts = [`${c.pass} passed`];
    if (c.warn)
        parts.push(`${c.warn} warning${c.warn > 1 ? 's' : ''}`);
    if (c.fail)
        parts.push(`${c.fail} failed (${report.checks.filter((r) => r.status === 'fail').map((r) => r.id).join(', ')})`);
    if (c.skip)
        parts.push(`${c.skip} skipped`);
    return `${report.passed ? 'plugin check passed' : 'plugin check FAILED'}: ${who}: ${parts.join(', ')} in ${fmt(report.ms / 1000)} s`;
}
export function formatConformanceReport(report) {
    return [...report.checks.map(formatCheck), '', formatSummary(report)].join('\n');
}
//# sourceMappingURL=report.js.map