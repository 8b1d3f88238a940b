/**
 * Worker-thread entry of the bootstrap. Resample tasks get a plan (typed arrays on
 * SharedArrayBuffers, so nothing is copied) and a range of resample indices, and return the
 * replicates of that range; rank tasks build a channel's ranking pass (on SharedArrayBuffers)
 * while the main thread builds the counts.
 */
import { parentPort } from 'node:worker_threads';
import { runResamples } from './kernel.js';
import { standaloneRankPlan } from './plan.js';
const port = parentPort;
if (port) {
    port.on('message', (task) => {
        try {
            if (task.kind === 'rank')
                port.postMessage({ rank: standaloneRankPlan(task.input, task.score) });
            else {
                const outs = runResamples(task.plan, task.seed, task.b0, task.b1, task.part);
                port.postMessage({ outs }, outs.map((o) => o.buffer));
            }
        }
        catch (error) {
            const reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
            port.postMessage(reply);
        }
    });
}
//# sourceMappingURL=worker.js.map