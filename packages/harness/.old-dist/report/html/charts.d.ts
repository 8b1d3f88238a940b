import { type ReportDetector, type SliceFamily } from './model.js';
export declare function formatValue(value: number | null | undefined, digits?: number): string;
/**
 * Plot writes coordinates at full double precision (e.g. 95.99999999999999); two decimals are
 * sub-pixel and make the file noticeably smaller. Only geometry attributes are touched.
 */
export declare function compactSvg(svg: string): string;
export interface ChartRenderer {
    /** Bars per group, one colour per detector, with interval whiskers. */
    bars(family: SliceFamily, detectors: readonly ReportDetector[]): string;
    /** Lines over the ordered groups with interval bands. */
    curves(family: SliceFamily, detectors: readonly ReportDetector[]): string;
    /** A colour legend (with the curves' symbols when `symbols`). */
    legend(detectors: readonly ReportDetector[], symbols: boolean): string;
    /** The stylesheets Plot put in the charts drawn so far, once each (the charts themselves carry none). */
    css(): string;
}
export declare function createChartRenderer(): Promise<ChartRenderer>;
//# sourceMappingURL=charts.d.ts.map