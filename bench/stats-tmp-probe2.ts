import { synthesize, SLICES } from './stats-data.js';
import { prepareJob } from '../packages/harness/dist/scoring/prepare.js';
import { buildPlan, cellStats } from '../packages/harness/dist/scoring/plan.js';
import { runResamples } from '../packages/harness/dist/scoring/kernel.js';
const { rows, score } = synthesize(1470000, 27000);
const srows = rows.map((r, i) => ({ key: r.key, cluster: r.id, label: (r.label === 'fake' ? 1 : 0) as 0 | 1, score: score[i]!, prediction: (score[i]! >= 0.5 ? 1 : 0) as 0 | 1, groups: r.columns }));
const job = prepareJob('x', srows, [srows], SLICES, 'cluster');
const plan = buildPlan(job.input, cellStats(job.input), false);
console.time('r'); runResamples(plan, 0, 0, 200); console.timeEnd('r');
