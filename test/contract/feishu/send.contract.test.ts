import { describe, expect, it } from 'vitest';
import { feishuSender } from '../../../adapters/feishu/send.js';
import { RateLimitedError } from '../../../adapters/outbound.js';
import { useFakePlatform, type FakeAnswer } from '../../helpers/fake-platform-server.js';
import { outboundContext, platformErrorOf, replyMessage } from '../../helpers/outbound-context.js';

const CREDENTIALS = { appId: 'cli_a1b2c3', appSecret: 'secret-feishu' };
const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';
const REPLY_PATH = '/open-apis/im/v1/messages/om_dc13264520392913993dd051dba21dcf/reply';
const SEND_PATH = '/open-apis/im/v1/messages';
const ROW_ID = '7d0c7a52-3f0a-4a57-9d55-1f4f6f0c0a01';
/** The recipient capture queues for a Feishu message (chat + the adapter's replyTo). */
const RECIPIENT = {
  chatId: 'oc_5ad11d72b830411d72b836c20',
  chatType: 'group',
  messageId: 'om_dc13264520392913993dd051dba21dcf',
  message_id: 'om_dc13264520392913993dd051dba21dcf',
  chat_id: 'oc_5ad11d72b830411d72b836c20',
};
const OK_REPLY: FakeAnswer = { json: { code: 0, msg: 'success', data: { message_id: 'om_reply_1' } } };

describe('Feishu sender against a fake Feishu API', () => {
  const platform = useFakePlatform({ tokenPath: TOKEN_PATH, token: (n) => ({ json: { code: 0, msg: 'ok', tenant_access_token: `t-${n}`, expire: 7200 } }), otherwise: () => OK_REPLY });

  const context = () => outboundContext(platform.fake.baseUrl, CREDENTIALS);

  it('gets a tenant token, then replies to the message with msg_type text, the text as JSON content and the row id as uuid', async () => {
    const result = await feishuSender.send(replyMessage(RECIPIENT), context());

    expect(result).toEqual({ platformMessageId: 'om_reply_1' });
    expect(platform.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${TOKEN_PATH}`, `POST ${REPLY_PATH}`]);
    const [token, reply] = platform.fake.requests;
    expect(token!.body).toEqual({ app_id: 'cli_a1b2c3', app_secret: 'secret-feishu' });
    expect(reply!.headers.authorization).toBe('Bearer t-1');
    expect(reply!.headers['content-type']).toMatch(/^application\/json/);
    expect(reply!.body).toEqual({ msg_type: 'text', content: '{"text":"已记录\\nLogged"}', uuid: ROW_ID });
  });

  it('reuses the cached token for the next send', async () => {
    const ctx = context();
    await feishuSender.send(replyMessage(RECIPIENT), ctx);
    await feishuSender.send(replyMessage(RECIPIENT, 'ok', 'b9c4a0c2-0d55-4a0e-8d8b-2d7f5c0e9b11'), ctx);

    expect(platform.fake.requestsTo(TOKEN_PATH)).toHaveLength(1);
    expect(platform.fake.requestsTo(REPLY_PATH).map((r) => r.headers.authorization)).toEqual(['Bearer t-1', 'Bearer t-1']);
  });

  it.each([
    [99991663, 400],
    [99991661, 400],
    [99991664, 401],
  ])('on token code %i (HTTP %i) fetches a new token once and sends again with it', async (code, status) => {
    platform.answers.push({ status, json: { code, msg: 'Invalid access token for authorization' } });

    const result = await feishuSender.send(replyMessage(RECIPIENT), context());

    expect(result).toEqual({ platformMessageId: 'om_reply_1' });
    expect(platform.fake.requests.map((r) => r.path)).toEqual([TOKEN_PATH, REPLY_PATH, TOKEN_PATH, REPLY_PATH]);
    expect(platform.fake.requestsTo(REPLY_PATH).map((r) => r.headers.authorization)).toEqual(['Bearer t-1', 'Bearer t-2']);
    expect(platform.fake.requestsTo(REPLY_PATH).map((r) => (r.body as { uuid: string }).uuid)).toEqual([ROW_ID, ROW_ID]);
  });

  it('gives up with token_expired when the fresh token is refused too (no third try)', async () => {
    const expired = { status: 400, json: { code: 99991663, msg: 'Invalid access token' } };
    platform.answers.push(expired, expired);

    const error = await platformErrorOf(feishuSender.send(replyMessage(RECIPIENT), context()));

    expect(error.platformCode).toBe('token_expired');
    expect(platform.fake.requestsTo(REPLY_PATH)).toHaveLength(2);
  });

  it.each([
    ['HTTP 429', { status: 429, headers: { 'x-ogw-ratelimit-reset': '7' }, json: { code: 99991400, msg: 'request trigger frequency limit' } }, 7_000],
    ['HTTP 400 on older APIs', { status: 400, json: { code: 99991400, msg: 'request trigger frequency limit' } }, undefined],
  ])('reports a rate limit (%s) without retrying at once, with the wait Feishu asked for', async (_label, answer, waitMs) => {
    platform.answers.push(answer as FakeAnswer);

    const error = await platformErrorOf(feishuSender.send(replyMessage(RECIPIENT), context()));

    expect(error.platformCode).toBe('rate_limited');
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(waitMs);
    expect(platform.fake.requestsTo(REPLY_PATH)).toHaveLength(1);
  });

  it('fails permanently on an IM error such as "bot is not in the chat"', async () => {
    platform.answers.push({ status: 400, json: { code: 230002, msg: 'Bot/User can NOT be out of the chat.' } });

    const error = await platformErrorOf(feishuSender.send(replyMessage(RECIPIENT), context()));

    expect(error.platformCode).toBe('permanent');
    expect(error.message).toContain('230002');
  });

  it('treats a 5xx as temporary', async () => {
    platform.answers.push({ status: 503, json: { code: 1500, msg: 'internal error' } });

    const error = await platformErrorOf(feishuSender.send(replyMessage(RECIPIENT), context()));

    expect(error.platformCode).toBe('temporary');
  });

  it('without a message id, sends to the chat by chat_id', async () => {
    await feishuSender.send(replyMessage({ chatId: 'oc_5ad11d72b830411d72b836c20', chatType: 'group' }), context());

    const [send] = platform.fake.requestsTo(SEND_PATH);
    expect(send!.query).toEqual({ receive_id_type: 'chat_id' });
    expect(send!.body).toEqual({ receive_id: 'oc_5ad11d72b830411d72b836c20', msg_type: 'text', content: '{"text":"已记录\\nLogged"}', uuid: ROW_ID });
  });

  it('fails permanently, without calling Feishu, when the app credentials are missing', async () => {
    const error = await platformErrorOf(feishuSender.send(replyMessage(RECIPIENT), outboundContext(platform.fake.baseUrl, { appId: 'cli_a1b2c3' })));

    expect(error.platformCode).toBe('permanent');
    expect(error.message).toContain('FEISHU_APP_SECRET');
    expect(platform.fake.requests).toHaveLength(0);
  });

  it('fails permanently when Feishu refuses the app secret', async () => {
    platform.fake.setHandler(() => ({ status: 400, json: { code: 10014, msg: 'app secret invalid' } }));

    const error = await platformErrorOf(feishuSender.send(replyMessage(RECIPIENT), context()));

    expect(error.platformCode).toBe('permanent');
    expect(error.message).toContain('10014');
  });

  it('refuses kinds it does not know', async () => {
    const error = await platformErrorOf(feishuSender.send({ ...replyMessage(RECIPIENT), kind: 'poll' }, context()));

    expect(error.platformCode).toBe('permanent');
    expect(platform.fake.requests).toHaveLength(0);
  });
});
