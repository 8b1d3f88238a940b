/**
 * Progress of hub downloads and archive extraction. The library emits events; the CLI (or any
 * caller) renders them, e.g. with `createHubProgressPrinter`.
 */
export type TransferPhase = 'download' | 'extract' | 'verify';
export type HubProgressEvent = {
    type: 'resolved';
    repo: string;
    revision: string;
    commitSha: string;
    offline: boolean;
    layout: 'evalset' | 'full';
} | {
    type: 'transfer';
    /**
     * `download`: bytes received from the hub; `extract`: compressed bytes of an archive decoded;
     * `verify`: bytes of a cached file hashed.
     */
    phase: TransferPhase;
    state: 'start' | 'progress' | 'done';
    /** Repo-relative path of the file being downloaded or extracted. */
    path: string;
    bytes: number;
    total: number;
    /** Bytes per second, smoothed over the last few seconds; 0 until known. */
    rate: number;
    /** Seconds left at the current rate; null until known. */
    etaSeconds: number | null;
    /** Bytes that were already on disk when a download resumed. */
    resumedFrom?: number;
    /** Files written so far (extraction only). */
    entries?: number;
} | {
    type: 'warning';
    message: string;
} | {
    type: 'summary';
    fetched: {
        files: number;
        bytes: number;
    };
    cached: {
        files: number;
        bytes: number;
    };
    extracted: number;
    missing: number;
};
/**
 * Tracks one transfer and emits throttled `transfer` events with a smoothed rate and an ETA.
 * The rate is an exponentially weighted average with a ~3 s time constant, so a stall shows up
 * within seconds but one slow chunk does not swing the ETA.
 */
export declare class TransferTracker {
    private readonly phase;
    private readonly path;
    private readonly total;
    private readonly emit;
    private readonly resumedFrom;
    private readonly intervalMs;
    private readonly started;
    private lastEmit;
    private lastSampleTime;
    private lastSampleBytes;
    private rate;
    constructor(phase: TransferPhase, path: string, total: number, emit: ((event: HubProgressEvent) => void) | undefined, resumedFrom?: number, intervalMs?: number);
    update(bytes: number, entries?: number): void;
    done(bytes: number, entries?: number): void;
    private send;
}
export declare function formatBytes(bytes: number): string;
export declare function formatDuration(seconds: number): string;
/** One human-readable line for an event (no trailing newline). */
export declare function formatHubProgress(event: HubProgressEvent): string;
export interface ProgressStream {
    write(chunk: string): unknown;
    isTTY?: boolean;
}
/**
 * Render events to a stream (normally stderr). On a terminal, transfer progress redraws one line;
 * otherwise only start/done lines and a progress line every `logEveryMs` are written, so CI logs
 * stay short. Files under `minBytes` only appear in the redrawn line.
 */
export declare function createHubProgressPrinter(stream: ProgressStream, options?: {
    logEveryMs?: number;
    minBytes?: number;
}): (event: HubProgressEvent) => void;
//# sourceMappingURL=progress.d.ts.map