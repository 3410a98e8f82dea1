/**
 * DingTalk outbound (NOTES 2.4). Replies: while the robot message's sessionWebhook is valid, the reply goes
 * there (no token). Otherwise — expired, absent, or DingTalk answered that it did not deliver — through the
 * robot API with the app's access token: groupMessages/send for a group (openConversationId = chatId), and
 * oToMessages/batchSend for a direct chat, which needs the rep's staffId in the recipient.
 * A sessionWebhook on any origin but DINGTALK_OAPI_BASE_URL's is refused outright (see session-webhook.ts).
 * Cards: see send-card.ts.
 */
import { permanent, replyText, type OutboundContext, type OutboundMessage, type OutboundSender, type SendResult } from '../outbound.js';
import { DINGTALK_DIRECT_SEND_PATH, DINGTALK_GROUP_SEND_PATH, postRobotMessage, robotCodeOf, type RobotTarget } from './robot-api.js';
import { sendDingtalkCard, updateDingtalkCard } from './send-card.js';
import { assertTrustedSessionWebhook, replyBySessionWebhook, sessionWebhookUsable } from './session-webhook.js';

export { DINGTALK_DIRECT_SEND_PATH, DINGTALK_GROUP_SEND_PATH };
/** The robot API's plain-text message template. */
export const DINGTALK_TEXT_MSG_KEY = 'sampleText';

/** The rep's staffId, when capture put it in the recipient (needed to message a direct chat without a webhook). */
function staffIdOf(recipient: Record<string, string>): string | undefined {
  return recipient.staffId ?? recipient.senderStaffId ?? recipient.userId;
}

function replyTarget(recipient: Record<string, string>, webhookNote: string): RobotTarget {
  if (recipient.chatType === 'group') {
    if (!recipient.chatId) throw permanent('DingTalk group recipient has no chat id (openConversationId)');
    return { openConversationId: recipient.chatId };
  }
  const staffId = staffIdOf(recipient);
  if (staffId === undefined) throw permanent(`DingTalk direct reply: ${webhookNote}, and the recipient has no staffId for oToMessages/batchSend`);
  return { staffId };
}

function sendByRobotApi(message: OutboundMessage, context: OutboundContext, text: string, webhookNote: string): Promise<SendResult> {
  const robotCode = robotCodeOf(context, message.recipient);
  const target = replyTarget(message.recipient, webhookNote);
  return postRobotMessage(context, robotCode, target, { msgKey: DINGTALK_TEXT_MSG_KEY, msgParam: JSON.stringify({ content: text }) });
}

async function sendReply(message: OutboundMessage, context: OutboundContext): Promise<SendResult> {
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

function send(message: OutboundMessage, context: OutboundContext): Promise<SendResult> {
  return message.kind === 'card' ? sendDingtalkCard(message, context) : sendReply(message, context);
}

export const dingtalkSender: OutboundSender = { platform: 'dingtalk', send, updateCard: updateDingtalkCard };
