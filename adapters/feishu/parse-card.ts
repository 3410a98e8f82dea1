/**
 * Card button / form callbacks → card.action: schema-2.0 `card.action.trigger` and the legacy
 * `card.action.trigger_v1` (flat body, no envelope).
 */
import type { CardAction } from '../../src/core/events.js';
import type { Rejection } from '../contract.js';
import { epochToIso, isObject, missingField, objectAt, person, stringAt, type JsonObject } from './payload-fields.js';

/** The button's value as an object; a bare value (old 1.0 cards allow strings) is wrapped as `{value}`. */
function valueOf(action: JsonObject): Record<string, unknown> {
  const value = action.value;
  if (value === undefined || value === null) return {};
  return isObject(value) ? value : { value };
}

function cardRef(messageId: string | undefined, chatId: string | undefined, token: string | undefined): Record<string, string> {
  const ref: Record<string, string> = {};
  if (messageId !== undefined) ref.open_message_id = messageId;
  if (chatId !== undefined) ref.open_chat_id = chatId;
  if (token !== undefined) ref.token = token;
  return ref;
}

function withForm(action: JsonObject): Pick<CardAction, 'value' | 'formValue'> {
  const formValue = objectAt(action, 'form_value');
  return { value: valueOf(action), ...(formValue !== undefined ? { formValue } : {}) };
}

/** card.action.trigger (v2 envelope): `event{operator, token, action, context{open_message_id, open_chat_id}}`. */
export function cardActionV2(
  event: JsonObject | undefined,
  header: JsonObject,
  fallbackOccurredAt: string,
): CardAction | Rejection {
  const action = objectAt(event, 'action');
  if (action === undefined) return missingField('event.action');
  const operator = objectAt(event, 'operator');
  if (operator === undefined) return missingField('event.operator');
  const context = objectAt(event, 'context');
  return {
    kind: 'card.action',
    occurredAt: epochToIso(stringAt(header, 'create_time')) ?? fallbackOccurredAt,
    operator: person(operator, stringAt(operator, 'tenant_key'), stringAt(header, 'tenant_key')),
    ...withForm(action),
    cardRef: cardRef(stringAt(context, 'open_message_id'), stringAt(context, 'open_chat_id'), stringAt(event, 'token')),
  };
}

/** card.action.trigger_v1: `{open_id, user_id, open_message_id, open_chat_id, tenant_key, token, action}`. No time in the body. */
export function cardActionLegacy(payload: JsonObject, receivedAt: string): CardAction | Rejection {
  const action = objectAt(payload, 'action');
  if (action === undefined) return missingField('action');
  const operator = person(payload, undefined, undefined);
  if (Object.keys(operator.ids).length === 0) return missingField('open_id');
  return {
    kind: 'card.action',
    occurredAt: receivedAt,
    operator,
    ...withForm(action),
    cardRef: cardRef(stringAt(payload, 'open_message_id'), stringAt(payload, 'open_chat_id'), stringAt(payload, 'token')),
  };
}
