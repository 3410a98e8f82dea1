/**
 * WeCom outbound (NOTES 3.3). Replies: an app message to the member who wrote to the app,
 * POST /cgi-bin/message/send?access_token= {touser, msgtype:"text", agentid, text:{content}}.
 * WeCom has no idempotency key for a text message: a retry after a crash between sending and recording can
 * show the reply twice. Excess messages to one member (30/min, 1000/h) are dropped silently by WeCom
 * (PITFALLS 24): the worker's rate limiter keeps under that. Cards: see send-card.ts.
 */
import { permanent, replyText, type OutboundContext, type OutboundMessage, type OutboundSender, type SendResult } from '../outbound.js';
import { stringField } from '../outbound-http.js';
import { assertDelivered, callWecomApi, wecomAgentId } from './app-call.js';
import { sendWecomCard, updateWecomCard, WECOM_SEND_PATH } from './send-card.js';

export { WECOM_SEND_PATH };

async function sendReply(message: OutboundMessage, context: OutboundContext): Promise<SendResult> {
  const text = replyText(message, 'wecom');
  const agentId = wecomAgentId(context.credentials, message.recipient);
  const touser = message.recipient.touser || message.recipient.chatId;
  if (!touser) throw permanent('WeCom recipient has no member user id');
  const what = 'WeCom message/send';
  const answer = await callWecomApi(context, agentId, what, WECOM_SEND_PATH, { touser, msgtype: 'text', agentid: agentId, text: { content: text } });
  assertDelivered(what, answer, touser);
  const msgid = stringField(answer, 'msgid');
  return msgid === undefined ? {} : { platformMessageId: msgid };
}

function send(message: OutboundMessage, context: OutboundContext): Promise<SendResult> {
  return message.kind === 'card' ? sendWecomCard(message, context) : sendReply(message, context);
}

export const wecomSender: OutboundSender = { platform: 'wecom', send, updateCard: updateWecomCard };
