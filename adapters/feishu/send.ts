/**
 * Feishu outbound (NOTES 1.6). Replies: POST /open-apis/im/v1/messages/:message_id/reply as the app (tenant
 * token), quoting the rep's message; without a message id, a plain message to the chat. Cards: see
 * send-card.ts. `uuid` = the outbox row id, so Feishu drops a repeat of the same row within its dedup window
 * (1 h [3P]): a retry after a crash between sending and recording does not show the message twice.
 */
import { permanent, replyText, type OutboundContext, type OutboundMessage, type OutboundSender, type SendResult } from '../outbound.js';
import { stringField } from '../outbound-http.js';
import { callFeishuApi } from './api-call.js';
import { FEISHU_SEND_PATH, sendFeishuCard, updateFeishuCard } from './send-card.js';

export { FEISHU_SEND_PATH };
export const FEISHU_REPLY_PATH = '/open-apis/im/v1/messages/:message_id/reply';

function target(message: OutboundMessage, base: string): { url: string; body: Record<string, string> } {
  const { recipient } = message;
  const messageId = recipient.messageId ?? recipient.message_id;
  if (messageId) return { url: `${base}${FEISHU_REPLY_PATH.replace(':message_id', encodeURIComponent(messageId))}`, body: {} };
  const chatId = recipient.chatId ?? recipient.chat_id;
  if (chatId) return { url: `${base}${FEISHU_SEND_PATH}?receive_id_type=chat_id`, body: { receive_id: chatId } };
  throw permanent('Feishu recipient has neither a message id to reply to nor a chat id');
}

async function sendReply(message: OutboundMessage, context: OutboundContext): Promise<SendResult> {
  const text = replyText(message, 'feishu');
  const { url, body } = target(message, context.baseUrls.feishu);
  const data = await callFeishuApi(context, 'Feishu send message', url, 'POST', { ...body, msg_type: 'text', content: JSON.stringify({ text }), uuid: message.id });
  const messageId = stringField(data, 'message_id');
  return messageId === undefined ? {} : { platformMessageId: messageId };
}

function send(message: OutboundMessage, context: OutboundContext): Promise<SendResult> {
  return message.kind === 'card' ? sendFeishuCard(message, context) : sendReply(message, context);
}

export const feishuSender: OutboundSender = { platform: 'feishu', send, updateCard: updateFeishuCard };
