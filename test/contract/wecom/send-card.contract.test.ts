import { describe, expect, it } from 'vitest';
import { wecomSender } from '../../../adapters/wecom/send.js';
import { overdueFinalCard, overdueOwnerCard, overdueSupervisorCard } from '../../fixtures/cards/sample-cards.js';
import { useFakePlatform, type FakeAnswer, type RecordedRequest } from '../../helpers/fake-platform-server.js';
import { cardMessage, outboundContext, platformErrorOf } from '../../helpers/outbound-context.js';

const CREDENTIALS = { corpId: 'ww1234567890abcdef', agentId: '1000002', secret: 'secret-wecom', token: 't', encodingAesKey: 'k' };
const TOKEN_PATH = '/cgi-bin/gettoken';
const SEND_PATH = '/cgi-bin/message/send';
const UPDATE_PATH = '/cgi-bin/message/update_template_card';
const ROW_ID = '7d0c7a52-3f0a-4a57-9d55-1f4f6f0c0a01';
const USERID = 'ZhangSan';
/** task_id = card id @ outbox row id: allowed characters only, ≤ 128 bytes, unique per row. */
const OWNER_TASK_ID = 'lead-overdue-3f6c2a10-5b1e-4c7d-9a2e-7d0c1b2a3e4f-first_response-owner@7d0c7a52-3f0a-4a57-9d55-1f4f6f0c0a01';
const SUPERVISOR_TASK_ID = 'lead-overdue-3f6c2a10-5b1e-4c7d-9a2e-7d0c1b2a3e4f-first_response-supervisor@7d0c7a52-3f0a-4a57-9d55-1f4f6f0c0a01';
const OK_SEND: FakeAnswer = { json: { errcode: 0, errmsg: 'ok', invaliduser: '', msgid: 'msg-card-1', response_code: 'rc-1' } };

interface TemplateCardBody {
  touser?: string;
  userids?: string[];
  msgtype?: string;
  agentid: number;
  response_code?: string;
  enable_duplicate_check?: number;
  duplicate_check_interval?: number;
  template_card: {
    card_type: string;
    task_id: string;
    main_title: { title: string; desc?: string };
    card_action: { type: number; url: string };
    button_list?: Array<{ text: string; style: number; key?: string }>;
  };
}

const bodyOf = (request: RecordedRequest) => request.body as TemplateCardBody;

describe('WeCom card sender against a fake WeCom API', () => {
  const platform = useFakePlatform({
    tokenPath: TOKEN_PATH,
    token: (n) => ({ json: { errcode: 0, errmsg: 'ok', access_token: `wt-${n}`, expires_in: 7200 } }),
    otherwise: (request) => (request.path === UPDATE_PATH ? { json: { errcode: 0, errmsg: 'ok', invaliduser: [] } } : OK_SEND),
  });

  const context = () => outboundContext(platform.fake.baseUrl, CREDENTIALS);

  it('sends a template_card app message to the member, keeping msgid as the message id and response_code + task_id for updates', async () => {
    const result = await wecomSender.send(cardMessage({ userid: USERID }, { card: overdueOwnerCard }), context());

    expect(result).toEqual({ platformMessageId: 'msg-card-1', extra: { taskId: OWNER_TASK_ID, responseCode: 'rc-1' } });
    expect(platform.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${TOKEN_PATH}`, `POST ${SEND_PATH}`]);
    const [, send] = platform.fake.requests;
    expect(send!.query).toEqual({ access_token: 'wt-1' });
    const body = bodyOf(send!);
    expect(Object.keys(body).sort()).toEqual(['agentid', 'duplicate_check_interval', 'enable_duplicate_check', 'msgtype', 'template_card', 'touser']);
    expect(body).toMatchObject({ touser: USERID, msgtype: 'template_card', agentid: 1000002, enable_duplicate_check: 1, duplicate_check_interval: 14_400 });
  });

  it('renders a button_interaction card: task_id from card and row, action keys on the buttons, the lead link on the card', async () => {
    await wecomSender.send(cardMessage({ userid: USERID }, { card: overdueOwnerCard }), context());

    const card = bodyOf(platform.fake.requestsTo(SEND_PATH)[0]!).template_card;
    expect(card.card_type).toBe('button_interaction');
    expect(card.task_id).toBe(OWNER_TASK_ID);
    expect(card.task_id).toMatch(/^[A-Za-z0-9_\-@]+$/);
    expect(Buffer.byteLength(card.task_id)).toBeLessThanOrEqual(128);
    expect(card.main_title).toEqual({ title: '跟进超时：杭州云帆科技有限公司' });
    expect(card.button_list).toEqual([{ text: '记录跟进', style: 1, key: 'lead.log_followup?leadId=3f6c2a10-5b1e-4c7d-9a2e-7d0c1b2a3e4f&step=first_response' }]);
    expect(card.card_action).toEqual({ type: 1, url: 'https://salesbeat.example.com/leads/3f6c2a10-5b1e-4c7d-9a2e-7d0c1b2a3e4f' });
  });

  it('gives each row its own task_id, and sends a retry of the same row byte for byte the same (so the duplicate check drops it)', async () => {
    await wecomSender.send(cardMessage({ userid: USERID }, { card: overdueSupervisorCard }), context());
    await wecomSender.send(cardMessage({ userid: USERID }, { card: overdueSupervisorCard }), context());
    await wecomSender.send(cardMessage({ userid: 'LiSi' }, { card: overdueSupervisorCard }, 'b9c4a0c2-0d55-4a0e-8d8b-2d7f5c0e9b11'), context());

    const [first, retry, other] = platform.fake.requestsTo(SEND_PATH);
    expect(bodyOf(first!).template_card.task_id).toBe(SUPERVISOR_TASK_ID);
    expect(JSON.stringify(retry!.body)).toBe(JSON.stringify(first!.body));
    expect(bodyOf(other!).template_card.task_id).toBe('lead-overdue-3f6c2a10-5b1e-4c7d-9a2e-7d0c1b2a3e4f-first_response-supervisor@b9c4a0c2-0d55-4a0e-8d8b-2d7f5c0e9b11');
  });

  it('on errcode 42001 fetches a new token once and sends the same card again', async () => {
    platform.answers.push({ json: { errcode: 42001, errmsg: 'access_token expired' } });

    const result = await wecomSender.send(cardMessage({ userid: USERID }, { card: overdueOwnerCard }), context());

    expect(result.platformMessageId).toBe('msg-card-1');
    const sends = platform.fake.requestsTo(SEND_PATH);
    expect(sends.map((r) => r.query.access_token)).toEqual(['wt-1', 'wt-2']);
    expect(sends[1]!.body).toEqual(sends[0]!.body);
  });

  it('reports the frequency limit (45009) as rate_limited without retrying at once', async () => {
    platform.answers.push({ json: { errcode: 45009, errmsg: 'api freq out of limit' } });

    const error = await platformErrorOf(wecomSender.send(cardMessage({ userid: USERID }, { card: overdueOwnerCard }), context()));

    expect(error.platformCode).toBe('rate_limited');
    expect(platform.fake.requestsTo(SEND_PATH)).toHaveLength(1);
  });

  it('fails permanently when WeCom lists the member (lower-cased) in invaliduser, and for a recipient without userid', async () => {
    platform.answers.push({ json: { errcode: 0, errmsg: 'ok', invaliduser: 'zhangsan', msgid: 'm', response_code: 'rc' } });
    const invalid = await platformErrorOf(wecomSender.send(cardMessage({ userid: USERID }, { card: overdueOwnerCard }), context()));
    platform.fake.requests.length = 0;
    const noUser = await platformErrorOf(wecomSender.send(cardMessage({ touser: USERID }, { card: overdueOwnerCard }), context()));

    expect(invalid.platformCode).toBe('permanent');
    expect(invalid.message).toContain('invaliduser');
    expect(noUser.platformCode).toBe('permanent');
    expect(noUser.message).toContain('userid');
    expect(platform.fake.requests).toHaveLength(0);
  });

  describe('updateCard', () => {
    const update = (delivery: Record<string, string> = { taskId: OWNER_TASK_ID, responseCode: 'rc-1' }) => ({
      outboxId: ROW_ID,
      recipient: { userid: USERID },
      card: { ...overdueFinalCard, id: overdueOwnerCard.id },
      platformMessageId: 'msg-card-1',
      delivery,
    });

    it('replaces the whole card with update_template_card, spending the response_code', async () => {
      const result = await wecomSender.updateCard(update(), context());

      expect(result).toEqual({ status: 'updated', delivery: { taskId: OWNER_TASK_ID } });
      expect(platform.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${TOKEN_PATH}`, `POST ${UPDATE_PATH}`]);
      const [, call] = platform.fake.requests;
      expect(call!.query).toEqual({ access_token: 'wt-1' });
      const body = bodyOf(call!);
      expect(Object.keys(body).sort()).toEqual(['agentid', 'response_code', 'template_card', 'userids']);
      expect(body).toMatchObject({ userids: [USERID], agentid: 1000002, response_code: 'rc-1' });
      expect(body.template_card).toMatchObject({ card_type: 'text_notice', task_id: OWNER_TASK_ID, main_title: { desc: '已确认 by 王五 at 14:02' } });
      expect(body.template_card.button_list).toBeUndefined();
    });

    it('fails permanently when the member is in the update answer\'s invaliduser list', async () => {
      platform.answers.push({ json: { errcode: 0, errmsg: 'ok', invaliduser: ['zhangsan'] } });

      const error = await platformErrorOf(wecomSender.updateCard(update(), context()));

      expect(error.platformCode).toBe('permanent');
      expect(error.message).toContain('invaliduser');
    });

    it('refreshes an expired token once for the update too', async () => {
      platform.answers.push({ json: { errcode: 42001, errmsg: 'access_token expired' } });

      expect((await wecomSender.updateCard(update(), context())).status).toBe('updated');
      expect(platform.fake.requestsTo(UPDATE_PATH).map((r) => r.query.access_token)).toEqual(['wt-1', 'wt-2']);
    });

    it('says it cannot update without an unused response_code, without calling WeCom', async () => {
      const result = await wecomSender.updateCard(update({ taskId: OWNER_TASK_ID }), context());

      expect(result.status).toBe('unsupported');
      expect(result.status === 'unsupported' && result.reason).toMatch(/response_code/);
      expect(platform.fake.requests).toHaveLength(0);
    });
  });
});
