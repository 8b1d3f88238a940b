import { type KernelPart } from './kernel.js';
import { type JobPlan, type RankInput, type RankPlan } from './plan.js';
export type WorkerTask = {
    readonly kind: 'resample';
    readonly plan: JobPlan;
    readonly part: KernelPart;
    readonly seed: number;
    readonly b0: number;
    readonly b1: number;
} | {
    readonly kind: 'rank';
    readonly input: RankInput;
    readonly score: Float64Array;
};
export type WorkerReply = {
    readonly outs: Float64Array[];
} | {
    readonly rank: RankPlan | null;
} | {
    readonly error: string;
};
//# sourceMappingURL=worker.d.ts.map