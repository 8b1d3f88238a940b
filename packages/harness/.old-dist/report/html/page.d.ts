import { type ChartRenderer } from './charts.js';
import type { ExamplesResult } from './examples.js';
import { type ReportModel } from './model.js';
export declare function escapeHtml(text: unknown): string;
export declare function renderPage(model: ReportModel, charts: ChartRenderer, examples: ExamplesResult, version: string): string;
//# sourceMappingURL=page.d.ts.map