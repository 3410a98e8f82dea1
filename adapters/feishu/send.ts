/**
 * Feishu replies (NOTES 1.6): POST /open-apis/im/v1/messages/:message_id/reply as the app (tenant token),
 * quoting the rep's message; without a message id, a plain message to the chat. `uuid` = the outbox row id,
 * so Feishu drops a repeat of the same row within its dedup window (1 h [3P]): a retry after a crash
 * between sending and recording does not show the reply twice.
 */
import { requiredCredential, replyText, permanent, withTokenRefresh, type OutboundContext, type OutboundMessage, type OutboundSender, type SendResult } from '../outbound.js';
import { callJson, numberField, stringField } from '../outbound-http.js';
import { feishuFailure, feishuTokenKey, issueFeishuToken } from './access-token.js';

export const FEISHU_REPLY_PATH = '/open-apis/im/v1/messages/:message_id/reply';
export const FEISHU_SEND_PATH = '/open-apis/im/v1/messages';

function target(message: OutboundMessage, base: string): { url: string; body: Record<string, string> } {
  const { recipient } = message;
  const messageId = recipient.messageId ?? recipient.message_id;
  if (messageId) return { url: `${base}${FEISHU_REPLY_PATH.replace(':message_id', encodeURIComponent(messageId))}`, body: {} };
  const chatId = recipient.chatId ?? recipient.chat_id;
  if (chatId) return { url: `${base}${FEISHU_SEND_PATH}?receive_id_type=chat_id`, body: { receive_id: chatId } };
  throw permanent('Feishu recipient has neither a message id to reply to nor a chat id');
}

async function send(message: OutboundMessage, context: OutboundContext): Promise<SendResult> {
  const text = replyText(message, 'feishu');
  const appId = requiredCredential(context.credentials, 'appId', 'FEISHU_APP_ID');
  const appSecret = requiredCredential(context.credentials, 'appSecret', 'FEISHU_APP_SECRET');
  const { url, body } = target(message, context.baseUrls.feishu);
  const what = 'Feishu send message';
  return withTokenRefresh(
    context.tokens,
    feishuTokenKey(appId),
    () => issueFeishuToken(context, appId, appSecret),
    async (token) => {
      const answer = await callJson(
        context.fetch,
        url,
        { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: { ...body, msg_type: 'text', content: JSON.stringify({ text }), uuid: message.id } },
        what,
      );
      const data = answer.body?.data;
      const messageId = typeof data === 'object' && data !== null ? stringField(data as Record<string, unknown>, 'message_id') : undefined;
      if (answer.status === 200 && numberField(answer.body, 'code') === 0) return messageId === undefined ? {} : { platformMessageId: messageId };
      throw feishuFailure(what, answer);
    },
  );
}

export const feishuSender: OutboundSender = { platform: 'feishu', send };
