import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dingtalkSender } from '../../../adapters/dingtalk/send.js';
import { startFakePlatform, type FakeAnswer, type FakePlatform, type RecordedRequest } from '../../helpers/fake-platform-server.js';
import { outboundContext, platformErrorOf, replyMessage, SEND_NOW } from '../../helpers/outbound-context.js';

const CREDENTIALS = { clientId: 'dingappkey123', clientSecret: 'secret-dingtalk', robotCode: 'dingrobot' };
const TOKEN_PATH = '/v1.0/oauth2/accessToken';
const GROUP_PATH = '/v1.0/robot/groupMessages/send';
const DIRECT_PATH = '/v1.0/robot/oToMessages/batchSend';
const SESSION_PATH = '/robot/sendBySession';
const TEXT_PARAM = '{"content":"已记录\\nLogged"}';
const IN_AN_HOUR = String(SEND_NOW.getTime() + 60 * 60_000);
const A_MINUTE_AGO = String(SEND_NOW.getTime() - 60_000);

describe('DingTalk sender against a fake DingTalk API', () => {
  let fake: FakePlatform;
  /** Another host, standing for an attacker's server named in a forged payload. */
  let foreign: FakePlatform;
  let tokensIssued: number;
  let sendAnswers: FakeAnswer[];
  let webhookAnswers: FakeAnswer[];

  beforeAll(async () => {
    fake = await startFakePlatform();
    foreign = await startFakePlatform(() => ({ json: { errcode: 0, errmsg: 'ok' } }));
  });
  afterAll(async () => {
    await fake.close();
    await foreign.close();
  });
  beforeEach(() => {
    fake.requests.length = 0;
    foreign.requests.length = 0;
    tokensIssued = 0;
    sendAnswers = [];
    webhookAnswers = [];
    fake.setHandler((request: RecordedRequest) => {
      if (request.path === TOKEN_PATH) {
        tokensIssued += 1;
        return { json: { accessToken: `dt-${tokensIssued}`, expireIn: 7200 } };
      }
      if (request.path === SESSION_PATH) return webhookAnswers.shift() ?? { json: { errcode: 0, errmsg: 'ok' } };
      return sendAnswers.shift() ?? { json: { processQueryKey: 'pqk-1', invalidStaffIdList: [], flowControlledStaffIdList: [] } };
    });
  });

  const context = () => outboundContext(fake.baseUrl, CREDENTIALS);
  const webhook = () => `${fake.baseUrl}${SESSION_PATH}?session=a1b2c3`;
  const group = (extra: Record<string, string> = {}) => ({ chatId: 'cidAsXSBLnA==', chatType: 'group', messageId: 'msgLICYeHgY4JtMQw==', robotCode: 'dingrobot', ...extra });
  const direct = (extra: Record<string, string> = {}) => ({ chatId: 'cidDirect==', chatType: 'direct', messageId: 'msg2', ...extra });

  it('answers through a valid sessionWebhook with a text message and no token', async () => {
    const result = await dingtalkSender.send(replyMessage(group({ sessionWebhook: webhook(), sessionWebhookExpiredTime: IN_AN_HOUR })), context());

    expect(result).toEqual({});
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${SESSION_PATH}`]);
    const [sent] = fake.requests;
    expect(sent!.query).toEqual({ session: 'a1b2c3' });
    expect(sent!.body).toEqual({ msgtype: 'text', text: { content: '已记录\nLogged' } });
    expect(sent!.headers['x-acs-dingtalk-access-token']).toBeUndefined();
  });

  it.each([
    ['another host', (f: FakePlatform) => `${f.baseUrl}${SESSION_PATH}?session=x`],
    ['the OAPI host as user info before another host', (f: FakePlatform) => `http://${new URL(fake.baseUrl).host}@${new URL(f.baseUrl).host}${SESSION_PATH}`],
  ])('refuses a sessionWebhook on %s, without calling anything (SSRF guard)', async (_label, url) => {
    const error = await platformErrorOf(dingtalkSender.send(replyMessage(group({ sessionWebhook: url(foreign), sessionWebhookExpiredTime: IN_AN_HOUR })), context()));

    expect(error.platformCode).toBe('permanent');
    expect(error.message).toMatch(/refused/);
    expect(foreign.requests).toHaveLength(0);
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a foreign sessionWebhook even when it has expired', async () => {
    const error = await platformErrorOf(dingtalkSender.send(replyMessage(group({ sessionWebhook: `${foreign.baseUrl}/x`, sessionWebhookExpiredTime: A_MINUTE_AGO })), context()));

    expect(error.platformCode).toBe('permanent');
    expect(foreign.requests).toHaveLength(0);
  });

  it('after the sessionWebhook expired, sends to the group through the robot API with a fresh access token', async () => {
    const result = await dingtalkSender.send(replyMessage(group({ sessionWebhook: webhook(), sessionWebhookExpiredTime: A_MINUTE_AGO })), context());

    expect(result).toEqual({ platformMessageId: 'pqk-1' });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${TOKEN_PATH}`, `POST ${GROUP_PATH}`]);
    const [token, send] = fake.requests;
    expect(token!.body).toEqual({ appKey: 'dingappkey123', appSecret: 'secret-dingtalk' });
    expect(send!.headers['x-acs-dingtalk-access-token']).toBe('dt-1');
    expect(send!.query).toEqual({});
    expect(send!.body).toEqual({ robotCode: 'dingrobot', openConversationId: 'cidAsXSBLnA==', msgKey: 'sampleText', msgParam: TEXT_PARAM });
  });

  it('without a sessionWebhook, sends a direct reply to the staffId with batchSend', async () => {
    const result = await dingtalkSender.send(replyMessage(direct({ staffId: 'manager4220' })), context());

    expect(result).toEqual({ platformMessageId: 'pqk-1' });
    const [send] = fake.requestsTo(DIRECT_PATH);
    expect(send!.body).toEqual({ robotCode: 'dingrobot', userIds: ['manager4220'], msgKey: 'sampleText', msgParam: TEXT_PARAM });
  });

  it('cannot answer a direct chat without a webhook or a staffId: permanent, says why', async () => {
    const error = await platformErrorOf(dingtalkSender.send(replyMessage(direct()), context()));

    expect(error.platformCode).toBe('permanent');
    expect(error.message).toMatch(/staffId/);
    expect(fake.requests).toHaveLength(0);
  });

  it('falls back to the robot API when the webhook answers that it did not deliver', async () => {
    webhookAnswers = [{ json: { errcode: 300001, errmsg: 'session is invalid' } }];

    const result = await dingtalkSender.send(replyMessage(group({ sessionWebhook: webhook(), sessionWebhookExpiredTime: IN_AN_HOUR })), context());

    expect(result).toEqual({ platformMessageId: 'pqk-1' });
    expect(fake.requests.map((r) => r.path)).toEqual([SESSION_PATH, TOKEN_PATH, GROUP_PATH]);
  });

  it.each([
    [401, { code: 'InvalidAuthentication', message: '不合法的access_token' }],
    [400, { code: 'InvalidAuthentication', message: '不合法的access_token' }],
  ])('on HTTP %i InvalidAuthentication fetches a new token once and sends again', async (status, json) => {
    sendAnswers = [{ status, json }];

    const result = await dingtalkSender.send(replyMessage(group()), context());

    expect(result).toEqual({ platformMessageId: 'pqk-1' });
    expect(fake.requests.map((r) => r.path)).toEqual([TOKEN_PATH, GROUP_PATH, TOKEN_PATH, GROUP_PATH]);
    expect(fake.requestsTo(GROUP_PATH).map((r) => r.headers['x-acs-dingtalk-access-token'])).toEqual(['dt-1', 'dt-2']);
  });

  it.each([
    ['HTTP 429', { status: 429, json: { code: 'Throttling', message: 'too many requests' } }],
    ['a QPS-limit code', { status: 403, json: { code: 'Forbidden.AccessDenied.QpsLimitForApi', message: 'qps limit' } }],
    ['a flow-controlled staffId', { json: { processQueryKey: 'pqk-2', invalidStaffIdList: [], flowControlledStaffIdList: ['manager4220'] } }],
  ])('reports a rate limit (%s) without retrying at once', async (_label, answer) => {
    sendAnswers = [answer as FakeAnswer];

    const error = await platformErrorOf(dingtalkSender.send(replyMessage(direct({ staffId: 'manager4220' })), context()));

    expect(error.platformCode).toBe('rate_limited');
    expect(fake.requestsTo(DIRECT_PATH)).toHaveLength(1);
  });

  it('reports the webhook rate limit (errcode 130101) as rate_limited, without falling back', async () => {
    webhookAnswers = [{ json: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } }];

    const error = await platformErrorOf(dingtalkSender.send(replyMessage(group({ sessionWebhook: webhook(), sessionWebhookExpiredTime: IN_AN_HOUR })), context()));

    expect(error.platformCode).toBe('rate_limited');
    expect(fake.requests.map((r) => r.path)).toEqual([SESSION_PATH]);
  });

  it('fails permanently for an invalid staffId and for a robot the app does not own', async () => {
    sendAnswers = [{ json: { processQueryKey: 'pqk-3', invalidStaffIdList: ['manager4220'], flowControlledStaffIdList: [] } }];
    const invalid = await platformErrorOf(dingtalkSender.send(replyMessage(direct({ staffId: 'manager4220' })), context()));
    sendAnswers = [{ status: 400, json: { code: 'invalidParameter.robotCode.auth', message: 'robotCode does not match the appkey' } }];
    const robot = await platformErrorOf(dingtalkSender.send(replyMessage(group()), context()));

    expect(invalid.platformCode).toBe('permanent');
    expect(invalid.message).toMatch(/invalidStaffIdList/);
    expect(robot.platformCode).toBe('permanent');
    expect(robot.message).toMatch(/invalidParameter\.robotCode\.auth/);
  });
});
