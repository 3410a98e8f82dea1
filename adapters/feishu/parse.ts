/**
 * Decrypted Feishu payload → one InboundEvent (domain event + dedup key), or a 400 naming the missing field.
 * The only file that knows Feishu's event type strings. Unknown types become an explicit `ignored` event.
 *
 * Dedup keys: im.message.receive_v1 on message.message_id (the doc says not to rely on event_id for it);
 * other v2 events on header.event_id; v1 events on uuid; legacy card callbacks (no id at all) on
 * message + operator + action.
 */
import { createHash } from 'node:crypto';
import type { DomainEvent } from '../../src/core/events.js';
import { ignored, reject, type InboundEvent, type Rejection } from '../contract.js';
import { feishuEnvelope } from './envelope.js';
import { cardActionLegacy, cardActionV2 } from './parse-card.js';
import { meetingEvent } from './parse-meeting.js';
import { messageReceived } from './parse-message.js';
import { epochToIso, missingField, objectAt, stringAt, type JsonObject } from './payload-fields.js';

export type ParseOutcome = { kind: 'parsed'; event: InboundEvent } | Rejection;

export const MESSAGE_RECEIVED = 'im.message.receive_v1';
export const CARD_ACTION = 'card.action.trigger';
export const LEGACY_CARD_ACTION = 'card.action.trigger_v1';

const meetingKinds: Record<string, 'meeting.started' | 'meeting.ended'> = {
  'vc.meeting.meeting_started_v1': 'meeting.started',
  'vc.meeting.all_meeting_started_v1': 'meeting.started',
  'vc.meeting.meeting_ended_v1': 'meeting.ended',
  'vc.meeting.all_meeting_ended_v1': 'meeting.ended',
};

/** Known event types salesbeat deliberately does nothing with, and why. */
const ignoredReasons: Record<string, string> = {
  'vc.meeting.join_meeting_v1':
    'Feishu vc.meeting.join_meeting_v1: a participant joining is not a sales action; meeting.started / meeting.ended carry the meeting',
  'vc.meeting.leave_meeting_v1':
    'Feishu vc.meeting.leave_meeting_v1: a participant leaving is not a sales action; meeting.started / meeting.ended carry the meeting',
};

function unsupported(type: string, version: 'v1' | 'v2'): string {
  return ignoredReasons[type] ?? `unsupported Feishu ${version === 'v1' ? 'v1 ' : ''}event type ${type}`;
}

function parsed(dedupKey: string, vendorType: string, event: DomainEvent | Rejection, raw: string): ParseOutcome {
  if (event.kind === 'rejected') return event;
  return { kind: 'parsed', event: { dedupKey, vendorType, event, raw } };
}

function parseV2(payload: JsonObject, raw: string, receivedAt: string): ParseOutcome {
  const header = objectAt(payload, 'header');
  const type = stringAt(header, 'event_type');
  if (header === undefined || type === undefined) return missingField('header.event_type');
  const event = objectAt(payload, 'event');
  const occurredAt = epochToIso(stringAt(header, 'create_time')) ?? receivedAt;

  if (type === MESSAGE_RECEIVED) {
    const message = messageReceived(event, stringAt(header, 'tenant_key'), occurredAt);
    return message.kind === 'rejected' ? message : parsed(message.messageId, type, message, raw);
  }
  const id = stringAt(header, 'event_id');
  if (id === undefined) return missingField('header.event_id');
  // event_id is unique per event; prefixing the type changes nothing for real retries (same type, same id)
  // but keeps Feishu's documentation samples, which all share one placeholder event_id, apart.
  const eventId = `${type}:${id}`;
  const meetingKind = meetingKinds[type];
  if (meetingKind !== undefined) return parsed(eventId, type, meetingEvent(meetingKind, event, occurredAt), raw);
  if (type === CARD_ACTION) return parsed(eventId, type, cardActionV2(event, header, receivedAt), raw);
  return parsed(eventId, type, ignored(occurredAt, unsupported(type, 'v2')), raw);
}

function parseV1(payload: JsonObject, raw: string, receivedAt: string): ParseOutcome {
  const uuid = stringAt(payload, 'uuid');
  if (uuid === undefined) return missingField('uuid');
  const type = stringAt(objectAt(payload, 'event'), 'type');
  if (type === undefined) return missingField('event.type');
  const occurredAt = epochToIso(stringAt(payload, 'ts')) ?? receivedAt;
  return parsed(uuid, type, ignored(occurredAt, unsupported(type, 'v1')), raw);
}

function parseLegacyCard(payload: JsonObject, raw: string, receivedAt: string): ParseOutcome {
  const card = cardActionLegacy(payload, receivedAt);
  if (card.kind === 'rejected') return card;
  const actionHash = createHash('sha256').update(JSON.stringify(payload.action)).digest('hex').slice(0, 16);
  const dedupKey = [LEGACY_CARD_ACTION, card.cardRef.open_message_id ?? '', Object.values(card.operator.ids)[0], actionHash].join(':');
  return parsed(dedupKey, LEGACY_CARD_ACTION, card, raw);
}

/** `payload` is the decrypted JSON object, `raw` its text verbatim, `receivedAt` the injected clock. */
export function parseFeishuPayload(payload: JsonObject, raw: string, receivedAt: Date): ParseOutcome {
  const at = receivedAt.toISOString();
  switch (feishuEnvelope(payload)) {
    case 'v2':
      return parseV2(payload, raw, at);
    case 'v1':
      return parseV1(payload, raw, at);
    case 'legacy_card':
      return parseLegacyCard(payload, raw, at);
    case 'url_verification':
    case 'unknown':
      return reject(
        400,
        'malformed_body',
        'body is not a Feishu event: expected a schema 2.0 event, a v1 event_callback or a card callback',
        '请求体不是飞书事件：应为 schema 2.0 事件、v1 event_callback 或卡片回调',
      );
  }
}
