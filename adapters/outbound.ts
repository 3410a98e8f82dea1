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
 *
 * Two kinds of row (`kind`):
 *   reply → payload `{ text, textZh, textEn }`, recipient as capture queued it (chatId, chatType, messageId,
 *           plus the adapter's replyTo: sessionWebhook, touser, ...).
 *   card  → payload `CardPayload` `{ card, locale? }`, recipient `CardRecipient` — exactly these keys, per platform:
 *             feishu   `{ openId }` | `{ userId }` | `{ chatId }`  → receive_id_type open_id | user_id | chat_id
 *             dingtalk `{ staffId }` (robot 1:1, oToMessages userIds) | `{ chatId }` (openConversationId, group)
 *             wecom    `{ userid }` (the member's UserID, `touser`)
 *           One recipient per row: each person's copy is its own row, so each gets its own platform message
 *           id (and WeCom its own task_id and response_code).
 * A sender may also return `extra` (strings a later card update needs, e.g. WeCom's response_code); the
 * worker keeps it in the row's `payload.delivery`, and `updateCard` gets it back as `CardUpdate.delivery`.
 */
import type { Card, CardButton } from '../src/core/card.js';
import type { Locale } from '../src/core/card-text.js';
import type { Platform } from '../src/core/events.js';
import { PlatformError } from '../src/errors.js';

/** What an outbox row carries: a plain-text bot `reply`, or a `card` rendered by the platform's renderer. */
export type OutboundKind = 'reply' | 'card';

/** The payload of a `card` row. `locale` picks the card's language (default zh-CN; Feishu carries both). */
export interface CardPayload {
  card: Card;
  locale?: Locale;
}

/** The recipient of a `card` row, per platform (see the header of this file). Anything else fails the row. */
export interface CardRecipients {
  feishu: { openId: string } | { userId: string } | { chatId: string };
  dingtalk: { staffId: string } | { chatId: string };
  wecom: { userid: string };
}
export type CardRecipient = CardRecipients[keyof CardRecipients];

/**
 * The one person or chat a row goes to, for per-recipient rate limits and in-order delivery: WeCom's member
 * (`userid` of a card, `touser` of a reply — the same person shares one limit), else Feishu's user, else the chat.
 */
export function recipientKey(recipient: Record<string, string>): string {
  return recipient.userid ?? recipient.touser ?? recipient.openId ?? recipient.userId ?? recipient.chatId ?? recipient.staffId ?? '';
}

export interface OutboundMessage {
  /** The outbox row id: the idempotency key where the platform takes one (Feishu `uuid`). */
  id: string;
  kind: string;
  /** Where it goes, in the platform's own terms (chatId, chatType, messageId, sessionWebhook, touser, ...). */
  recipient: Record<string, string>;
  /** reply: `{ text, textZh, textEn }` — `text` (both languages) is what gets sent; card: `CardPayload`. */
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

/**
 * Pages of salesbeat a card links to, already scoped to the row's tenant by the worker. Platforms whose
 * buttons can only open a URL (DingTalk ActionCard, a WeCom form) send taps there.
 */
export interface CardLinks {
  /** Where the card itself opens (WeCom `card_action`, which every template_card needs). */
  cardUrl(card: Card): string;
  /** A page that performs `button` of `card`. */
  actionUrl(card: Card, button: CardButton): string;
}

export interface OutboundContext {
  /** The tenant's credentials for this platform (keys as in the inbound adapter's `credentialKeys`); `{}` when none are stored. */
  credentials: Record<string, string>;
  baseUrls: OutboundBaseUrls;
  fetch: typeof fetch;
  tokens: TokenCache;
  /** Injected clock: session-webhook expiry is judged against it. */
  now: Date;
  cardLinks: CardLinks;
}

export interface SendResult {
  /** The platform's id for the message sent, when it returns one (DingTalk's session webhook does not). */
  platformMessageId?: string;
  /** What a later `updateCard` needs besides the message id (WeCom: responseCode, taskId); kept in `payload.delivery`. */
  extra?: Record<string, string>;
}

/** A card already sent by a `card` row, to be replaced by `card` (same id, typically with a final `state`). */
export interface CardUpdate {
  /** The outbox row that sent it. */
  outboxId: string;
  recipient: Record<string, string>;
  card: Card;
  locale?: Locale;
  /** The row's platform_message_id. */
  platformMessageId?: string;
  /**
   * The row's `payload.delivery` (SendResult.extra). A WeCom callback brings a fresh ResponseCode: pass it
   * here as `responseCode` in place of the spent one.
   */
  delivery?: Record<string, string>;
}

export type CardUpdateResult =
  /** `delivery`: what to keep from now on (WeCom: the response_code is spent and left out). */
  | { status: 'updated'; delivery?: Record<string, string> }
  /** The platform cannot update this message (DingTalk robot ActionCards; WeCom without an unused response_code). */
  | { status: 'unsupported'; reason: string };

export interface OutboundSender {
  platform: Platform;
  send(message: OutboundMessage, context: OutboundContext): Promise<SendResult>;
  /** Replaces a card sent earlier, in place. Errors as for `send` (thrown PlatformError). */
  updateCard(update: CardUpdate, context: OutboundContext): Promise<CardUpdateResult>;
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

/** The text of a `reply`. */
export function replyText(message: OutboundMessage, platform: Platform): string {
  if (message.kind !== 'reply') throw permanent(`${platform} cannot send outbox kind "${message.kind}" as a reply`);
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
