import { describe, expect, it } from 'vitest';
import type { FeishuCard } from '../../../adapters/feishu/render-card.js';
import { feishuSender } from '../../../adapters/feishu/send.js';
import { RateLimitedError } from '../../../adapters/outbound.js';
import { overdueFinalCard, overdueOwnerCard, overdueSupervisorCard } from '../../fixtures/cards/sample-cards.js';
import { useFakePlatform, type FakeAnswer, type RecordedRequest } from '../../helpers/fake-platform-server.js';
import { cardMessage, outboundContext, platformErrorOf } from '../../helpers/outbound-context.js';

const CREDENTIALS = { appId: 'cli_a1b2c3', appSecret: 'secret-feishu' };
const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';
const SEND_PATH = '/open-apis/im/v1/messages';
const SENT_MESSAGE_ID = 'om_card_1';
const PATCH_PATH = `/open-apis/im/v1/messages/${SENT_MESSAGE_ID}`;
const ROW_ID = '7d0c7a52-3f0a-4a57-9d55-1f4f6f0c0a01';
const OPEN_ID = 'ou_7d8a6e6df7621556ce0d21922b676706ccs';
const OK_SEND: FakeAnswer = { json: { code: 0, msg: 'success', data: { message_id: SENT_MESSAGE_ID } } };

interface SentBody {
  receive_id: string;
  msg_type: string;
  content: string;
  uuid: string;
}

/** The card JSON inside a request's `content` string. */
function cardIn(request: RecordedRequest): FeishuCard {
  return JSON.parse((request.body as { content: string }).content) as FeishuCard;
}

/** Every button's behaviours, anywhere in the card. */
function behaviours(node: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(node)) return node.flatMap(behaviours);
  if (typeof node !== 'object' || node === null) return [];
  const own = (node as { tag?: string; behaviors?: Array<Record<string, unknown>> }).tag === 'button' ? ((node as { behaviors: Array<Record<string, unknown>> }).behaviors ?? []) : [];
  return [...own, ...Object.values(node).flatMap(behaviours)];
}

describe('Feishu card sender against a fake Feishu API', () => {
  const platform = useFakePlatform({
    tokenPath: TOKEN_PATH,
    token: (n) => ({ json: { code: 0, msg: 'ok', tenant_access_token: `t-${n}`, expire: 7200 } }),
    otherwise: (request) => (request.method === 'PATCH' ? { json: { code: 0, msg: 'success', data: {} } } : OK_SEND),
  });

  const context = () => outboundContext(platform.fake.baseUrl, CREDENTIALS);

  it('sends the card as msg_type interactive to the open_id, with the row id as uuid, and keeps the message id', async () => {
    const result = await feishuSender.send(cardMessage({ openId: OPEN_ID }, { card: overdueOwnerCard }), context());

    expect(result).toEqual({ platformMessageId: SENT_MESSAGE_ID });
    expect(platform.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${TOKEN_PATH}`, `POST ${SEND_PATH}`]);
    const [, send] = platform.fake.requests;
    expect(send!.query).toEqual({ receive_id_type: 'open_id' });
    expect(send!.headers.authorization).toBe('Bearer t-1');
    expect(send!.headers['content-type']).toMatch(/^application\/json/);
    const body = send!.body as SentBody;
    expect(Object.keys(body).sort()).toEqual(['content', 'msg_type', 'receive_id', 'uuid']);
    expect(body).toMatchObject({ receive_id: OPEN_ID, msg_type: 'interactive', uuid: ROW_ID });
    expect(typeof body.content).toBe('string');
  });

  it('puts card JSON 2.0 in content: shared (update_multi), red header, title in zh-CN with English alongside, call-back buttons naming the card', async () => {
    await feishuSender.send(cardMessage({ openId: OPEN_ID }, { card: overdueSupervisorCard }), context());

    const card = cardIn(platform.fake.requestsTo(SEND_PATH)[0]!);
    expect(card.schema).toBe('2.0');
    expect(card.config).toEqual({ update_multi: true });
    expect(card.header.template).toBe('red');
    expect(card.header.title).toEqual({
      tag: 'plain_text',
      content: '跟进超时：杭州云帆科技有限公司',
      i18n_content: { zh_cn: '跟进超时：杭州云帆科技有限公司', en_us: 'Follow-up overdue: 杭州云帆科技有限公司' },
    });
    const callbacks = behaviours(card.body).filter((b) => b.type === 'callback');
    expect(callbacks.map((b) => b.value)).toEqual([
      { action: 'lead.log_followup', card: 'lead-overdue-3f6c2a10-5b1e-4c7d-9a2e-7d0c1b2a3e4f-first_response-supervisor', leadId: '3f6c2a10-5b1e-4c7d-9a2e-7d0c1b2a3e4f', step: 'first_response' },
      {
        action: 'lead.nudge_owner',
        card: 'lead-overdue-3f6c2a10-5b1e-4c7d-9a2e-7d0c1b2a3e4f-first_response-supervisor',
        leadId: '3f6c2a10-5b1e-4c7d-9a2e-7d0c1b2a3e4f',
        step: 'first_response',
        ownerId: 'u-zhangsan',
      },
    ]);
    expect(behaviours(card.body).filter((b) => b.type === 'open_url')).toEqual([
      { type: 'open_url', default_url: 'https://salesbeat.example.com/leads/3f6c2a10-5b1e-4c7d-9a2e-7d0c1b2a3e4f' },
    ]);
  });

  it('shows the card in English when the row asks for it', async () => {
    await feishuSender.send(cardMessage({ openId: OPEN_ID }, { card: overdueOwnerCard, locale: 'en' }), context());

    expect(cardIn(platform.fake.requestsTo(SEND_PATH)[0]!).header.title.content as string).toBe('Follow-up overdue: 杭州云帆科技有限公司');
  });

  it.each([
    [{ openId: OPEN_ID }, 'open_id', OPEN_ID],
    [{ userId: 'a1b2c3d4' }, 'user_id', 'a1b2c3d4'],
    [{ chatId: 'oc_5ad11d72b830411d72b836c20' }, 'chat_id', 'oc_5ad11d72b830411d72b836c20'],
  ])('addresses %j with receive_id_type %s', async (recipient, type, id) => {
    await feishuSender.send(cardMessage(recipient, { card: overdueOwnerCard }), context());

    const [send] = platform.fake.requestsTo(SEND_PATH);
    expect(send!.query).toEqual({ receive_id_type: type });
    expect((send!.body as SentBody).receive_id).toBe(id);
  });

  it('on an expired token (99991663) fetches a new one once and sends the same card with the same uuid again', async () => {
    platform.answers.push({ status: 400, json: { code: 99991663, msg: 'Invalid access token for authorization' } });

    const result = await feishuSender.send(cardMessage({ openId: OPEN_ID }, { card: overdueOwnerCard }), context());

    expect(result).toEqual({ platformMessageId: SENT_MESSAGE_ID });
    expect(platform.fake.requests.map((r) => r.path)).toEqual([TOKEN_PATH, SEND_PATH, TOKEN_PATH, SEND_PATH]);
    const sends = platform.fake.requestsTo(SEND_PATH);
    expect(sends.map((r) => r.headers.authorization)).toEqual(['Bearer t-1', 'Bearer t-2']);
    expect(sends[1]!.body).toEqual(sends[0]!.body);
  });

  it('reports the 5-QPS limit (HTTP 429, 99991400) as rate_limited with the wait Feishu asked for, without retrying at once', async () => {
    platform.answers.push({ status: 429, headers: { 'x-ogw-ratelimit-reset': '2' }, json: { code: 99991400, msg: 'request trigger frequency limit' } });

    const error = await platformErrorOf(feishuSender.send(cardMessage({ openId: OPEN_ID }, { card: overdueOwnerCard }), context()));

    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(2_000);
    expect(platform.fake.requestsTo(SEND_PATH)).toHaveLength(1);
  });

  it('fails permanently on a refused card (e.g. 230099 card content failed) and on a malformed row, the latter without calling Feishu', async () => {
    platform.answers.push({ status: 400, json: { code: 230099, msg: 'Failed to create card content' } });
    const refused = await platformErrorOf(feishuSender.send(cardMessage({ openId: OPEN_ID }, { card: overdueOwnerCard }), context()));
    expect(refused.platformCode).toBe('permanent');
    expect(refused.message).toContain('230099');

    platform.fake.requests.length = 0;
    const noCard = await platformErrorOf(feishuSender.send({ id: ROW_ID, kind: 'card', recipient: { openId: OPEN_ID }, payload: { text: 'x' } }, context()));
    const noRecipient = await platformErrorOf(feishuSender.send(cardMessage({ staffId: 'manager4220' }, { card: overdueOwnerCard }), context()));
    expect(noCard.platformCode).toBe('permanent');
    expect(noCard.message).toMatch(/payload\.card/);
    expect(noRecipient.platformCode).toBe('permanent');
    expect(noRecipient.message).toMatch(/openId, userId or chatId/);
    expect(platform.fake.requests).toHaveLength(0);
  });

  describe('updateCard', () => {
    const update = () => ({ outboxId: ROW_ID, recipient: { openId: OPEN_ID }, card: overdueFinalCard, platformMessageId: SENT_MESSAGE_ID });

    it('PATCHes the sent message with the new card as content: still update_multi, the final state shown, no buttons left to call back', async () => {
      const result = await feishuSender.updateCard(update(), context());

      expect(result).toEqual({ status: 'updated' });
      expect(platform.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${TOKEN_PATH}`, `PATCH ${PATCH_PATH}`]);
      const [, patch] = platform.fake.requests;
      expect(patch!.headers.authorization).toBe('Bearer t-1');
      expect(Object.keys(patch!.body as object)).toEqual(['content']);
      const card = cardIn(patch!);
      expect(card.config).toEqual({ update_multi: true });
      expect(card.header.template).toBe('green');
      expect(JSON.stringify(card.body)).toContain('已确认 by 王五 at 14:02');
      expect(behaviours(card.body).filter((b) => b.type === 'callback')).toEqual([]);
    });

    it('refreshes an expired token once for the update too', async () => {
      platform.answers.push({ status: 400, json: { code: 99991663, msg: 'Invalid access token' } });

      expect(await feishuSender.updateCard(update(), context())).toEqual({ status: 'updated' });
      expect(platform.fake.requestsTo(PATCH_PATH).map((r) => r.headers.authorization)).toEqual(['Bearer t-1', 'Bearer t-2']);
    });

    it('says it cannot update a card whose message id was never recorded, without calling Feishu', async () => {
      const result = await feishuSender.updateCard({ ...update(), platformMessageId: undefined }, context());

      expect(result).toMatchObject({ status: 'unsupported' });
      expect(platform.fake.requests).toHaveLength(0);
    });
  });
});
