/**
 * WeCom cards (NOTES 3.3, PITFALLS 24): an app message POST /cgi-bin/message/send?access_token=
 * `{touser, msgtype: "template_card", agentid, template_card, enable_duplicate_check, duplicate_check_interval}`.
 * task_id = wecomTaskId(card id, outbox row id): unique per app, and the same for every retry of one row.
 * The answer's `msgid` is the platform message id; its `response_code` (single-use, 72 h) is what
 * update_template_card needs, so it goes back as `extra.responseCode` (with `extra.taskId`).
 *
 * A retry of the same row sends byte-for-byte the same request, and WeCom's duplicate check drops a repeat
 * of the same request JSON within the interval [D path/90236 "同样内容(请求json)的消息,不会重复收到"]: a
 * worker that dies after WeCom accepted the card does not make the member see it twice.
 *
 * Update: POST /cgi-bin/message/update_template_card `{userids, agentid, response_code, template_card}` —
 * the whole card replaced (same task_id), which spends the response_code.
 */
import { renderWecomCard, wecomTaskId } from './render-card.js';
import { cardPayloadOf, renderOrFail } from '../outbound-card.js';
import { permanent, type CardUpdate, type CardUpdateResult, type OutboundContext, type OutboundMessage, type SendResult } from '../outbound.js';
import { stringField } from '../outbound-http.js';
import { assertDelivered, callWecomApi, wecomAgentId } from './app-call.js';

export const WECOM_SEND_PATH = '/cgi-bin/message/send';
export const WECOM_UPDATE_CARD_PATH = '/cgi-bin/message/update_template_card';
/** The longest duplicate-check window WeCom allows (4 h; default 1800 s), in seconds. */
export const WECOM_DUPLICATE_CHECK_INTERVAL_S = 4 * 60 * 60;

function useridOf(recipient: Record<string, string>): string {
  const { userid } = recipient;
  if (!userid) throw permanent('WeCom card recipient has no userid');
  return userid;
}

function render(context: OutboundContext, update: Pick<CardUpdate, 'card' | 'locale'>, deliveryId: string) {
  const links = context.cardLinks;
  return renderOrFail('wecom', () =>
    renderWecomCard(update.card, update.locale, { cardUrl: (c) => links.cardUrl(c), actionUrl: (c, b) => links.actionUrl(c, b), deliveryId }),
  ).payload;
}

export async function sendWecomCard(message: OutboundMessage, context: OutboundContext): Promise<SendResult> {
  const { card, locale } = cardPayloadOf(message, 'wecom');
  const agentId = wecomAgentId(context.credentials, message.recipient);
  const touser = useridOf(message.recipient);
  const templateCard = render(context, { card, locale }, message.id);
  const what = 'WeCom message/send template_card';
  const body = {
    touser,
    msgtype: 'template_card',
    agentid: agentId,
    template_card: templateCard,
    enable_duplicate_check: 1,
    duplicate_check_interval: WECOM_DUPLICATE_CHECK_INTERVAL_S,
  };
  const answer = await callWecomApi(context, agentId, what, WECOM_SEND_PATH, body);
  assertDelivered(what, answer, touser);
  const msgid = stringField(answer, 'msgid');
  const responseCode = stringField(answer, 'response_code');
  return {
    ...(msgid === undefined ? {} : { platformMessageId: msgid }),
    extra: { taskId: templateCard.task_id, ...(responseCode === undefined ? {} : { responseCode }) },
  };
}

export async function updateWecomCard(update: CardUpdate, context: OutboundContext): Promise<CardUpdateResult> {
  const { responseCode, ...rest } = update.delivery ?? {};
  if (!responseCode) {
    return { status: 'unsupported', reason: 'WeCom: no unused response_code for this card (each is single-use and valid 72 h; a tap on the card brings a new one)' };
  }
  const agentId = wecomAgentId(context.credentials, update.recipient);
  const userid = useridOf(update.recipient);
  const what = 'WeCom message/update_template_card';
  const body = { userids: [userid], agentid: agentId, response_code: responseCode, template_card: render(context, update, update.outboxId) };
  const answer = await callWecomApi(context, agentId, what, WECOM_UPDATE_CARD_PATH, body);
  assertDelivered(what, answer, userid);
  return { status: 'updated', delivery: rest };
}
