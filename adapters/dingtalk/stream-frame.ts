/**
 * One DingTalk Stream downstream frame → what to store and what to answer. Pure: no socket, no clock but `now`.
 *   SYSTEM ping        → echo (headers and data verbatim), no events
 *   SYSTEM disconnect  → no ack, control 'disconnect' (the client opens a new connection, then drops this one)
 *   EVENT              → events + ack data {"status":"SUCCESS","message":"ok"}
 *   CALLBACK robot     → events + ack data {"response":null}
 *   CALLBACK card      → events + ack data {"response":{}} (the card workflow will put the card update here)
 * The caller MUST persist `events` before sending `ack` (PITFALLS 12): if the store fails, no ack, DingTalk redelivers.
 * A frame DingTalk sent but we cannot parse is still acked, with an `ignored` event saying why, so it is
 * recorded once instead of being redelivered forever.
 */
import type { InboundEvent } from '../contract.js';
import { ignored } from '../contract.js';
import {
  CARD_CALLBACK_TOPIC,
  ROBOT_MESSAGE_TOPIC,
  eventToIgnored,
  isoFromMs,
  parseCardCallback,
  parseRobotMessage,
  type ParseOutcome,
} from './parse.js';

export interface StreamAck {
  code: number;
  headers: Record<string, string>;
  message: string;
  data: string;
}

export interface StreamFrameResult {
  ack: StreamAck | null;
  events: InboundEvent[];
  control?: 'disconnect';
  /** Why the frame was dropped without an ack (for the log); absent when all went well. */
  problem?: string;
}

const ACK_CONTENT_TYPE = 'application/json';
const EVENT_ACK_DATA = JSON.stringify({ status: 'SUCCESS', message: 'ok' });
const ROBOT_ACK_DATA = JSON.stringify({ response: null });
const CARD_ACK_DATA = JSON.stringify({ response: {} });

function stringHeaders(value: unknown): Record<string, string> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

function ack(messageId: string, data: string): StreamAck {
  return { code: 200, headers: { contentType: ACK_CONTENT_TYPE, messageId }, message: 'OK', data };
}

function eventsOrIgnored(outcome: ParseOutcome, dedupKey: string, vendorType: string, occurredAt: string, raw: string): InboundEvent[] {
  if ('kind' in outcome) {
    const reason = `DingTalk Stream ${vendorType} could not be parsed: ${outcome.code} (${outcome.message})`;
    return [{ dedupKey, vendorType, event: ignored(occurredAt, reason), raw }];
  }
  return outcome.events;
}

export function handleStreamFrame(frame: object, now: Date): StreamFrameResult {
  const f = frame as Record<string, unknown>;
  const headers = stringHeaders(f.headers);
  if (headers === null) return { ack: null, events: [], problem: 'frame has no headers object' };
  const data = typeof f.data === 'string' ? f.data : '';
  const topic = headers.topic ?? '';
  const messageId = headers.messageId;

  if (f.type === 'SYSTEM') {
    if (topic === 'disconnect') return { ack: null, events: [], control: 'disconnect' };
    if (topic === 'ping') {
      const echo: StreamAck = { code: 200, headers: { ...headers }, message: 'OK', data };
      return { ack: echo, events: [] };
    }
    return { ack: null, events: [], problem: `unknown SYSTEM topic ${topic}` };
  }
  if (!messageId) return { ack: null, events: [], problem: `${String(f.type)} frame has no messageId` };
  const frameTime = new Date(isoFromMs(headers.time, now));

  if (f.type === 'EVENT') {
    const eventType = headers.eventType ?? 'unknown';
    const occurredAt = isoFromMs(headers.eventBornTime, frameTime);
    const event = eventToIgnored(eventType, headers.eventId ?? `frame:${messageId}`, occurredAt, data);
    return { ack: ack(messageId, EVENT_ACK_DATA), events: [event] };
  }
  if (f.type === 'CALLBACK') {
    const fallbackKey = `frame:${messageId}`;
    if (topic === ROBOT_MESSAGE_TOPIC) {
      const events = eventsOrIgnored(parseRobotMessage(data, frameTime), fallbackKey, 'robot_message', frameTime.toISOString(), data);
      return { ack: ack(messageId, ROBOT_ACK_DATA), events };
    }
    if (topic === CARD_CALLBACK_TOPIC) {
      const events = eventsOrIgnored(parseCardCallback(data, frameTime), fallbackKey, 'card_callback', frameTime.toISOString(), data);
      return { ack: ack(messageId, CARD_ACK_DATA), events };
    }
    const reason = `unsupported DingTalk Stream callback topic ${topic}`;
    return {
      ack: ack(messageId, ROBOT_ACK_DATA),
      events: [{ dedupKey: fallbackKey, vendorType: topic, event: ignored(frameTime.toISOString(), reason), raw: data }],
    };
  }
  return { ack: null, events: [], problem: `unknown frame type ${String(f.type)}` };
}
