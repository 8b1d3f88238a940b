/**
 * Splitting a run's rows over machines. A row belongs to shard `hash(row key) mod count`: the
 * split depends only on each row's key (its normalised image_path), never on row order or on
 * which other rows exist, so every machine computes the same split from the same metadata, and
 * adding rows to a dataset moves no existing row to another shard.
 *
 * Shard indices are 0-based. Schedulers give them through the environment:
 * - Kubernetes Indexed Jobs: JOB_COMPLETION_INDEX (0-based); the count is the Job's
 *   `completions`, which the pod does not see: pass `--shard-count N` or SEMIBENCH_SHARD_COUNT.
 * - Slurm job arrays: SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_COUNT, relative to
 *   SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_STEP (so `--array=1-8` and `--array=0-7` both work).
 */
import { createHash } from 'node:crypto';
/** The shard a row key belongs to, for `count` shards. */
export function shardOfKey(key, count) {
    // 48 bits of sha256: uniform enough, and exact in a double.
    const h = createHash('sha256').update(key).digest();
    return h.readUIntBE(0, 6) % count;
}
/** The rows of one shard, in their original order. */
export function selectShard(rows, shard) {
    return rows.filter((r) => shardOfKey(r.key, shard.count) === shard.index);
}
function integer(text, what) {
    const n = Number(text);
    if (text === undefined || text.trim() === '' || !Number.isInteger(n))
        throw new Error(`${what} must be an integer, got "${text ?? ''}"`);
    return n;
}
function checked(shard) {
    if (shard.count < 1)
        throw new Error(`shard count must be at least 1, got ${shard.count}`);
    if (shard.index < 0 || shard.index >= shard.count) {
        throw new Error(`shard index ${shard.index} is outside 0..${shard.count - 1} (indices are 0-based; ${shard.source === 'flag' ? '--shard I/N takes I from 0 to N-1' : `from ${shard.source}`})`);
    }
    return shard;
}
/**
 * Parses `--shard`: `I/N` (0-based I), or `auto` to read the scheduler's environment.
 * `countFlag` is `--shard-count`, needed with Kubernetes unless SEMIBENCH_SHARD_COUNT is set.
 */
export function resolveShard(spec, env = process.env, countFlag) {
    const trimmed = spec.trim();
    if (trimmed !== 'auto') {
        const m = /^(\d+)\s*\/\s*(\d+)$/.exec(trimmed);
        if (!m)
            throw new Error(`--shard "${spec}": expected I/N (e.g. 0/8 for the first of eight shards) or auto`);
        return checked({ index: Number(m[1]), count: Number(m[2]), source: 'flag' });
    }
    if (env.JOB_COMPLETION_INDEX !== undefined) {
        const index = integer(env.JOB_COMPLETION_INDEX, 'JOB_COMPLETION_INDEX');
        const countText = countFlag !== undefined ? String(countFlag) : env.SEMIBENCH_SHARD_COUNT;
        if (countText === undefined) {
            throw new Error('--shard auto in a Kubernetes Indexed Job: the pod cannot see the number of completions; pass --shard-count N or set SEMIBENCH_SHARD_COUNT (the Job\'s spec.completions)');
        }
        return checked({ index, count: integer(countText, '--shard-count / SEMIBENCH_SHARD_COUNT'), source: 'kubernetes' });
    }
    if (env.SLURM_ARRAY_TASK_ID !== undefined) {
        const id = integer(env.SLURM_ARRAY_TASK_ID, 'SLURM_ARRAY_TASK_ID');
        const min = env.SLURM_ARRAY_TASK_MIN !== undefined ? integer(env.SLURM_ARRAY_TASK_MIN, 'SLURM_ARRAY_TASK_MIN') : 0;
        const step = env.SLURM_ARRAY_TASK_STEP !== undefined ? integer(env.SLURM_ARRAY_TASK_STEP, 'SLURM_ARRAY_TASK_STEP') : 1;
        const countText = countFlag !== undefined ? String(countFlag) : env.SLURM_ARRAY_TASK_COUNT;
        if (countText === undefined)
            throw new Error('--shard auto under Slurm: SLURM_ARRAY_TASK_COUNT is not set; pass --shard-count N');
        if (step < 1 || (id - min) % step !== 0)
            throw new Error(`SLURM_ARRAY_TASK_ID ${id} is not on the array's grid (min ${min}, step ${step})`);
        return checked({ index: (id - min) / step, count: integer(countText, 'SLURM_ARRAY_TASK_COUNT'), source: 'slurm' });
    }
    throw new Error('--shard auto: neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID (Slurm job array) is set; give --shard I/N');
}
/** `I/N`, as shown to people and recorded in manifests. */
export function formatShard(shard) {
    return `${shard.index}/${shard.count}`;
}
//# sourceMappingURL=shard.js.map