/** Plain-text rendering of a conformance report (the CLI prints it; --json prints the report itself). */
import type { PluginSource } from '../plugins/loader.js';
import type { CheckResult, ConformanceReport } from './types.js';
export declare function describeSource(source: PluginSource): string;
/** One check: status and title, then the detail indented underneath. */
export declare function formatCheck(result: CheckResult): string;
export declare function formatSummary(report: ConformanceReport): string;
export declare function formatConformanceReport(report: ConformanceReport): string;
//# sourceMappingURL=report.d.ts.map