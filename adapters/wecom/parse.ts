/**
 * WeCom XML → domain events. The only file where WeCom's vendor strings (MsgType, Event, ChangeType) live.
 *
 * Dedup keys (doc: MsgId for messages, FromUserName+CreateTime for events):
 *  - messages: `MsgId`.
 *  - events: FromUserName|CreateTime|Event plus ChangeType and the subject ids that are present
 *    (UserID, ExternalUserID, ChatId, TaskId, EventKey, MeetingId). FromUserName+CreateTime alone is
 *    too coarse: every change_external_contact event comes from `sys`, so two customers added (or an
 *    add and a delete) in the same second would collapse into one and the second would be dropped as a
 *    "duplicate". WeCom retries resend the identical payload, so adding payload fields never splits a
 *    real retry — it only stops distinct events from colliding.
 */
import { ignored, reject, type InboundEvent, type Rejection } from '../contract.js';
import type { CardAction, DomainEvent, MessageReceived, PlatformPerson } from '../../src/core/events.js';
import { readXml, textOf, XmlShapeError, type XmlLabel, type XmlNode } from './xml.js';

export interface WecomEnvelope {
  encrypt: string;
  toUserName?: string;
  agentId?: string;
}

/** A required field is absent; becomes 400 missing_field naming it. */
class MissingField extends Error {
  constructor(readonly field: string) {
    super(`${field} is missing`);
  }
}

function required(node: XmlNode, name: string): string {
  const value = textOf(node, name);
  if (value === undefined) throw new MissingField(name);
  return value;
}

class BadCreateTime extends Error {}

const ENVELOPE: XmlLabel = { en: 'The request body', zh: '请求体' };
const PLAINTEXT: XmlLabel = { en: 'The decrypted message', zh: '解密后的消息' };

/** Run `build`, turning a missing or misshapen field into a 400 that names it. */
function guarded<T>(what: XmlLabel, build: () => T): T | Rejection {
  try {
    return build();
  } catch (error) {
    if (error instanceof MissingField) {
      return reject(400, 'missing_field', `${what.en} has no <${error.field}>.`, `${what.zh}缺少字段 <${error.field}>。`);
    }
    if (error instanceof XmlShapeError) {
      return reject(400, 'malformed_body', `${what.en}: <${error.field}> must be a single text element.`, `${what.zh}：<${error.field}> 必须是单个文本元素。`);
    }
    if (error instanceof BadCreateTime) {
      return reject(400, 'malformed_body', `${what.en}: <CreateTime> must be unix seconds.`, `${what.zh}：<CreateTime> 必须是 Unix 秒级时间戳。`);
    }
    throw error;
  }
}

/** The POST body `<xml><ToUserName/><AgentID/><Encrypt/></xml>`. */
export function parseEnvelope(rawBody: Buffer): WecomEnvelope | Rejection {
  const parsed = readXml(rawBody.toString('utf8'), ENVELOPE);
  if ('kind' in parsed) return parsed;
  const { root } = parsed;
  return guarded(ENVELOPE, () => ({
    encrypt: required(root, 'Encrypt'),
    toUserName: textOf(root, 'ToUserName'),
    agentId: textOf(root, 'AgentID'),
  }));
}

function occurredAt(node: XmlNode): string {
  const createTime = required(node, 'CreateTime');
  if (!/^\d{1,12}$/.test(createTime)) throw new BadCreateTime();
  return new Date(Number(createTime) * 1000).toISOString();
}

function member(userid: string): PlatformPerson {
  return { ids: { userid }, external: false };
}

const CONTENT_TYPES: Record<string, string> = { voice: 'audio' };

function messageText(node: XmlNode, msgType: string): string {
  switch (msgType) {
    case 'text':
      return required(node, 'Content');
    case 'link':
      return [textOf(node, 'Title'), textOf(node, 'Url')].filter(Boolean).join(' ');
    case 'location':
      return textOf(node, 'Label') ?? '';
    default:
      return '';
  }
}

/** A message a member sent to the app (1:1 with the app, so always addressed to the bot). */
function toMessage(node: XmlNode, msgType: string, raw: string): InboundEvent {
  const from = required(node, 'FromUserName');
  const msgId = required(node, 'MsgId');
  const agentId = textOf(node, 'AgentID');
  const event: MessageReceived = {
    kind: 'message.received',
    occurredAt: occurredAt(node),
    messageId: msgId,
    chat: { id: from, type: 'direct' },
    sender: member(from),
    text: messageText(node, msgType),
    contentType: CONTENT_TYPES[msgType] ?? msgType,
    toBot: true,
    replyTo: agentId ? { touser: from, agentid: agentId } : { touser: from },
  };
  return { dedupKey: msgId, vendorType: msgType, event, raw };
}

const EXTERNAL_CONTACT_REMOVALS: Record<string, string> = {
  del_external_contact: 'rep_removed_customer',
  del_follow_user: 'customer_removed_rep',
};

const EXTERNAL_CONTACT_IGNORED: Record<string, string> = {
  edit_external_contact: 'a rep edited a customer contact (remark/description/tags; edit_external_contact): no sales action to record',
  transfer_fail: 'customer transfer between reps failed (transfer_fail): handover is tracked by salesbeat itself',
  msg_audit_approved: 'customer consented to chat archiving (msg_audit_approved): salesbeat does not use 会话内容存档',
};

function externalContactEvent(node: XmlNode, at: string): DomainEvent {
  const changeType = required(node, 'ChangeType');
  const isAdd = changeType === 'add_external_contact' || changeType === 'add_half_external_contact';
  const removal = EXTERNAL_CONTACT_REMOVALS[changeType];
  if (!isAdd && !removal) {
    return ignored(at, EXTERNAL_CONTACT_IGNORED[changeType] ?? `unsupported change_external_contact ChangeType ${changeType}`);
  }
  const rep = member(required(node, 'UserID'));
  const contact: PlatformPerson = { ids: { external_userid: required(node, 'ExternalUserID') }, external: true };
  if (removal) return { kind: 'contact.removed', occurredAt: at, rep, contact, reason: removal };
  const state = textOf(node, 'State');
  return { kind: 'contact.added', occurredAt: at, rep, contact, ...(state ? { state } : {}) };
}

function selectedItems(node: XmlNode): Array<{ questionKey: string; optionIds: string[] }> | undefined {
  const container = node['SelectedItems'];
  if (container === undefined || typeof container !== 'object' || container === null) return undefined;
  const items = (container as XmlNode)['SelectedItem'];
  if (!Array.isArray(items)) return undefined;
  return items.map((item: XmlNode) => {
    const optionIds = (item['OptionIds'] as XmlNode | undefined)?.['OptionId'];
    return {
      questionKey: required(item, 'QuestionKey'),
      optionIds: Array.isArray(optionIds) ? optionIds.filter((id): id is string => typeof id === 'string') : [],
    };
  });
}

/** A tap on a template card (button / vote / multiple-choice) the app sent. */
function cardAction(node: XmlNode, at: string): CardAction {
  const taskId = required(node, 'TaskId');
  const responseCode = required(node, 'ResponseCode');
  const cardType = textOf(node, 'CardType');
  const agentId = textOf(node, 'AgentID');
  const selected = selectedItems(node);
  return {
    kind: 'card.action',
    occurredAt: at,
    operator: member(required(node, 'FromUserName')),
    value: { key: required(node, 'EventKey'), taskId, ...(cardType ? { cardType } : {}), ...(selected ? { selected } : {}) },
    cardRef: { taskId, responseCode, ...(agentId ? { agentId } : {}) },
  };
}

/** Events salesbeat deliberately does nothing with, and why. */
const IGNORED_EVENTS: Record<string, string> = {
  change_external_chat:
    'customer group created/updated/dismissed (change_external_chat): the callback carries only the ChatId, and group messages are not delivered to app callbacks (they need 会话内容存档), so there is nothing to record',
  change_external_tag: 'customer tag definitions changed (change_external_tag): tags are not part of the sales record',
  meeting_change:
    'WeCom meeting_change is sent only for meetings created through the meeting API and carries only a MeetingId; salesbeat creates no WeCom meetings and does not fetch meeting details',
  meeting_statistics: 'meeting_statistics carries no topic or participants; salesbeat does not fetch meeting details',
  template_card_menu_event: 'card menu tap (template_card_menu_event): salesbeat cards define no menu actions',
  subscribe: 'member enabled the app (subscribe): no sales action',
  unsubscribe: 'member disabled the app (unsubscribe): no sales action',
  enter_agent: 'member opened the app (enter_agent): no sales action',
  LOCATION: 'member location report (LOCATION): salesbeat does not track location',
  click: 'app menu click: salesbeat defines no app menu',
  view: 'app menu link opened: salesbeat defines no app menu',
  change_contact: 'internal directory change (change_contact): salesbeat does not mirror the org chart',
  batch_job_result: 'directory batch job finished (batch_job_result): not used by salesbeat',
};

const EVENT_DISCRIMINATORS = ['ChangeType', 'UserID', 'ExternalUserID', 'ChatId', 'TaskId', 'EventKey', 'MeetingId'];

function eventDedupKey(node: XmlNode, eventType: string): string {
  const parts = [required(node, 'FromUserName'), required(node, 'CreateTime'), eventType];
  for (const name of EVENT_DISCRIMINATORS) {
    const value = textOf(node, name);
    if (value !== undefined) parts.push(value);
  }
  return parts.join('|');
}

function toEvent(node: XmlNode, raw: string): InboundEvent {
  const eventType = required(node, 'Event');
  const at = occurredAt(node);
  const dedupKey = eventDedupKey(node, eventType);
  let event: DomainEvent;
  if (eventType === 'change_external_contact') event = externalContactEvent(node, at);
  else if (eventType === 'template_card_event') event = cardAction(node, at);
  else event = ignored(at, IGNORED_EVENTS[eventType] ?? `unsupported WeCom event type ${eventType}`);
  const changeType = textOf(node, 'ChangeType');
  return { dedupKey, vendorType: changeType ? `${eventType}.${changeType}` : eventType, event, raw };
}

/** Decrypted plaintext XML → the events to commit (exactly one per WeCom callback). */
export function parsePlaintext(plaintext: string): InboundEvent[] | Rejection {
  const parsed = readXml(plaintext, PLAINTEXT);
  if ('kind' in parsed) return parsed;
  const node = parsed.root;
  return guarded(PLAINTEXT, () => {
    const msgType = required(node, 'MsgType');
    return [msgType === 'event' ? toEvent(node, plaintext) : toMessage(node, msgType, plaintext)];
  });
}
