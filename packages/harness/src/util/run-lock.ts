import { mkdir, open, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * One run directory, one writer. Two `eval`s on one `--out` would interleave their appends and
 * rename each other's files, and a second run of the same detector would "resume" a live one, so
 * the directory is locked by a file naming the owner's PID and host. A lock whose owner is dead
 * (same host, no such process: a kill -9, a crash) is taken over with a message, which is what
 * lets a killed run be resumed; a live owner's lock is refused with an error that says whose it is.
 */

export const LOCK_FILE = '.semibench.lock';

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

export class RunLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunLockedError';
  }
}

/** True when a process with this PID exists on this machine (EPERM: it exists, owned by someone else). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface RunDirectory {
  /** True when this call created the directory (so a run that fails early may remove it). */
  created: boolean;
  /** Frees the lock; with `removeIfEmpty`, also removes a directory this run created and left empty. */
  release(options?: { removeIfEmpty?: boolean }): Promise<void>;
}

/** Creates (if needed) and locks a run directory; `onTakeover` hears about a dead owner's lock. */
export async function lockRunDirectory(dir: string, onTakeover: (message: string) => void = () => undefined): Promise<RunDirectory> {
  const created = (await mkdir(dir, { recursive: true })) !== undefined;
  const path = join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${JSON.stringify(me)}\n`);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
    }
    const owner = await readOwner(path);
    if (owner && owner.host !== me.host) {
      throw new RunLockedError(
        `${dir} is in use by semibench PID ${owner.pid} on host ${owner.host} (since ${owner.startedAt}); this host cannot tell whether it is still running. ` +
          `Use another --out, or, if that run is over, delete ${path}.`,
      );
    }
    if (owner && processAlive(owner.pid)) {
      throw new RunLockedError(`${dir} is in use by a running semibench (PID ${owner.pid} on ${owner.host}, since ${owner.startedAt}). Wait for it to finish, or use another --out.`);
    }
    // Dead owner (or an unreadable lock): move it aside atomically, so of two processes taking
    // over at once exactly one wins the `wx` create above.
    const aside = `${path}.stale-${process.pid}`;
    try {
      await rename(path, aside);
      await rm(aside, { force: true });
      onTakeover(`${dir}: taking over the lock of semibench PID ${owner?.pid ?? '?'} (${owner?.host ?? 'unknown host'}, since ${owner?.startedAt ?? '?'}), which is no longer running`);
    } catch {
      // Another process moved it first; try again.
    }
  }
  return {
    created,
    async release(options = {}) {
      const owner = await readOwner(path);
      if (owner?.pid === me.pid && owner.host === me.host) await rm(path, { force: true });
      if (options.removeIfEmpty && created) {
        const left = await readdir(dir).catch(() => ['?']);
        if (left.length === 0) await rmdir(dir).catch(() => undefined);
      }
    },
  };
}

async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return null;
    return { pid: parsed.pid, host: parsed.host, startedAt: String(parsed.startedAt ?? '?') };
  } catch {
    return null;
  }
}

/**
 * Temp files (`NAME.tmp-PID`) that a killed writer left behind: only this process's own and those
 * of processes that no longer exist are removed, never a live writer's.
 */
export async function removeStaleTempFiles(dir: string, names: ReadonlySet<string>): Promise<void> {
  for (const entry of await readdir(dir)) {
    const m = /^(.+)\.tmp-(\d+)$/.exec(entry);
    if (!m || !names.has(m[1] as string)) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || !processAlive(pid)) await rm(join(dir, entry), { force: true });
  }
}
