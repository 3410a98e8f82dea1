/**
 * Feishu cards (NOTES 1.6): POST /open-apis/im/v1/messages?receive_id_type=open_id|user_id|chat_id
 * `{receive_id, msg_type: "interactive", content: <card JSON 2.0 as a string>, uuid: <outbox row id>}`;
 * `data.message_id` is kept to update the card in place later with
 * PATCH /open-apis/im/v1/messages/:message_id `{content}` — same app, `update_multi: true` before and after
 * (the renderer always sets it), within 14 days, 5 QPS per message [D patch page].
 */
import { renderFeishuCard } from './render-card.js';
import { cardPayloadOf, renderOrFail } from '../outbound-card.js';
import { permanent, type CardUpdate, type CardUpdateResult, type OutboundContext, type OutboundMessage, type SendResult } from '../outbound.js';
import { stringField } from '../outbound-http.js';
import { callFeishuApi } from './api-call.js';

export const FEISHU_SEND_PATH = '/open-apis/im/v1/messages';
export const FEISHU_UPDATE_PATH = '/open-apis/im/v1/messages/:message_id';
export const FEISHU_CARD_MSG_TYPE = 'interactive';

/** Card recipient key → receive_id_type, in order of preference (CardRecipients.feishu). */
export const FEISHU_RECEIVE_ID_TYPES = [
  ['openId', 'open_id'],
  ['userId', 'user_id'],
  ['chatId', 'chat_id'],
] as const;

function receiver(recipient: Record<string, string>): { type: string; id: string } {
  for (const [key, type] of FEISHU_RECEIVE_ID_TYPES) {
    const id = recipient[key];
    if (id) return { type, id };
  }
  throw permanent('Feishu card recipient has no openId, userId or chatId');
}

export async function sendFeishuCard(message: OutboundMessage, context: OutboundContext): Promise<SendResult> {
  const { card, locale } = cardPayloadOf(message, 'feishu');
  const to = receiver(message.recipient);
  const { payload } = renderOrFail('feishu', () => renderFeishuCard(card, locale));
  const url = `${context.baseUrls.feishu}${FEISHU_SEND_PATH}?${new URLSearchParams({ receive_id_type: to.type }).toString()}`;
  const body = { receive_id: to.id, msg_type: FEISHU_CARD_MSG_TYPE, content: JSON.stringify(payload), uuid: message.id };
  const data = await callFeishuApi(context, 'Feishu send card', url, 'POST', body);
  const messageId = stringField(data, 'message_id');
  return messageId === undefined ? {} : { platformMessageId: messageId };
}

export async function updateFeishuCard(update: CardUpdate, context: OutboundContext): Promise<CardUpdateResult> {
  if (!update.platformMessageId) return { status: 'unsupported', reason: 'Feishu: no message id was recorded for this card, so it cannot be updated' };
  const { payload } = renderOrFail('feishu', () => renderFeishuCard(update.card, update.locale));
  const url = `${context.baseUrls.feishu}${FEISHU_UPDATE_PATH.replace(':message_id', encodeURIComponent(update.platformMessageId))}`;
  await callFeishuApi(context, 'Feishu update card', url, 'PATCH', { content: JSON.stringify(payload) });
  return { status: 'updated' };
}
