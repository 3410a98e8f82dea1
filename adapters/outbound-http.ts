/** The one way senders call a platform: JSON in, JSON out, a timeout, no redirects, network trouble = temporary. */
import { PlatformError } from '../src/errors.js';
import { permanent, RateLimitedError } from './outbound.js';

/** How long one platform call may take before it counts as a temporary failure. */
export const OUTBOUND_HTTP_TIMEOUT_MS = 10_000;

export interface JsonAnswer {
  status: number;
  headers: Headers;
  /** The body when it is a JSON object, else undefined. */
  body: Record<string, unknown> | undefined;
}

export interface JsonRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * Redirects are never followed: a platform API does not redirect, and following one would let a URL taken
 * from an inbound payload (DingTalk's sessionWebhook) lead the request somewhere else.
 */
export async function callJson(fetchFn: typeof fetch, url: string, request: JsonRequest, what: string): Promise<JsonAnswer> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: request.method,
      headers: { accept: 'application/json', ...(request.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }), ...request.headers },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      redirect: 'manual',
      signal: AbortSignal.timeout(OUTBOUND_HTTP_TIMEOUT_MS),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PlatformError('temporary', `${what}: no answer (${reason})`, { cause: error });
  }
  const text = await response.text().catch(() => '');
  if (response.status >= 300 && response.status < 400) {
    throw permanent(`${what}: answered HTTP ${response.status} (a redirect, not followed)`);
  }
  return { status: response.status, headers: response.headers, body: parseObject(text) };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Seconds from a header such as Retry-After or Feishu's x-ogw-ratelimit-reset, as milliseconds. */
export function retryAfterMs(headers: Headers, name = 'retry-after'): number | undefined {
  const seconds = Number(headers.get(name));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** The fallback reading of an HTTP failure no platform code explained: 429 rate limit, 5xx temporary, other 4xx permanent. */
export function httpFailure(what: string, answer: JsonAnswer, detail: string): PlatformError {
  const message = `${what}: HTTP ${answer.status} ${detail}`.trim();
  if (answer.status === 429) return new RateLimitedError(message, retryAfterMs(answer.headers));
  if (answer.status >= 500 || answer.status === 408) return new PlatformError('temporary', message);
  return permanent(message);
}

export function stringField(body: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = body?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function numberField(body: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = body?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
