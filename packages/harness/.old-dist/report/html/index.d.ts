import { type ExamplesOptions, type ExamplesResult } from './examples.js';
import { type ModelOptions, type ReportModel } from './model.js';
export { readRunDir, type LoadedRun } from './load.js';
export { DETECTOR_COLORS, DEFAULT_RANK_METRIC, type ReportModel } from './model.js';
export { DEFAULT_THUMBNAIL_BUDGET } from './examples.js';
export interface HtmlReportOptions extends ModelOptions {
    /** Embed example thumbnails when the dataset's images are reachable (default true). */
    images?: boolean;
    thumbnails?: ExamplesOptions;
}
export interface HtmlReport {
    html: string;
    model: ReportModel;
    examples: ExamplesResult;
}
export declare function buildHtmlReport(runDirs: readonly string[], options?: HtmlReportOptions): Promise<HtmlReport>;
/** Builds the report and writes it atomically to `out`; returns the path and the report. */
export declare function writeHtmlReport(runDirs: readonly string[], out: string, options?: HtmlReportOptions): Promise<HtmlReport & {
    path: string;
    bytes: number;
}>;
//# sourceMappingURL=index.d.ts.map