/**
 * A stand-in for a chat platform's API: a real HTTP server on 127.0.0.1 (port 0) that records every request
 * and answers through a handler the test supplies. Senders reach it over real HTTP via the base URLs.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>;
  /** Parsed JSON body, or the raw text when it is not JSON (undefined when empty). */
  body: unknown;
}

export interface FakeAnswer {
  status?: number;
  json?: unknown;
  headers?: Record<string, string>;
  /** Answer after this many ms (to hold a request in flight). */
  delayMs?: number;
}

export type FakeHandler = (request: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>;

export interface FakePlatform {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Requests to `path` (without query). */
  requestsTo(path: string): RecordedRequest[];
  setHandler(handler: FakeHandler): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

export async function startFakePlatform(initial: FakeHandler = () => ({ status: 404, json: { error: 'no handler' } })): Promise<FakePlatform> {
  let handler = initial;
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: headersOf(req),
        body: await readBody(req),
      };
      requests.push(recorded);
      let answer: FakeAnswer;
      try {
        answer = await handler(recorded);
      } catch (error) {
        answer = { status: 500, json: { error: String(error) } };
      }
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
      res.end(answer.json === undefined ? '' : JSON.stringify(answer.json));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (path) => requests.filter((r) => r.path === path),
    setHandler(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface FakePlatformFixture {
  /** The running fake (started before the suite, closed after it). */
  readonly fake: FakePlatform;
  /** How many access tokens the fake issued in the current test. */
  tokensIssued(): number;
  /** Answers for the next non-token calls, in order; when empty, the suite's default answer. Emptied before each test. */
  readonly answers: FakeAnswer[];
}

/**
 * One fake platform per suite, reset before each test: the token endpoint issues numbered tokens
 * (`token(n)`), every other call takes the next queued answer or `otherwise(request)`.
 */
export function useFakePlatform(options: {
  tokenPath: string;
  token: (n: number) => FakeAnswer;
  otherwise: (request: RecordedRequest) => FakeAnswer;
}): FakePlatformFixture {
  let fake: FakePlatform | undefined;
  let issued = 0;
  const answers: FakeAnswer[] = [];
  beforeAll(async () => {
    fake = await startFakePlatform();
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => {
    fake!.requests.length = 0;
    issued = 0;
    answers.length = 0;
    fake!.setHandler((request) => {
      if (request.path === options.tokenPath) return options.token(++issued);
      return answers.shift() ?? options.otherwise(request);
    });
  });
  return {
    get fake() {
      if (!fake) throw new Error('the fake platform starts in beforeAll');
      return fake;
    },
    tokensIssued: () => issued,
    answers,
  };
}
