import { bootstrap, percentileInterval } from './engine.js';
import { METRICS, METRIC_COUNT } from './metrics.js';
import { prepareJob } from './prepare.js';
import { detectorChannel, jobFromTable } from './table.js';
import { validateScoreOptions } from './types.js';
/** Every defined metric of every cell of every detector, with its bootstrap interval (see index.ts). */
export async function scoreDetectors(input, options) {
    validateScoreOptions(options);
    const slices = [...new Set(options.slices)];
    const jobs = input.map(({ detector, rows }) => prepareJob(`detector "${detector}"`, rows, [rows], slices, options.resample));
    return scoreJobs(input.map((d) => d.detector), jobs, options);
}
/**
 * scoreDetectors on columnar input: the rows once in a table (see ScoringTableBuilder), and per
 * detector the table rows it scored with its scores and predictions. Same records, byte for byte, as
 * scoreDetectors on the equivalent ScoringRows; `options.slices` must be columns of the table.
 */
export async function scoreTable(table, detectors, options) {
    validateScoreOptions(options);
    const slices = [...new Set(options.slices)];
    const jobs = detectors.map((d) => jobFromTable(`detector "${d.detector}"`, table, d.rows, [detectorChannel(d)], slices, options.resample));
    return scoreJobs(detectors.map((d) => d.detector), jobs, options);
}
async function scoreJobs(detectors, jobs, options) {
    const results = await bootstrap(jobs.map((j) => j.input), { resamples: options.resamples, seed: options.seed, ...(options.threads !== undefined ? { threads: options.threads } : {}) });
    const records = [];
    detectors.forEach((detector, i) => {
        const { cells } = jobs[i];
        const result = results[i];
        const point = result.point[0];
        const reps = result.replicates[0];
        const n = result.stats[0].n;
        cells.forEach((cell, k) => {
            for (let m = 0; m < METRIC_COUNT; m++) {
                const value = point[k * METRIC_COUNT + m];
                if (Number.isNaN(value))
                    continue;
                const ci = percentileInterval(reps, (k * METRIC_COUNT + m) * result.resamples, result.resamples, options.confidence);
                records.push({ detector, slice: cell.slice, group: cell.group, metric: METRICS[m], n: n[k], value, ci_low: ci ? ci[0] : null, ci_high: ci ? ci[1] : null });
            }
        });
    });
    return records;
}
//# sourceMappingURL=score.js.map