import { type CheckSession } from './session.js';
export declare function checkMetric(session: CheckSession<'metric'>): Promise<void>;
//# sourceMappingURL=metric.d.ts.map