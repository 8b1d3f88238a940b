/**
 * One long-lived worker process speaking the protocol of protocol.ts: start, handshake, requests
 * with a timeout, and a bounded number of restarts after a crash or a hang.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Logger, OptionValue } from '@semibench/harness/plugin';
import { PROTOCOL_VERSION, parseHello, parseReply, type ItemMessage, type WorkerHello, type WorkerReply } from './protocol.js';

export interface WorkerProcessOptions {
  /** argv: the command and its arguments. */
  argv: readonly string[];
  cwd: string;
  env?: Readonly<Record<string, string>>;
  /** Sent in the hello message (e.g. the weights path). */
  workerOptions: Readonly<Record<string, OptionValue>>;
  startupTimeoutMs: number;
  requestTimeoutMs: number;
  maxRestarts: number;
  logger: Logger;
  semibenchVersion: string;
}

/** Splits a command line into argv: whitespace separates, single and double quotes group, backslash escapes. */
export function splitCommand(command: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: '"' | "'" | undefined;
  let has = false;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i] as string;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < command.length) cur += command[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < command.length) {
      cur += command[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
    }
  }
  if (quote) throw new Error(`unbalanced ${quote} in command: ${command}`);
  if (has || cur) out.push(cur);
  return out;
}

interface Waiter {
  resolve: (msg: unknown) => void;
  reject: (e: Error) => void;
}

/** A started process and its line reader. */
class Connection {
  private readonly queue: unknown[] = [];
  private waiter: Waiter | undefined;
  private failure: Error | undefined;

  constructor(
    readonly child: ChildProcessWithoutNullStreams,
    private readonly who: string,
    logger: Logger,
  ) {
    const out = createInterface({ input: child.stdout });
    out.on('line', (line) => {
      if (line.trim() === '') return;
      let msg: unknown;
      try {
        msg = JSON.parse(line);
      } catch {
        this.fail(new Error(`${who} wrote a line that is not protocol JSON to stdout: ${JSON.stringify(line.slice(0, 200))}; workers must log to stderr`));
        return;
      }
      if (this.waiter) {
        const w = this.waiter;
        this.waiter = undefined;
        w.resolve(msg);
      } else this.queue.push(msg);
    });
    createInterface({ input: child.stderr }).on('line', (line) => logger.info(`[${who}] ${line}`));
    child.on('error', (e) => this.fail(new Error(`${who} could not be started: ${e.message}`)));
    child.on('exit', (code, signal) => this.fail(new Error(`${who} exited (${signal ? `signal ${signal}` : `code ${code}`})`)));
    // A worker that dies makes writes fail with EPIPE; the exit handler reports it.
    child.stdin.on('error', () => {});
  }

  private fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w.reject(e);
    }
  }

  get failed(): Error | undefined {
    return this.failure;
  }

  send(msg: unknown): void {
    this.child.stdin.write(JSON.stringify(msg) + '\n');
  }

  /** The next protocol message, or a rejection after `ms` or when the process dies. */
  next(ms: number, what: string): Promise<unknown> {
    if (this.queue.length) return Promise.resolve(this.queue.shift());
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new TimeoutError(`${this.who} did not answer ${what} within ${ms} ms`));
      }, ms);
      this.waiter = {
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  /** Asks the worker to stop, and kills it if it does not within `ms`. */
  async shutdown(ms: number): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      this.send({ type: 'shutdown' });
      this.child.stdin.end();
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.kill(), ms);
    await exited;
    clearTimeout(timer);
  }
}

export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

export class WorkerProcess {
  private conn: Connection | undefined;
  private nextId = 1;
  private restarts = 0;
  private readonly who: string;
  hello!: WorkerHello;

  constructor(private readonly options: WorkerProcessOptions) {
    this.who = `worker "${options.argv.join(' ')}"`;
  }

  get name(): string {
    return this.who;
  }

  /** Starts the process and completes the handshake. */
  async start(): Promise<WorkerHello> {
    const [cmd, ...args] = this.options.argv;
    if (!cmd) throw new Error('worker command is empty');
    const child = spawn(cmd, args, {
      cwd: this.options.cwd,
      env: { ...process.env, ...this.options.env, SEMIBENCH_WORKER_PROTOCOL: String(PROTOCOL_VERSION) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const conn = new Connection(child, this.who, this.options.logger);
    this.conn = conn;
    conn.send({ type: 'hello', protocol: PROTOCOL_VERSION, semibench: this.options.semibenchVersion, options: this.options.workerOptions });
    let hello: WorkerHello;
    try {
      hello = parseHello(await conn.next(this.options.startupTimeoutMs, 'the hello handshake'), this.who);
    } catch (e) {
      conn.kill();
      throw e;
    }
    if (this.hello && JSON.stringify(hello) !== JSON.stringify(this.hello)) {
      conn.kill();
      throw new Error(`${this.who} restarted with a different hello (${JSON.stringify(hello)} instead of ${JSON.stringify(this.hello)})`);
    }
    this.hello = hello;
    return hello;
  }

  /**
   * Sends one request and waits for its reply. A crash or a timeout kills the process, restarts
   * it (at most `maxRestarts` times over the worker's life) and retries the request once per
   * restart; malformed replies are not retried (they are bugs, not accidents).
   */
  async request(items: readonly ItemMessage[], dataFile: string | undefined, signal?: AbortSignal): Promise<WorkerReply> {
    const keys = items.slice(0, 3).map((i) => i.key).join(', ') + (items.length > 3 ? `, ... (${items.length} items)` : '');
    for (;;) {
      if (signal?.aborted) throw new Error(`${this.who}: request aborted`);
      const conn = this.conn;
      if (!conn || conn.failed) {
        await this.restart(conn?.failed ?? new Error('not started'), keys);
        continue;
      }
      const id = this.nextId++;
      const msg: Record<string, unknown> = { type: 'predict', id, items };
      if (dataFile) msg.dataFile = dataFile;
      const onAbort = (): void => conn.kill();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        conn.send(msg);
        const reply = await conn.next(this.options.requestTimeoutMs, `request ${id} (items ${keys})`);
        return parseReply(reply, id, items.length, this.who);
      } catch (e) {
        const err = e as Error;
        if (signal?.aborted) throw new Error(`${this.who}: request aborted (items ${keys})`);
        if (!(err instanceof TimeoutError) && !conn.failed) throw err; // protocol violation
        conn.kill();
        await this.restart(err, keys);
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    }
  }

  private async restart(cause: Error, keys: string): Promise<void> {
    if (this.restarts >= this.options.maxRestarts) {
      throw new Error(`${cause.message}; gave up after ${this.restarts} restart(s) (maxRestarts ${this.options.maxRestarts}) on items ${keys}`);
    }
    this.restarts++;
    this.options.logger.warn(`${cause.message}; restarting it (${this.restarts}/${this.options.maxRestarts}) and retrying items ${keys}`);
    await this.start();
  }

  get restartCount(): number {
    return this.restarts;
  }

  async stop(): Promise<void> {
    const conn = this.conn;
    this.conn = undefined;
    await conn?.shutdown(5000);
  }
}
