import { Rng } from '@semibench/harness';
import { prepareJob } from '../packages/harness/dist/scoring/prepare.js';
import { cellStats, buildPlan, resampleCost } from '../packages/harness/dist/scoring/plan.js';
import { runResamples, pointEstimates } from '../packages/harness/dist/scoring/kernel.js';
const N=1470000, C=27000; const rng=new Rng(1);
const BINS=['bin1','bin2','bin3','bin4','bin5'];
const SL=['dataset','method','model','sem_magnitude','a','b','c','d','e','f','g','h','i','j','k','l','m'];
const rows=[]; const per=N/C;
for(let r=0;r<N;r++){const c=Math.floor(r/per); const real=r%54===0; const g={dataset:'D'+(c%6)}; if(!real){ for(const s of SL.slice(1)) g[s]=rng.pick(BINS);} const score=real?rng.next()*0.7:0.3+rng.next()*0.7; rows.push({key:'k'+r,cluster:'c'+c,label:real?0:1,score,prediction:score>=0.5?1:0,groups:g});}
console.log('rss', process.memoryUsage().rss/1e6);
let t=performance.now(); const job=prepareJob('x',rows,[rows],SL,'cluster'); console.log('prepare',performance.now()-t);
t=performance.now(); const st=cellStats(job.input); console.log('stats',performance.now()-t);
t=performance.now(); const plan=buildPlan(job.input,st,false); console.log('plan',performance.now()-t, 'cost', resampleCost(plan), 'entries', plan.channels[0].counts.value.length, 'pos', plan.channels[0].rank?.posCluster.length, 'events', plan.channels[0].rank?.events.length/3);
t=performance.now(); pointEstimates(plan); console.log('point',performance.now()-t);
t=performance.now(); runResamples(plan,0,0,20); console.log('20 resamples',performance.now()-t);
