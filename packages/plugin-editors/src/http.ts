import { scrubSecrets, Semaphore, type Logger, type PluginOptions } from '@semibench/harness/plugin';
import { numberOption } from './options.js';

/**
 * HTTP plumbing shared by the remote plugins (`llm`, `sdwebui`): a concurrency limit, and JSON POSTs
 * with a timeout and retries with exponential backoff on transient failures. Backoff has no jitter
 * so runs are reproducible; servers that need spreading out can send Retry-After.
 */

export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * The server cannot be reached at all (connection refused, unknown host, no route) several times
 * in a row: no later row will fare better, so the command stops instead of spending minutes on
 * retries and "succeeding" with nothing made. `fatal` tells the generate pipeline to stop the run
 * (it otherwise records a row's failure and goes on).
 */
export class EndpointUnreachableError extends Error {
  readonly fatal = true;
  constructor(message: string) {
    super(message);
    this.name = 'EndpointUnreachableError';
  }
}

/** Consecutive connection failures of one endpoint (shared by its concurrent requests). */
export interface ConnectionBreaker {
  failures: number;
  /** Failures in a row that mean "unreachable" (default 3). */
  limit: number;
  /** Set once tripped; every later request fails with it at once. */
  tripped?: EndpointUnreachableError;
}

/** Errors from fetch that mean no connection could be made (not a slow or failing server). */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);

export interface PostJsonOptions {
  /** Plugin name, for error messages. */
  plugin: string;
  headers?: Record<string, string>;
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** Retries after the first attempt for network errors, timeouts, 408/409/425/429 and 5xx. */
  retries: number;
  /** First backoff; doubles on each retry (capped at 60 s); Retry-After wins when larger. */
  backoffMs: number;
  signal?: AbortSignal;
  /** Called before each retry (for logging). */
  onRetry?: (attempt: number, error: Error, waitMs: number) => void;
  /** Stops retrying once the endpoint has failed to connect this many times in a row. */
  breaker?: ConnectionBreaker;
}

const RETRYABLE_STATUS = new Set([408, 409, 425, 429]);

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function retryAfterMs(header: string | null): number {
  if (header === null) return 0;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? 0 : Math.max(0, date - Date.now());
}

async function attempt(url: string, body: unknown, options: PostJsonOptions): Promise<{ json: unknown; retryAfter: number }> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
      body: JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    const cause = (err as Error).cause as (Error & { code?: string }) | undefined;
    const reason = timeout.aborted ? `no answer within ${options.timeoutMs} ms` : cause instanceof Error ? cause.message : (err as Error).message;
    const error = new HttpError(`${options.plugin}: POST ${url} failed: ${reason}`, undefined, true);
    if (!timeout.aborted && (cause?.code === undefined || CONNECTION_CODES.has(cause.code))) noteConnectionFailure(url, error, options);
    throw error;
  }
  if (options.breaker) options.breaker.failures = 0;
  const text = await response.text();
  if (!response.ok) {
    const retryable = RETRYABLE_STATUS.has(response.status) || response.status >= 500;
    const err = new HttpError(`${options.plugin}: POST ${url} returned HTTP ${response.status}: ${text.slice(0, 300)}`, response.status, retryable);
    (err as HttpError & { retryAfter?: number }).retryAfter = retryAfterMs(response.headers.get('retry-after'));
    throw err;
  }
  try {
    return { json: JSON.parse(text) as unknown, retryAfter: 0 };
  } catch {
    throw new HttpError(`${options.plugin}: POST ${url} returned a body that is not JSON: ${text.slice(0, 200)}`, response.status, false);
  }
}

function noteConnectionFailure(url: string, error: HttpError, options: PostJsonOptions): void {
  const breaker = options.breaker;
  if (!breaker) return;
  breaker.failures++;
  if (breaker.failures >= breaker.limit && !breaker.tripped) {
    // scrubSecrets: a base URL may carry credentials (user:password@host, ?api_key=...).
    breaker.tripped = new EndpointUnreachableError(
      scrubSecrets(
        `${options.plugin}: cannot reach ${url} (${error.message.replace(/^.*failed: /, '')}; ${breaker.failures} connection failures in a row). ` +
          `Is the server running and is the URL right? Nothing more is sent to it in this run.`,
        [],
      ),
    );
  }
  if (breaker.tripped) throw breaker.tripped;
}

/** POST a JSON body and parse the JSON answer, retrying transient failures with backoff. */
export async function postJson(url: string, body: unknown, options: PostJsonOptions): Promise<unknown> {
  let wait = options.backoffMs;
  for (let i = 0; ; i++) {
    if (options.breaker?.tripped) throw options.breaker.tripped;
    try {
      return (await attempt(url, body, options)).json;
    } catch (err) {
      if (!(err instanceof HttpError) || !err.retryable || i >= options.retries) {
        if (err instanceof HttpError && err.retryable && i > 0) err.message += ` (gave up after ${i + 1} attempts)`;
        throw err;
      }
      const hinted = (err as HttpError & { retryAfter?: number }).retryAfter ?? 0;
      const ms = Math.min(60_000, Math.max(wait, hinted));
      options.onRetry?.(i + 1, err, ms);
      await sleep(ms, options.signal);
      wait = Math.min(60_000, wait * 2);
    }
  }
}

/** Join a base URL and a path without doubling or dropping slashes. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Option names every remote plugin accepts, read by `remoteEndpoint`. */
export const REMOTE_OPTIONS = ['concurrency', 'timeoutMs', 'retries', 'backoffMs'] as const;

export interface RemoteDefaults {
  concurrency: number;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
}

/** A rate-limited, retrying JSON endpoint of one plugin instance. */
export interface RemoteEndpoint {
  readonly url: string;
  readonly settings: RemoteDefaults;
  /** POST `body`; `what` (e.g. the row's edit id) prefixes retry warnings. */
  post(body: unknown, signal: AbortSignal, what?: string): Promise<unknown>;
}

export function remoteEndpoint(
  plugin: string,
  url: string,
  options: PluginOptions,
  defaults: RemoteDefaults,
  headers: Record<string, string>,
  logger: Logger,
): RemoteEndpoint {
  const settings: RemoteDefaults = {
    concurrency: numberOption(plugin, options, 'concurrency', defaults.concurrency, { min: 1, max: 256, integer: true }),
    timeoutMs: numberOption(plugin, options, 'timeoutMs', defaults.timeoutMs, { min: 1 }),
    retries: numberOption(plugin, options, 'retries', defaults.retries, { min: 0, max: 20, integer: true }),
    backoffMs: numberOption(plugin, options, 'backoffMs', defaults.backoffMs, { min: 0 }),
  };
  const limiter = new Semaphore(settings.concurrency);
  const breaker: ConnectionBreaker = { failures: 0, limit: 3 };
  return {
    url,
    settings,
    post(body, signal, what) {
      // Errors already start with "<plugin>: "; put the row id after it.
      const describe = (message: string): string => {
        const own = `${plugin}: `;
        const rest = message.startsWith(own) ? message.slice(own.length) : message;
        return what === undefined ? `${own}${rest}` : `${own}${what}: ${rest}`;
      };
      return limiter.run(() =>
        postJson(url, body, {
          plugin,
          headers,
          timeoutMs: settings.timeoutMs,
          retries: settings.retries,
          backoffMs: settings.backoffMs,
          signal,
          breaker,
          onRetry: (n, err, ms) => logger.warn(`${describe(err.message)}; retry ${n}/${settings.retries} in ${ms} ms`),
        }),
      );
    },
  };
}
