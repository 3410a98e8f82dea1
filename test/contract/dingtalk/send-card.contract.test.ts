import { describe, expect, it } from 'vitest';
import { dingtalkSender } from '../../../adapters/dingtalk/send.js';
import { overdueFinalCard, overdueOwnerCard, overdueSupervisorCard } from '../../fixtures/cards/sample-cards.js';
import { useFakePlatform, type FakeAnswer, type RecordedRequest } from '../../helpers/fake-platform-server.js';
import { cardMessage, outboundContext, platformErrorOf } from '../../helpers/outbound-context.js';

const CREDENTIALS = { clientId: 'dingappkey123', clientSecret: 'secret-dingtalk', robotCode: 'dingrobot' };
const TOKEN_PATH = '/v1.0/oauth2/accessToken';
const GROUP_PATH = '/v1.0/robot/groupMessages/send';
const DIRECT_PATH = '/v1.0/robot/oToMessages/batchSend';
const CARD_INSTANCES_PATH = '/v1.0/card/instances';
const ROW_ID = '7d0c7a52-3f0a-4a57-9d55-1f4f6f0c0a01';
const STAFF_ID = 'manager4220';
const OWNER_CARD_ID = 'lead-overdue-3f6c2a10-5b1e-4c7d-9a2e-7d0c1b2a3e4f-first_response-owner';
const SUPERVISOR_CARD_ID = 'lead-overdue-3f6c2a10-5b1e-4c7d-9a2e-7d0c1b2a3e4f-first_response-supervisor';
/** Where the card's call-back buttons lead (SALESBEAT_PUBLIC_URL of the test context, tenant acme). */
const LOG_FOLLOWUP_URL = `https://salesbeat.example.com/console/acme/cards/${OWNER_CARD_ID}/actions/lead.log_followup?value=%7B%22leadId%22%3A%223f6c2a10-5b1e-4c7d-9a2e-7d0c1b2a3e4f%22%2C%22step%22%3A%22first_response%22%7D`;
const LEAD_URL = 'https://salesbeat.example.com/leads/3f6c2a10-5b1e-4c7d-9a2e-7d0c1b2a3e4f';

interface RobotBody {
  robotCode: string;
  userIds?: string[];
  openConversationId?: string;
  msgKey: string;
  msgParam: string;
}

function paramOf(request: RecordedRequest): Record<string, string> {
  return JSON.parse((request.body as RobotBody).msgParam) as Record<string, string>;
}

describe('DingTalk card sender against a fake DingTalk API', () => {
  const platform = useFakePlatform({
    tokenPath: TOKEN_PATH,
    token: (n) => ({ json: { accessToken: `dt-${n}`, expireIn: 7200 } }),
    otherwise: (request) =>
      request.path === CARD_INSTANCES_PATH
        ? { json: { success: true, result: true } }
        : { json: { processQueryKey: 'pqk-card-1', invalidStaffIdList: [], flowControlledStaffIdList: [] } },
  });

  const context = () => outboundContext(platform.fake.baseUrl, CREDENTIALS);

  it('sends the ActionCard to the staffId with oToMessages/batchSend and keeps processQueryKey as the message id', async () => {
    const result = await dingtalkSender.send(cardMessage({ staffId: STAFF_ID }, { card: overdueOwnerCard }), context());

    expect(result).toEqual({ platformMessageId: 'pqk-card-1' });
    expect(platform.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${TOKEN_PATH}`, `POST ${DIRECT_PATH}`]);
    const [, send] = platform.fake.requests;
    expect(send!.headers['x-acs-dingtalk-access-token']).toBe('dt-1');
    expect(send!.query).toEqual({});
    const body = send!.body as RobotBody;
    expect(Object.keys(body).sort()).toEqual(['msgKey', 'msgParam', 'robotCode', 'userIds']);
    expect(body).toMatchObject({ robotCode: 'dingrobot', userIds: [STAFF_ID], msgKey: 'sampleActionCard2' });
  });

  it('puts the card in msgParam: title, markdown text, every action a URL button (call-backs into the service, links as they are)', async () => {
    await dingtalkSender.send(cardMessage({ staffId: STAFF_ID }, { card: overdueOwnerCard }), context());

    const param = paramOf(platform.fake.requestsTo(DIRECT_PATH)[0]!);
    expect(Object.keys(param).sort()).toEqual(['actionTitle1', 'actionTitle2', 'actionURL1', 'actionURL2', 'text', 'title']);
    expect(param.title).toBe('跟进超时：杭州云帆科技有限公司');
    expect(param.text).toMatch(/^#### 跟进超时：杭州云帆科技有限公司\n\n/);
    expect(param).toMatchObject({ actionTitle1: '记录跟进', actionURL1: LOG_FOLLOWUP_URL, actionTitle2: '查看线索', actionURL2: LEAD_URL });
  });

  it('sends to a group by openConversationId with groupMessages/send (three buttons for the supervisor copy)', async () => {
    const result = await dingtalkSender.send(cardMessage({ chatId: 'cidAsXSBLnA==' }, { card: overdueSupervisorCard }), context());

    expect(result).toEqual({ platformMessageId: 'pqk-card-1' });
    const [send] = platform.fake.requestsTo(GROUP_PATH);
    expect(send!.body).toMatchObject({ robotCode: 'dingrobot', openConversationId: 'cidAsXSBLnA==', msgKey: 'sampleActionCard3' });
    expect(paramOf(send!).actionURL2).toMatch(new RegExp(`^https://salesbeat\\.example\\.com/console/acme/cards/${SUPERVISOR_CARD_ID}/actions/lead\\.nudge_owner\\?value=`));
  });

  it('on InvalidAuthentication fetches a new token once and sends the same card again', async () => {
    platform.answers.push({ status: 401, json: { code: 'InvalidAuthentication', message: '不合法的access_token' } });

    const result = await dingtalkSender.send(cardMessage({ staffId: STAFF_ID }, { card: overdueOwnerCard }), context());

    expect(result).toEqual({ platformMessageId: 'pqk-card-1' });
    const sends = platform.fake.requestsTo(DIRECT_PATH);
    expect(sends.map((r) => r.headers['x-acs-dingtalk-access-token'])).toEqual(['dt-1', 'dt-2']);
    expect(sends[1]!.body).toEqual(sends[0]!.body);
  });

  it.each([
    ['HTTP 429', { status: 429, json: { code: 'Throttling', message: 'too many requests' } }],
    ['a flow-controlled staffId', { json: { processQueryKey: 'pqk-2', invalidStaffIdList: [], flowControlledStaffIdList: [STAFF_ID] } }],
  ])('backs off on a rate limit (%s): rate_limited, no immediate retry', async (_label, answer) => {
    platform.answers.push(answer as FakeAnswer);

    const error = await platformErrorOf(dingtalkSender.send(cardMessage({ staffId: STAFF_ID }, { card: overdueOwnerCard }), context()));

    expect(error.platformCode).toBe('rate_limited');
    expect(platform.fake.requestsTo(DIRECT_PATH)).toHaveLength(1);
  });

  it('fails permanently, without calling DingTalk, for a recipient with neither staffId nor chatId', async () => {
    const error = await platformErrorOf(dingtalkSender.send(cardMessage({ openId: 'ou_x' }, { card: overdueOwnerCard }), context()));

    expect(error.platformCode).toBe('permanent');
    expect(error.message).toMatch(/staffId nor a chatId/);
    expect(platform.fake.requests).toHaveLength(0);
  });

  describe('updateCard', () => {
    const update = (delivery?: Record<string, string>) => ({
      outboxId: ROW_ID,
      recipient: { staffId: STAFF_ID },
      card: overdueFinalCard,
      platformMessageId: 'pqk-card-1',
      ...(delivery ? { delivery } : {}),
    });

    it('says a robot ActionCard cannot be updated, without calling DingTalk', async () => {
      const result = await dingtalkSender.updateCard(update(), context());

      expect(result.status).toBe('unsupported');
      expect(result.status === 'unsupported' && result.reason).toMatch(/ActionCard cannot be updated/);
      expect(platform.fake.requests).toHaveLength(0);
    });

    it('updates an interactive card by outTrackId with PUT /v1.0/card/instances, the final state in cardParamMap', async () => {
      const result = await dingtalkSender.updateCard(update({ outTrackId: 'track-1', cardTemplateId: 'tpl.schema' }), context());

      expect(result).toEqual({ status: 'updated' });
      expect(platform.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${TOKEN_PATH}`, `PUT ${CARD_INSTANCES_PATH}`]);
      const [, put] = platform.fake.requests;
      expect(put!.headers['x-acs-dingtalk-access-token']).toBe('dt-1');
      const body = put!.body as { outTrackId: string; cardData: { cardParamMap: Record<string, string> }; cardUpdateOptions: Record<string, boolean> };
      expect(Object.keys(body).sort()).toEqual(['cardData', 'cardUpdateOptions', 'outTrackId']);
      expect(body.outTrackId).toBe('track-1');
      expect(body.cardUpdateOptions).toEqual({ updateCardDataByKey: true });
      expect(body.cardData.cardParamMap).toMatchObject({ final: 'true', state: '已确认 by 王五 at 14:02', buttons: '[]', severity: 'success' });
    });

    it('refreshes the token once when the update meets InvalidAuthentication', async () => {
      platform.answers.push({ status: 401, json: { code: 'InvalidAuthentication', message: '不合法的access_token' } });

      expect(await dingtalkSender.updateCard(update({ outTrackId: 'track-1' }), context())).toEqual({ status: 'updated' });
      expect(platform.fake.requestsTo(CARD_INSTANCES_PATH).map((r) => r.headers['x-acs-dingtalk-access-token'])).toEqual(['dt-1', 'dt-2']);
    });
  });
});
