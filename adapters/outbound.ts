/**
 * The outbound half of the adapter contract: how salesbeat says something on a platform.
 * A sender gets one outbox message and a context (credentials, base URLs, fetch, token cache, clock) and
 * either resolves with the platform's message id or throws a `PlatformError` whose code decides what the
 * outbox worker does next (see src/outbound/outbox-worker.ts):
 *
 *   rate_limited  → retry later, with a longer back-off (and the platform's own wait when it gives one)
 *   token_expired → the sender already refreshed the token once; retry later
 *   temporary     → retry later with exponential back-off
 *   not_found / permanent → give up: the row ends `failed` with the message as the reason
 *
 * Senders never touch the store; the worker owns the outbox row.
 */
import type { Platform } from '../src/core/events.js';
import { PlatformError } from '../src/errors.js';

/** What an outbox row carries. Only `reply` (plain text) is sent today; `card` comes with the card renderers. */
export type OutboundKind = 'reply' | 'card';

export interface OutboundMessage {
  /** The outbox row id: the idempotency key where the platform takes one (Feishu `uuid`). */
  id: string;
  kind: string;
  /** Where it goes, in the platform's own terms (chatId, chatType, messageId, sessionWebhook, touser, ...). */
  recipient: Record<string, string>;
  /** reply: `{ text, textZh, textEn }` — `text` (both languages) is what gets sent. */
  payload: Record<string, unknown>;
}

/** The platforms' API roots; the service reads them from FEISHU_BASE_URL, DINGTALK_BASE_URL, DINGTALK_OAPI_BASE_URL, WECOM_BASE_URL. */
export interface OutboundBaseUrls {
  feishu: string;
  dingtalk: string;
  dingtalkOapi: string;
  wecom: string;
}

/** A token as the platform issued it. */
export interface IssuedToken {
  token: string;
  expiresInSeconds: number;
}

/**
 * Access tokens, already scoped to one tenant by whoever built the context. `get` answers from memory while
 * the token is fresh and otherwise calls `issue` (concurrent callers share one call). `invalidate` drops
 * `token` if it is still the cached one, so the next `get` issues a new one.
 */
export interface TokenCache {
  get(key: string, issue: () => Promise<IssuedToken>): Promise<string>;
  invalidate(key: string, token: string): void;
}

export interface OutboundContext {
  /** The tenant's credentials for this platform (keys as in the inbound adapter's `credentialKeys`); `{}` when none are stored. */
  credentials: Record<string, string>;
  baseUrls: OutboundBaseUrls;
  fetch: typeof fetch;
  tokens: TokenCache;
  /** Injected clock: session-webhook expiry is judged against it. */
  now: Date;
}

export interface SendResult {
  /** The platform's id for the message sent, when it returns one (DingTalk's session webhook does not). */
  platformMessageId?: string;
}

export interface OutboundSender {
  platform: Platform;
  send(message: OutboundMessage, context: OutboundContext): Promise<SendResult>;
}

/** A rate-limit answer; `retryAfterMs` is the wait the platform asked for, when it said. */
export class RateLimitedError extends PlatformError {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super('rate_limited', message);
  }
}

export function permanent(message: string): PlatformError {
  return new PlatformError('permanent', message);
}

/** The text of a `reply`; anything else (cards) is refused until its renderer exists. */
export function replyText(message: OutboundMessage, platform: Platform): string {
  if (message.kind !== 'reply') throw permanent(`${platform} cannot send outbox kind "${message.kind}" yet (only "reply")`);
  const text = message.payload.text;
  if (typeof text !== 'string' || text.trim() === '') throw permanent('reply payload has no text');
  return text;
}

/** A credential the sender cannot work without. */
export function requiredCredential(credentials: Record<string, string>, key: string, envName: string): string {
  const value = credentials[key];
  if (!value) throw permanent(`${envName} is not configured for this tenant`);
  return value;
}

/**
 * Calls `call` with a cached token; when the platform answers token_expired, drops that token, issues a new
 * one and calls once more. A second token_expired propagates (the worker retries the row later).
 */
export async function withTokenRefresh<T>(
  tokens: TokenCache,
  key: string,
  issue: () => Promise<IssuedToken>,
  call: (token: string) => Promise<T>,
): Promise<T> {
  const token = await tokens.get(key, issue);
  try {
    return await call(token);
  } catch (error) {
    if (!(error instanceof PlatformError) || error.platformCode !== 'token_expired') throw error;
    tokens.invalidate(key, token);
    return call(await tokens.get(key, issue));
  }
}
