/**
 * Tracks one transfer and emits throttled `transfer` events with a smoothed rate and an ETA.
 * The rate is an exponentially weighted average with a ~3 s time constant, so a stall shows up
 * within seconds but one slow chunk does not swing the ETA.
 */
export class TransferTracker {
    phase;
    path;
    total;
    emit;
    resumedFrom;
    intervalMs;
    started = performance.now();
    lastEmit = 0;
    lastSampleTime;
    lastSampleBytes;
    rate = 0;
    constructor(phase, path, total, emit, resumedFrom = 0, intervalMs = 200) {
        this.phase = phase;
        this.path = path;
        this.total = total;
        this.emit = emit;
        this.resumedFrom = resumedFrom;
        this.intervalMs = intervalMs;
        this.lastSampleTime = this.started;
        this.lastSampleBytes = resumedFrom;
        this.send('start', resumedFrom);
    }
    update(bytes, entries) {
        const now = performance.now();
        const dt = (now - this.lastSampleTime) / 1000;
        if (dt >= 0.05) {
            const instant = (bytes - this.lastSampleBytes) / dt;
            const alpha = 1 - Math.exp(-dt / 3);
            this.rate = this.rate === 0 ? instant : this.rate + alpha * (instant - this.rate);
            this.lastSampleTime = now;
            this.lastSampleBytes = bytes;
        }
        if (now - this.lastEmit >= this.intervalMs) {
            this.lastEmit = now;
            this.send('progress', bytes, entries);
        }
    }
    done(bytes, entries) {
        const seconds = (performance.now() - this.started) / 1000;
        if (seconds > 0)
            this.rate = (bytes - this.resumedFrom) / seconds;
        this.send('done', bytes, entries);
    }
    send(state, bytes, entries) {
        if (!this.emit)
            return;
        const left = Math.max(0, this.total - bytes);
        const etaSeconds = state === 'done' ? 0 : this.rate > 0 ? left / this.rate : null;
        this.emit({
            type: 'transfer',
            phase: this.phase,
            state,
            path: this.path,
            bytes,
            total: this.total,
            rate: this.rate,
            etaSeconds,
            ...(this.resumedFrom > 0 ? { resumedFrom: this.resumedFrom } : {}),
            ...(entries !== undefined ? { entries } : {}),
        });
    }
}
export function formatBytes(bytes) {
    const units = ['B', 'kB', 'MB', 'GB', 'TB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
        value /= 1000;
        unit++;
    }
    return `${unit === 0 ? value.toFixed(0) : value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}
export function formatDuration(seconds) {
    if (!Number.isFinite(seconds))
        return '?';
    const s = Math.round(seconds);
    if (s < 60)
        return `${s}s`;
    if (s < 3600)
        return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
    return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
/** One human-readable line for an event (no trailing newline). */
export function formatHubProgress(event) {
    switch (event.type) {
        case 'resolved':
            return `hf:${event.repo}@${event.revision} -> ${event.commitSha} (${event.layout} layout${event.offline ? ', offline' : ''})`;
        case 'warning':
            return `warning: ${event.message}`;
        case 'summary':
            return (`fetched ${event.fetched.files} file(s), ${formatBytes(event.fetched.bytes)}; ` +
                `cached ${event.cached.files} file(s), ${formatBytes(event.cached.bytes)}; ` +
                `${event.extracted} archive(s) extracted` +
                (event.missing > 0 ? `; ${event.missing} path(s) not found` : ''));
        case 'transfer': {
            const verb = event.phase.padEnd(8);
            const pct = event.total > 0 ? ` ${((100 * event.bytes) / event.total).toFixed(0).padStart(3)}%` : '';
            const amount = `${formatBytes(event.bytes)} / ${formatBytes(event.total)}`;
            const resumed = event.resumedFrom ? ` (resumed at ${formatBytes(event.resumedFrom)})` : '';
            if (event.state === 'start')
                return `${verb} ${event.path} (${formatBytes(event.total)})${resumed}`;
            if (event.state === 'done') {
                const files = event.entries !== undefined ? `, ${event.entries} files` : '';
                return `${verb} ${event.path}: done, ${formatBytes(event.total)}${files}${event.rate > 0 ? ` at ${formatBytes(event.rate)}/s` : ''}${resumed}`;
            }
            const rate = event.rate > 0 ? ` ${formatBytes(event.rate)}/s` : '';
            const eta = event.etaSeconds !== null ? ` ETA ${formatDuration(event.etaSeconds)}` : '';
            return `${verb} ${event.path}${pct} ${amount}${rate}${eta}${resumed}`;
        }
    }
}
/**
 * Render events to a stream (normally stderr). On a terminal, transfer progress redraws one line;
 * otherwise only start/done lines and a progress line every `logEveryMs` are written, so CI logs
 * stay short. Files under `minBytes` only appear in the redrawn line.
 */
export function createHubProgressPrinter(stream, options = {}) {
    const tty = stream.isTTY === true;
    const every = options.logEveryMs ?? 10_000;
    // Files below this size get no start/done lines of their own (a folder layout has one per image).
    const minBytes = options.minBytes ?? 1_000_000;
    const lastLogged = new Map();
    let openLine = false;
    return (event) => {
        const line = formatHubProgress(event);
        if (tty && event.type === 'transfer' && event.state === 'progress') {
            stream.write(`\r\x1b[2K${line}`);
            openLine = true;
            return;
        }
        if (event.type === 'transfer' && event.state !== 'progress' && event.total < minBytes)
            return;
        if (event.type === 'transfer') {
            const key = `${event.phase}:${event.path}`;
            const now = performance.now();
            if (event.state === 'start')
                lastLogged.set(key, now);
            if (event.state === 'progress') {
                if (now - (lastLogged.get(key) ?? now) < every)
                    return;
                lastLogged.set(key, now);
            }
        }
        if (openLine)
            stream.write('\r\x1b[2K');
        openLine = false;
        if (event.type === 'transfer' && event.state === 'start' && tty)
            return;
        stream.write(`${line}\n`);
    };
}
//# sourceMappingURL=progress.js.map