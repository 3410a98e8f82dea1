/**
 * DingTalk payloads → domain events. The only file that knows DingTalk's vendor type strings.
 *  - robot message (HTTP 消息接收地址 body, or Stream topic /v1.0/im/bot/messages/get data) → message.received,
 *    dedup on `msgId` (the same key over HTTP and Stream, so both transports dedup against each other);
 *  - card callback (/v1.0/card/instances/callback data) → card.action, dedup on
 *    `card:<outTrackId>:<userId>:<sha256(content)[0..16]>` (no event id exists: one row per distinct click content
 *    per user per card; a redelivery of the same click collapses);
 *  - event (Stream EVENT or decrypted HTTP subscription) → `ignored` with a specific reason, dedup on `eventId`
 *    (Stream header) or, when the HTTP plaintext has none, `event:<EventType>:<sha256(plaintext)[0..32]>`.
 */
import { createHash } from 'node:crypto';
import type { DomainEvent, PlatformPerson } from '../../src/core/events.js';
import { ignored, reject, type InboundEvent, type Rejection } from '../contract.js';

export const ROBOT_MESSAGE_TOPIC = '/v1.0/im/bot/messages/get';
export const CARD_CALLBACK_TOPIC = '/v1.0/card/instances/callback';

export type ParseOutcome = { ok: true; events: InboundEvent[] } | Rejection;
type Json = Record<string, unknown>;

const MEDIA_CONTENT_TYPES: Record<string, string> = { picture: 'image', file: 'file', audio: 'audio', video: 'video' };
const UNDELIVERED_MSGTYPE = 'unknownMsgType';
const CARD_DEDUP_HASH_CHARS = 16;
const EVENT_DEDUP_HASH_CHARS = 32;

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** ISO time from an epoch-milliseconds number or string, else `fallback`. */
export function isoFromMs(value: unknown, fallback: Date): string {
  const ms = typeof value === 'number' ? value : typeof value === 'string' && /^\d{10,16}$/.test(value) ? Number(value) : NaN;
  const date = Number.isFinite(ms) && ms > 0 ? new Date(ms) : fallback;
  return date.toISOString();
}

export type JsonParse = { ok: true; json: Json } | { ok: false; rejection: Rejection };

export function parseJsonObject(raw: string, what: string): JsonParse {
  try {
    const value: unknown = JSON.parse(raw);
    if (isObject(value)) return { ok: true, json: value };
  } catch {
    // fall through to the rejection below
  }
  return { ok: false, rejection: reject(400, 'malformed_body', `${what} is not a JSON object`, `${what} 不是合法的 JSON 对象`) };
}

function missing(field: string, what: string): Rejection {
  return reject(400, 'missing_field', `${what}: required field ${field} is missing`, `${what}：缺少必填字段 ${field}`);
}

function event(dedupKey: string, vendorType: string, domain: DomainEvent, raw: string): ParseOutcome {
  return { ok: true, events: [{ dedupKey, vendorType, event: domain, raw }] };
}

function robotText(msg: Json): { text: string; contentType: string } | null {
  const msgtype = String(msg.msgtype);
  if (msgtype === 'text') {
    const content = isObject(msg.text) ? msg.text.content : undefined;
    return { text: typeof content === 'string' ? content.trim() : '', contentType: 'text' };
  }
  if (msgtype === 'richText') {
    const items = isObject(msg.content) && Array.isArray(msg.content.richText) ? msg.content.richText : [];
    const parts = items.flatMap((item: unknown) => (isObject(item) && typeof item.text === 'string' ? [item.text] : []));
    return { text: parts.join('\n').trim(), contentType: 'rich_text' };
  }
  const media = MEDIA_CONTENT_TYPES[msgtype];
  return media === undefined ? null : { text: '', contentType: media };
}

/** A robot message; `receivedAt` stands in for `createAt` when the payload lacks it (the doc's frame says "createA"). */
export function parseRobotMessage(raw: string, receivedAt: Date): ParseOutcome {
  const what = 'DingTalk robot message';
  const parsedMsg = parseJsonObject(raw, what);
  if (!parsedMsg.ok) return parsedMsg.rejection;
  const msg = parsedMsg.json;
  for (const field of ['msgId', 'conversationId', 'conversationType', 'msgtype'] as const) {
    if (str(msg[field]) === undefined) return missing(field, what);
  }
  const senderId = str(msg.senderId);
  const staffId = str(msg.senderStaffId);
  if (senderId === undefined && staffId === undefined) return missing('senderId', what);
  const conversationType = str(msg.conversationType);
  if (conversationType !== '1' && conversationType !== '2') {
    return reject(400, 'malformed_body', `${what}: conversationType must be "1" or "2"`, `${what}：conversationType 只能是 "1" 或 "2"`);
  }
  const msgId = String(msg.msgId);
  const msgtype = String(msg.msgtype);
  const occurredAt = isoFromMs(msg.createAt, receivedAt);
  const vendorType = `robot_message.${msgtype}`;
  const body = robotText(msg);
  if (body === null) {
    const reason =
      msgtype === UNDELIVERED_MSGTYPE
        ? 'DingTalk robot message whose content DingTalk does not deliver to robots (msgtype unknownMsgType)'
        : `unsupported DingTalk robot message type ${msgtype}`;
    return event(msgId, vendorType, ignored(occurredAt, reason), raw);
  }
  const ids: Record<string, string> = {};
  if (senderId !== undefined) ids.dingtalkId = senderId;
  if (staffId !== undefined) ids.staffId = staffId;
  const senderCorp = str(msg.senderCorpId);
  const botCorp = str(msg.chatbotCorpId);
  const sender: PlatformPerson = { ids, external: senderCorp !== undefined && botCorp !== undefined && senderCorp !== botCorp };
  const nick = str(msg.senderNick);
  if (nick !== undefined) sender.name = nick;
  const replyTo: Record<string, string> = {};
  for (const key of ['sessionWebhook', 'sessionWebhookExpiredTime', 'robotCode'] as const) {
    const value = str(msg[key]);
    if (value !== undefined) replyTo[key] = value;
  }
  const title = str(msg.conversationTitle);
  return event(
    msgId,
    vendorType,
    {
      kind: 'message.received',
      occurredAt,
      messageId: msgId,
      chat: { id: String(msg.conversationId), type: conversationType === '1' ? 'direct' : 'group', ...(title ? { title } : {}) },
      sender,
      text: body.text,
      contentType: body.contentType,
      // A robot only receives direct messages and group messages that @-mention it (PITFALLS 13).
      toBot: true,
      ...(Object.keys(replyTo).length > 0 ? { replyTo } : {}),
    },
    raw,
  );
}

/**
 * A card button callback. `value` = cardPrivateData.params (the opaque value the button carried), plus
 * `actionIds` from cardPrivateData when params has no key of that name.
 */
export function parseCardCallback(raw: string, receivedAt: Date): ParseOutcome {
  const what = 'DingTalk card callback';
  const parsedCard = parseJsonObject(raw, what);
  if (!parsedCard.ok) return parsedCard.rejection;
  const card = parsedCard.json;
  for (const field of ['outTrackId', 'userId', 'content'] as const) {
    if (str(card[field]) === undefined) return missing(field, what);
  }
  const contentRaw = String(card.content);
  const parsedContent = parseJsonObject(contentRaw, `${what} content`);
  if (!parsedContent.ok) return parsedContent.rejection;
  const content = parsedContent.json;
  const privateData = isObject(content.cardPrivateData) ? content.cardPrivateData : {};
  const value: Record<string, unknown> = isObject(privateData.params) ? { ...privateData.params } : {};
  if (Array.isArray(privateData.actionIds) && !('actionIds' in value)) value.actionIds = privateData.actionIds;
  const outTrackId = String(card.outTrackId);
  const userId = String(card.userId);
  // userIdType 2 = unionId; 1 (default) = the org's userId, the same id robots call senderStaffId.
  const operatorIds: Record<string, string> =
    card.userIdType === 2 || card.userIdType === '2' ? { unionId: userId } : { staffId: userId };
  const corpId = str(card.corpId);
  if (corpId !== undefined) operatorIds.corpId = corpId;
  return event(
    `card:${outTrackId}:${userId}:${sha256Hex(contentRaw).slice(0, CARD_DEDUP_HASH_CHARS)}`,
    `card_callback.${str(card.type) ?? 'unknown'}`,
    {
      kind: 'card.action',
      occurredAt: receivedAt.toISOString(),
      operator: { ids: operatorIds, external: false },
      value,
      cardRef: { outTrackId },
    },
    raw,
  );
}

function eventReason(eventType: string): string {
  if (/^(user|org|label)_/.test(eventType)) {
    return `DingTalk address-book event ${eventType}: org directory changes are not sales actions`;
  }
  if (/^chat_/.test(eventType)) return `DingTalk group management event ${eventType}: not a sales action`;
  return `unsupported DingTalk event type ${eventType}`;
}

/** An org/event subscription event (Stream EVENT frame or decrypted HTTP callback): always `ignored` today. */
export function eventToIgnored(eventType: string, dedupKey: string, occurredAt: string, raw: string): InboundEvent {
  return { dedupKey, vendorType: eventType, event: ignored(occurredAt, eventReason(eventType)), raw };
}

/**
 * The decrypted plaintext of an HTTP event-subscription callback (handshakes are handled before this):
 * `{EventType, ...}` for events; a card callback object (outTrackId + content) when cards use HTTP callbacks.
 */
export function parseCallbackPlaintext(plaintext: string, now: Date): ParseOutcome {
  const what = 'DingTalk event callback';
  const parsedPayload = parseJsonObject(plaintext, what);
  if (!parsedPayload.ok) return parsedPayload.rejection;
  const payload = parsedPayload.json;
  const eventType = str(payload.EventType);
  if (eventType === undefined) {
    if (str(payload.outTrackId) !== undefined) return parseCardCallback(plaintext, now);
    return missing('EventType', what);
  }
  const dedupKey =
    str(payload.eventId) ?? `event:${eventType}:${sha256Hex(plaintext).slice(0, EVENT_DEDUP_HASH_CHARS)}`;
  const occurredAt = isoFromMs(payload.TimeStamp ?? payload.timeStamp ?? payload.timestamp, now);
  return { ok: true, events: [eventToIgnored(eventType, dedupKey, occurredAt, plaintext)] };
}
