export interface Shard {
    /** 0-based. */
    index: number;
    count: number;
    /** Where the index came from: 'flag', 'kubernetes' or 'slurm'. */
    source: 'flag' | 'kubernetes' | 'slurm';
}
/** The shard a row key belongs to, for `count` shards. */
export declare function shardOfKey(key: string, count: number): number;
/** The rows of one shard, in their original order. */
export declare function selectShard<T extends {
    key: string;
}>(rows: readonly T[], shard: Pick<Shard, 'index' | 'count'>): T[];
/**
 * Parses `--shard`: `I/N` (0-based I), or `auto` to read the scheduler's environment.
 * `countFlag` is `--shard-count`, needed with Kubernetes unless SEMIBENCH_SHARD_COUNT is set.
 */
export declare function resolveShard(spec: string, env?: NodeJS.ProcessEnv, countFlag?: number): Shard;
/** `I/N`, as shown to people and recorded in manifests. */
export declare function formatShard(shard: Pick<Shard, 'index' | 'count'>): string;
//# sourceMappingURL=shard.d.ts.map