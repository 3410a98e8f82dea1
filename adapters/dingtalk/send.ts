/**
 * DingTalk replies (NOTES 2.4). While the robot message's sessionWebhook is valid, the reply goes there (no
 * token). Otherwise — expired, absent, or DingTalk answered that it did not deliver — through the robot API
 * with the app's access token: groupMessages/send for a group (openConversationId = chatId), and
 * oToMessages/batchSend for a direct chat, which needs the rep's staffId in the recipient.
 * A sessionWebhook on any origin but DINGTALK_OAPI_BASE_URL's is refused outright (see session-webhook.ts).
 */
import { permanent, replyText, requiredCredential, withTokenRefresh, type OutboundContext, type OutboundMessage, type OutboundSender, type SendResult } from '../outbound.js';
import { callJson, stringField } from '../outbound-http.js';
import { DINGTALK_TOKEN_HEADER, dingtalkFailure, dingtalkTokenKey, issueDingtalkToken } from './access-token.js';
import { assertTrustedSessionWebhook, replyBySessionWebhook, sessionWebhookUsable } from './session-webhook.js';

export const DINGTALK_GROUP_SEND_PATH = '/v1.0/robot/groupMessages/send';
export const DINGTALK_DIRECT_SEND_PATH = '/v1.0/robot/oToMessages/batchSend';
/** The robot API's plain-text message template. */
export const DINGTALK_TEXT_MSG_KEY = 'sampleText';

/** The rep's staffId, when capture put it in the recipient (needed to message a direct chat without a webhook). */
function staffIdOf(recipient: Record<string, string>): string | undefined {
  return recipient.staffId ?? recipient.senderStaffId ?? recipient.userId;
}

function robotRequest(message: OutboundMessage, robotCode: string, text: string, webhookNote: string): { path: string; body: Record<string, unknown>; userId?: string } {
  const common = { robotCode, msgKey: DINGTALK_TEXT_MSG_KEY, msgParam: JSON.stringify({ content: text }) };
  const { recipient } = message;
  if (recipient.chatType === 'group') {
    if (!recipient.chatId) throw permanent('DingTalk group recipient has no chat id (openConversationId)');
    return { path: DINGTALK_GROUP_SEND_PATH, body: { ...common, openConversationId: recipient.chatId } };
  }
  const userId = staffIdOf(recipient);
  if (userId === undefined) throw permanent(`DingTalk direct reply: ${webhookNote}, and the recipient has no staffId for oToMessages/batchSend`);
  return { path: DINGTALK_DIRECT_SEND_PATH, body: { ...common, userIds: [userId] }, userId };
}

function listed(body: Record<string, unknown> | undefined, key: string, userId: string): boolean {
  const list = body?.[key];
  return Array.isArray(list) && list.includes(userId);
}

async function sendByRobotApi(message: OutboundMessage, context: OutboundContext, text: string, webhookNote: string): Promise<SendResult> {
  const { credentials } = context;
  const { recipient } = message;
  const clientId = requiredCredential(credentials, 'clientId', 'DINGTALK_CLIENT_ID');
  const clientSecret = requiredCredential(credentials, 'clientSecret', 'DINGTALK_CLIENT_SECRET');
  // For an internal app's robot the robotCode is the app key unless configured otherwise.
  const robotCode = credentials.robotCode || recipient.robotCode || clientId;
  const request = robotRequest(message, robotCode, text, webhookNote);
  const what = `DingTalk ${request.path}`;
  return withTokenRefresh(
    context.tokens,
    dingtalkTokenKey(clientId),
    () => issueDingtalkToken(context, clientId, clientSecret),
    async (token) => {
      const answer = await callJson(context.fetch, `${context.baseUrls.dingtalk}${request.path}`, { method: 'POST', headers: { [DINGTALK_TOKEN_HEADER]: token }, body: request.body }, what);
      if (answer.status !== 200) throw dingtalkFailure(what, answer);
      if (request.userId !== undefined && listed(answer.body, 'flowControlledStaffIdList', request.userId)) {
        throw dingtalkFailure(what, { ...answer, status: 429 });
      }
      if (request.userId !== undefined && listed(answer.body, 'invalidStaffIdList', request.userId)) {
        throw permanent(`${what}: staffId ${request.userId} is not valid for this robot (invalidStaffIdList)`);
      }
      const key = stringField(answer.body, 'processQueryKey');
      return key === undefined ? {} : { platformMessageId: key };
    },
  );
}

async function send(message: OutboundMessage, context: OutboundContext): Promise<SendResult> {
  const text = replyText(message, 'dingtalk');
  const hook = message.recipient.sessionWebhook;
  if (hook === undefined || hook === '') return sendByRobotApi(message, context, text, 'no sessionWebhook');
  const url = assertTrustedSessionWebhook(hook, context.baseUrls.dingtalkOapi);
  if (!sessionWebhookUsable(message.recipient.sessionWebhookExpiredTime, context.now)) {
    return sendByRobotApi(message, context, text, 'the sessionWebhook has expired');
  }
  const outcome = await replyBySessionWebhook(context, url, text);
  if (outcome.sent) return {};
  return sendByRobotApi(message, context, text, outcome.reason);
}

export const dingtalkSender: OutboundSender = { platform: 'dingtalk', send };
