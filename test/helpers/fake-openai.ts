/**
 * A fake OpenAI-compatible chat-completions server on 127.0.0.1 for tests. It validates each
 * request the way a real endpoint would (path, JSON, model, messages, auth), records it, and answers
 * with whatever the test's `reply` function returns, so tests can script valid, invalid and failing
 * answers deterministically.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatMessage {
  role: string;
  content: string | { type: string; text?: string; image_url?: { url: string } }[];
}

export interface ChatRequestBody {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
  [key: string]: unknown;
}

export interface RecordedChat {
  body: ChatRequestBody;
  headers: IncomingMessage['headers'];
  /** All text of the user messages, joined. */
  prompt: string;
}

/** A scripted answer: assistant text, or an HTTP failure. */
export type FakeReply = string | { status: number; body?: string; retryAfter?: number };

export interface FakeOpenAIOptions {
  /** Answer for the n-th request (0-based, counting failures too). */
  reply: (request: RecordedChat, index: number) => FakeReply;
  /** Delay before answering, to observe concurrency. */
  delayMs?: number;
  /** When set, requests without `Authorization: Bearer <key>` get 401. */
  apiKey?: string;
}

export interface FakeOpenAI {
  /** Base URL including `/v1`, as OPENAI_BASE_URL expects. */
  baseUrl: string;
  requests: RecordedChat[];
  /** Highest number of requests in flight at once. */
  maxInFlight: number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function userText(messages: ChatMessage[]): string {
  return messages
    .filter((m) => m.role === 'user')
    .map((m) => (typeof m.content === 'string' ? m.content : m.content.map((p) => p.text ?? '').join('')))
    .join('\n');
}

export async function startFakeOpenAI(options: FakeOpenAIOptions): Promise<FakeOpenAI> {
  const state = { requests: [] as RecordedChat[], inFlight: 0, maxInFlight: 0, count: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return send(res, 404, { error: { message: `no route ${req.method} ${req.url}` } });
        if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
          return send(res, 401, { error: { message: 'invalid api key' } });
        }
        let body: ChatRequestBody;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequestBody;
        } catch {
          return send(res, 400, { error: { message: 'body is not JSON' } });
        }
        if (typeof body.model !== 'string' || !Array.isArray(body.messages) || body.messages.length === 0) {
          return send(res, 400, { error: { message: 'model and messages are required' } });
        }
        const recorded: RecordedChat = { body, headers: req.headers, prompt: userText(body.messages) };
        state.requests.push(recorded);
        const index = state.count++;
        state.inFlight++;
        state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
        try {
          if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
          const reply = options.reply(recorded, index);
          if (typeof reply !== 'string') {
            return send(res, reply.status, reply.body ?? { error: { message: `scripted failure ${reply.status}` } }, reply.retryAfter !== undefined ? { 'retry-after': String(reply.retryAfter) } : {});
          }
          send(res, 200, {
            id: `chatcmpl-${index}`,
            object: 'chat.completion',
            created: 0,
            model: body.model,
            choices: [{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
          });
        } finally {
          state.inFlight--;
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests: state.requests,
    get maxInFlight() {
      return state.maxInFlight;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
