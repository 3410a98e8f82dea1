import { describe, expect, it } from 'vitest';
import { wecomSender } from '../../../adapters/wecom/send.js';
import { useFakePlatform, type FakeAnswer } from '../../helpers/fake-platform-server.js';
import { outboundContext, platformErrorOf, replyMessage } from '../../helpers/outbound-context.js';

const CREDENTIALS = { corpId: 'ww1234567890abcdef', agentId: '1000002', secret: 'secret-wecom', token: 't', encodingAesKey: 'k' };
const TOKEN_PATH = '/cgi-bin/gettoken';
const SEND_PATH = '/cgi-bin/message/send';
/** The recipient capture queues for a WeCom app message (chat = the member, plus the adapter's replyTo). */
const RECIPIENT = { chatId: 'ZhangSan', chatType: 'direct', messageId: '1234567890123456', touser: 'ZhangSan', agentid: '1000002' };
const OK_SEND: FakeAnswer = { json: { errcode: 0, errmsg: 'ok', invaliduser: '', msgid: 'msg-wecom-1' } };

describe('WeCom sender against a fake WeCom API', () => {
  const platform = useFakePlatform({ tokenPath: TOKEN_PATH, token: (n) => ({ json: { errcode: 0, errmsg: 'ok', access_token: `wt-${n}`, expires_in: 7200 } }), otherwise: () => OK_SEND });

  const context = () => outboundContext(platform.fake.baseUrl, CREDENTIALS);

  it('gets the app token with GET gettoken, then sends a text app message with the token in the query', async () => {
    const result = await wecomSender.send(replyMessage(RECIPIENT), context());

    expect(result).toEqual({ platformMessageId: 'msg-wecom-1' });
    expect(platform.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${TOKEN_PATH}`, `POST ${SEND_PATH}`]);
    const [token, send] = platform.fake.requests;
    expect(token!.query).toEqual({ corpid: 'ww1234567890abcdef', corpsecret: 'secret-wecom' });
    expect(send!.query).toEqual({ access_token: 'wt-1' });
    expect(send!.body).toEqual({ touser: 'ZhangSan', msgtype: 'text', agentid: 1000002, text: { content: '已记录\nLogged' } });
  });

  it.each([42001, 40014, 41001])('on errcode %i fetches a new token once and sends again', async (errcode) => {
    platform.answers.push({ json: { errcode, errmsg: 'access_token expired' } });

    const result = await wecomSender.send(replyMessage(RECIPIENT), context());

    expect(result).toEqual({ platformMessageId: 'msg-wecom-1' });
    expect(platform.fake.requests.map((r) => r.path)).toEqual([TOKEN_PATH, SEND_PATH, TOKEN_PATH, SEND_PATH]);
    expect(platform.fake.requestsTo(SEND_PATH).map((r) => r.query.access_token)).toEqual(['wt-1', 'wt-2']);
  });

  it('gives up with token_expired when the fresh token is refused too', async () => {
    platform.answers.push({ json: { errcode: 42001, errmsg: 'expired' } }, { json: { errcode: 42001, errmsg: 'expired' } });

    const error = await platformErrorOf(wecomSender.send(replyMessage(RECIPIENT), context()));

    expect(error.platformCode).toBe('token_expired');
    expect(platform.fake.requestsTo(SEND_PATH)).toHaveLength(2);
  });

  it.each([45009, 45033])('reports errcode %i as rate_limited without retrying at once', async (errcode) => {
    platform.answers.push({ json: { errcode, errmsg: 'api freq out of limit' } });

    const error = await platformErrorOf(wecomSender.send(replyMessage(RECIPIENT), context()));

    expect(error.platformCode).toBe('rate_limited');
    expect(platform.fake.requestsTo(SEND_PATH)).toHaveLength(1);
  });

  it('treats errcode -1 (system busy) as temporary', async () => {
    platform.answers.push({ json: { errcode: -1, errmsg: 'system busy' } });

    const error = await platformErrorOf(wecomSender.send(replyMessage(RECIPIENT), context()));

    expect(error.platformCode).toBe('temporary');
  });

  it('fails permanently on an invalid user, whether as an errcode or in invaliduser', async () => {
    platform.answers.push({ json: { errcode: 40003, errmsg: 'invalid userid' } });
    const byCode = await platformErrorOf(wecomSender.send(replyMessage(RECIPIENT), context()));
    platform.answers.push({ json: { errcode: 0, errmsg: 'ok', invaliduser: 'ZhangSan', msgid: 'm' } });
    const byList = await platformErrorOf(wecomSender.send(replyMessage(RECIPIENT), context()));

    expect(byCode.platformCode).toBe('permanent');
    expect(byCode.message).toContain('40003');
    expect(byList.platformCode).toBe('permanent');
    expect(byList.message).toContain('invaliduser');
  });

  it('fails permanently when gettoken refuses the secret, and when the agent id is missing', async () => {
    platform.fake.setHandler(() => ({ json: { errcode: 40001, errmsg: 'invalid credential' } }));
    const secret = await platformErrorOf(wecomSender.send(replyMessage(RECIPIENT), context()));
    const noAgent = await platformErrorOf(wecomSender.send(replyMessage({ chatId: 'ZhangSan', chatType: 'direct' }), outboundContext(platform.fake.baseUrl, { corpId: 'ww1', secret: 's' })));

    expect(secret.platformCode).toBe('permanent');
    expect(secret.message).toContain('40001');
    expect(noAgent.platformCode).toBe('permanent');
    expect(noAgent.message).toContain('WECOM_AGENT_ID');
  });
});
