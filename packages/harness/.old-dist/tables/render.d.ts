import type { BuiltTables } from './build.js';
export type TableFormat = 'md' | 'csv' | 'latex';
export declare function renderTables(built: BuiltTables, format: TableFormat, confidence: number): string;
//# sourceMappingURL=render.d.ts.map