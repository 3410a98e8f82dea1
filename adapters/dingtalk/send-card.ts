/**
 * DingTalk cards (NOTES 2.4). Sent by the robot as an ActionCard (`renderDingtalkActionCard`): to one person
 * with oToMessages/batchSend `{robotCode, userIds: [staffId], msgKey, msgParam}`, or to a group with
 * groupMessages/send `{robotCode, openConversationId: chatId, msgKey, msgParam}`; the answer's
 * processQueryKey is the platform message id. An ActionCard's buttons only open URLs, so every action goes to
 * `context.cardLinks.actionUrl` (salesbeat's own page).
 *
 * Updating in place: a robot ActionCard cannot be changed once sent — `updateCard` says so (`unsupported`).
 * Only an interactive card (createAndDeliver with an outTrackId, from a template built in DingTalk's card
 * platform) can: PUT /v1.0/card/instances `{outTrackId, cardData, cardUpdateOptions}`. The sender uses that
 * when the delivery it is given names an `outTrackId` (and `cardTemplateId`); nothing sends such cards yet.
 */
import { renderDingtalkActionCard, renderDingtalkInteractiveCard } from './render-card.js';
import { cardPayloadOf, renderOrFail } from '../outbound-card.js';
import { permanent, type CardUpdate, type CardUpdateResult, type OutboundContext, type OutboundMessage, type SendResult } from '../outbound.js';
import { stringField } from '../outbound-http.js';
import { callDingtalkApi, postRobotMessage, robotCodeOf, type RobotTarget } from './robot-api.js';

export const DINGTALK_CARD_INSTANCES_PATH = '/v1.0/card/instances';

/** CardRecipients.dingtalk: a person's staffId (1:1 with the robot) or a group's openConversationId. */
function cardTarget(recipient: Record<string, string>): RobotTarget {
  if (recipient.staffId) return { staffId: recipient.staffId };
  if (recipient.chatId) return { openConversationId: recipient.chatId };
  throw permanent('DingTalk card recipient has neither a staffId nor a chatId (openConversationId)');
}

export async function sendDingtalkCard(message: OutboundMessage, context: OutboundContext): Promise<SendResult> {
  const { card, locale } = cardPayloadOf(message, 'dingtalk');
  const target = cardTarget(message.recipient);
  const { payload } = renderOrFail('dingtalk', () => renderDingtalkActionCard(card, locale, { actionUrl: (c, b) => context.cardLinks.actionUrl(c, b) }));
  return postRobotMessage(context, robotCodeOf(context, message.recipient), target, payload);
}

export async function updateDingtalkCard(update: CardUpdate, context: OutboundContext): Promise<CardUpdateResult> {
  const outTrackId = update.delivery?.outTrackId;
  if (!outTrackId) {
    return { status: 'unsupported', reason: 'DingTalk: a robot ActionCard cannot be updated after it is sent (only interactive cards with an outTrackId can)' };
  }
  const { payload } = renderOrFail('dingtalk', () =>
    renderDingtalkInteractiveCard(update.card, update.locale, { templateId: update.delivery?.cardTemplateId ?? '', outTrackId }),
  );
  const what = `DingTalk PUT ${DINGTALK_CARD_INSTANCES_PATH}`;
  const body = { outTrackId, cardData: payload.cardData, cardUpdateOptions: { updateCardDataByKey: true } };
  const answer = await callDingtalkApi(context, what, DINGTALK_CARD_INSTANCES_PATH, 'PUT', body);
  if (answer.body?.success === false) throw permanent(`${what}: not updated ${stringField(answer.body, 'message') ?? ''}`.trim());
  return { status: 'updated' };
}
