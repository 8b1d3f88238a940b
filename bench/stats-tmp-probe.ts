import { synthesize, SLICES } from './stats-data.js';
import { prepareJob } from '../packages/harness/dist/scoring/prepare.js';
import { buildPlan, cellStats } from '../packages/harness/dist/scoring/plan.js';
import { runResamples, pointEstimates } from '../packages/harness/dist/scoring/kernel.js';
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let t = performance.now(), c = cpu();
const lap = (what: string) => { const t2 = performance.now(), c2 = cpu(); console.log(`${what}: wall ${(t2 - t).toFixed(0)} ms cpu ${(c2 - c).toFixed(0)} ms`); t = t2; c = c2; };
const { rows, score } = synthesize(1470000, 27000);
lap('synth');
const srows = rows.map((r, i) => ({ key: r.key, cluster: r.id, label: (r.label === 'fake' ? 1 : 0) as 0 | 1, score: score[i]!, prediction: (score[i]! >= 0.5 ? 1 : 0) as 0 | 1, groups: r.columns }));
lap('scoringrows');
const job = prepareJob('x', srows, [srows], SLICES, 'cluster');
lap('prepare');
const stats = cellStats(job.input);
lap('cellStats');
const plan = buildPlan(job.input, stats, false);
lap('buildPlan');
const ch = plan.channels[0]!;
console.log('cells', plan.cellCount, 'count entries', ch.counts.value.length, 'rank domains', ch.rank!.domains.length, 'tuples', ch.rank!.tupleStart.length - 1, 'events', ch.rank!.events.length / 3, 'subs', ch.rank!.subTuple.length, 'pos', ch.rank!.posCluster.length, 'block rows', ch.rank!.blockCluster.length);
pointEstimates(plan);
lap('point');
for (let k = 0; k < 3; k++) { runResamples(plan, 0, 0, 40); lap('40 resamples'); }
const noRank = { ...plan, channels: [{ counts: ch.counts, rank: null }] };
for (let k = 0; k < 3; k++) { runResamples(noRank as never, 0, 0, 40); lap('40 resamples counts only'); }
for (let k = 0; k < 2; k++) { runResamples(plan, 0, 0, 40); lap('40 resamples'); }
