/**
 * WeCom replies (NOTES 3.3): an app message to the member who wrote to the app,
 * POST /cgi-bin/message/send?access_token= {touser, msgtype:"text", agentid, text:{content}}.
 * WeCom has no idempotency key for this call: a retry after a crash between sending and recording can
 * show the reply twice. Excess messages to one member (30/min) are dropped silently by WeCom (PITFALLS 24).
 */
import { permanent, replyText, requiredCredential, withTokenRefresh, type OutboundContext, type OutboundMessage, type OutboundSender, type SendResult } from '../outbound.js';
import { callJson, numberField, stringField } from '../outbound-http.js';
import { issueWecomToken, wecomFailure, wecomTokenKey } from './access-token.js';

export const WECOM_SEND_PATH = '/cgi-bin/message/send';

function agentIdOf(message: OutboundMessage, credentials: Record<string, string>): number {
  const raw = credentials.agentId || message.recipient.agentid;
  if (!raw) throw permanent('WECOM_AGENT_ID is not configured for this tenant');
  const agentId = Number(raw);
  if (!Number.isInteger(agentId)) throw permanent(`WeCom agent id "${raw}" is not a number`);
  return agentId;
}

async function send(message: OutboundMessage, context: OutboundContext): Promise<SendResult> {
  const text = replyText(message, 'wecom');
  const corpId = requiredCredential(context.credentials, 'corpId', 'WECOM_CORP_ID');
  const secret = requiredCredential(context.credentials, 'secret', 'WECOM_SECRET');
  const agentId = agentIdOf(message, context.credentials);
  const touser = message.recipient.touser || message.recipient.chatId;
  if (!touser) throw permanent('WeCom recipient has no member user id');
  const what = 'WeCom message/send';
  return withTokenRefresh(
    context.tokens,
    wecomTokenKey(corpId, String(agentId)),
    () => issueWecomToken(context, corpId, secret),
    async (token) => {
      const url = `${context.baseUrls.wecom}${WECOM_SEND_PATH}?${new URLSearchParams({ access_token: token }).toString()}`;
      const answer = await callJson(context.fetch, url, { method: 'POST', body: { touser, msgtype: 'text', agentid: agentId, text: { content: text } } }, what);
      if (answer.status !== 200 || numberField(answer.body, 'errcode') !== 0) throw wecomFailure(what, answer);
      const invalid = stringField(answer.body, 'invaliduser');
      if (invalid !== undefined && invalid.split('|').includes(touser)) throw permanent(`${what}: WeCom did not deliver to ${touser} (invaliduser)`);
      const msgid = stringField(answer.body, 'msgid');
      return msgid === undefined ? {} : { platformMessageId: msgid };
    },
  );
}

export const wecomSender: OutboundSender = { platform: 'wecom', send };
