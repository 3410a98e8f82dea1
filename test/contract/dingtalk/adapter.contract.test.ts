import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { InboundOutcome, InboundRequest } from '../../../adapters/contract.js';
import { encryptMessage } from '../../../adapters/dingtalk/crypto.js';
import { createDingtalkAdapter, dingtalkAdapter } from '../../../adapters/dingtalk/index.js';
import { naiveDecrypt, naiveSignature } from './independent-crypto.js';
import { vector } from './shared-data.js';

const s = (v: unknown) => v as string;
const checkUrl = vector('dingtalk_check_url_python3_sample').inputs;
const replyVector = vector('dingtalk_success_response_own');
const vectorNow = new Date(Number(checkUrl.timeStamp));

/** Credentials of the official python3 sample: its owner key is the internal app's AppKey (clientId). */
const credentials = {
  clientId: s(checkUrl.owner_key),
  clientSecret: 'robot-app-secret',
  callbackToken: s(checkUrl.token),
  callbackAesKey: s(checkUrl.aes_key),
};

function callbackRequest(
  inputs: Record<string, unknown>,
  overrides: { query?: Record<string, string>; body?: string } = {},
): InboundRequest {
  return {
    method: 'POST',
    query: overrides.query ?? { signature: s(inputs.msg_signature), timestamp: s(inputs.timeStamp), nonce: s(inputs.nonce) },
    headers: { 'content-type': 'application/json' },
    rawBody: Buffer.from(overrides.body ?? JSON.stringify({ encrypt: inputs.encrypt }), 'utf8'),
  };
}

function expectRejected(outcome: InboundOutcome, status: number, code: string) {
  expect(outcome.kind).toBe('rejected');
  if (outcome.kind !== 'rejected') return;
  expect({ status: outcome.status, code: outcome.code }).toEqual({ status, code });
  expect(outcome.message.length).toBeGreaterThan(0);
  expect(outcome.messageZh.length).toBeGreaterThan(0);
}

function expectEncryptedSuccess(body: string, now: Date) {
  const reply = JSON.parse(body) as Record<string, string>;
  expect(Object.keys(reply)).toEqual(['msg_signature', 'timeStamp', 'nonce', 'encrypt']);
  expect(reply.timeStamp).toBe(String(now.getTime()));
  expect(reply.msg_signature).toBe(naiveSignature(credentials.callbackToken, reply.timeStamp!, reply.nonce!, reply.encrypt!));
  const plain = naiveDecrypt(reply.encrypt!, credentials.callbackAesKey);
  expect(plain.message.toString('utf8')).toBe('success');
  expect(plain.tail).toBe(credentials.clientId);
}

describe('DingTalk event subscription callback (encrypted)', () => {
  it('answers the check_url handshake with the byte-exact encrypted "success" of the vector', () => {
    const ri = replyVector.inputs;
    const adapter = createDingtalkAdapter({
      random16: () => Buffer.from(s(ri.random_16_bytes_ascii), 'ascii'),
      nonce: () => s(ri.nonce),
    });
    const outcome = adapter.handleHttp(callbackRequest(checkUrl), { credentials, now: new Date(Number(ri.timeStamp)) });
    expect(outcome.kind).toBe('handshake');
    if (outcome.kind !== 'handshake') return;
    expect(outcome.reply.status).toBe(200);
    expect(outcome.reply.contentType).toMatch(/^application\/json/);
    expect(outcome.reply.body).toBe(JSON.stringify(replyVector.expected.response_body));
  });

  it('accepts msg_signature/timeStamp as the query names too, with random reply bytes', () => {
    const query = { msg_signature: s(checkUrl.msg_signature), timeStamp: s(checkUrl.timeStamp), nonce: s(checkUrl.nonce) };
    const outcome = dingtalkAdapter.handleHttp(callbackRequest(checkUrl, { query }), { credentials, now: vectorNow });
    expect(outcome.kind).toBe('handshake');
    if (outcome.kind === 'handshake') expectEncryptedSuccess(outcome.reply.body, vectorNow);
  });

  it('answers a third-party suite check (owner key = suite key from the vector inputs) as a handshake', () => {
    const suite = vector('dingtalk_check_create_suite_url_rust_sample').inputs;
    const outcome = dingtalkAdapter.handleHttp(callbackRequest(suite), {
      credentials: { clientId: s(suite.owner_key), callbackToken: s(suite.token), callbackAesKey: s(suite.aes_key) },
      now: new Date(Number(suite.timeStamp)),
    });
    expect(outcome.kind).toBe('handshake');
  });

  it('turns an org event into an explicit ignored event and still replies with the encrypted "success"', () => {
    const now = new Date('2026-03-02T08:00:00Z');
    const plaintext = '{"EventType":"user_add_org","TimeStamp":"1685501863357","UserId":["015xxxx227"],"CorpId":"dingcorp"}';
    const encrypt = encryptMessage(plaintext, credentials.callbackAesKey, credentials.clientId);
    const ts = String(now.getTime());
    const query = { signature: naiveSignature(credentials.callbackToken, ts, 'n0nce', encrypt), timestamp: ts, nonce: 'n0nce' };
    const outcome = dingtalkAdapter.handleHttp(callbackRequest({}, { query, body: JSON.stringify({ encrypt }) }), { credentials, now });
    expect(outcome.kind).toBe('events');
    if (outcome.kind !== 'events') return;
    expect(outcome.events).toHaveLength(1);
    const [e] = outcome.events;
    expect(e!.event).toMatchObject({ kind: 'ignored', occurredAt: new Date(1685501863357).toISOString() });
    expect(e!.event.kind === 'ignored' && e!.event.reason).toMatch(/user_add_org/);
    expect(e!.raw).toBe(plaintext);
    expect(e!.dedupKey).toMatch(/^event:user_add_org:[0-9a-f]{32}$/);
    expectEncryptedSuccess(outcome.reply.body, now);
  });

  describe('negative vectors', () => {
    const ctx = { credentials, now: vectorNow };

    it('wrong signature → 401 bad_signature', () => {
      const query = { signature: '0'.repeat(40), timestamp: s(checkUrl.timeStamp), nonce: s(checkUrl.nonce) };
      expectRejected(dingtalkAdapter.handleHttp(callbackRequest(checkUrl, { query }), ctx), 401, 'bad_signature');
    });

    it('a correctly signed but 5-minutes-and-1-second old request → 401 stale_timestamp', () => {
      const now = new Date(vectorNow.getTime() + 5 * 60 * 1000 + 1000);
      expectRejected(dingtalkAdapter.handleHttp(callbackRequest(checkUrl), { credentials, now }), 401, 'stale_timestamp');
    });

    it('4 minutes 59 seconds old is still fresh', () => {
      const now = new Date(vectorNow.getTime() + 4 * 60 * 1000 + 59 * 1000);
      expect(dingtalkAdapter.handleHttp(callbackRequest(checkUrl), { credentials, now }).kind).toBe('handshake');
    });

    it('wrong AES key → 400 decrypt_failed (never an empty event)', () => {
      const wrongKey = { ...credentials, callbackAesKey: s(vector('dingtalk_success_go_sample').inputs.aes_key) };
      expectRejected(dingtalkAdapter.handleHttp(callbackRequest(checkUrl), { ...ctx, credentials: wrongKey }), 400, 'decrypt_failed');
    });

    it('wrong owner key (another AppKey) → 401 wrong_receive_id', () => {
      const other = { ...credentials, clientId: 'dingsomeotherapp' };
      expectRejected(dingtalkAdapter.handleHttp(callbackRequest(checkUrl), { ...ctx, credentials: other }), 401, 'wrong_receive_id');
    });

    it('malformed JSON body → 400 malformed_body', () => {
      expectRejected(dingtalkAdapter.handleHttp(callbackRequest(checkUrl, { body: '{"encrypt":' }), ctx), 400, 'malformed_body');
    });

    it('body without encrypt → 400 missing_field', () => {
      expectRejected(dingtalkAdapter.handleHttp(callbackRequest(checkUrl, { body: '{}' }), ctx), 400, 'missing_field');
    });

    it('query without nonce → 400 missing_field', () => {
      const query = { signature: s(checkUrl.msg_signature), timestamp: s(checkUrl.timeStamp) };
      expectRejected(dingtalkAdapter.handleHttp(callbackRequest(checkUrl, { query }), ctx), 400, 'missing_field');
    });

    it('a decrypted plaintext that is not JSON ("success" of the Go sample) → 400 malformed_body', () => {
      const go = vector('dingtalk_success_go_sample').inputs;
      const outcome = dingtalkAdapter.handleHttp(callbackRequest(go), {
        credentials: { clientId: s(go.owner_key), callbackToken: s(go.token), callbackAesKey: s(go.aes_key) },
        now: new Date(Number(go.timeStamp)),
      });
      expectRejected(outcome, 400, 'malformed_body');
    });

    it('a tenant without callback credentials → 404 not_configured naming the variables', () => {
      const outcome = dingtalkAdapter.handleHttp(callbackRequest(checkUrl), { credentials: {}, now: vectorNow });
      expectRejected(outcome, 404, 'not_configured');
      expect(outcome.kind === 'rejected' && outcome.message).toMatch(/DINGTALK_CALLBACK_TOKEN/);
    });

    it('no signature of either kind → 401 missing_signature', () => {
      const request: InboundRequest = { method: 'POST', query: {}, headers: {}, rawBody: Buffer.from('{"encrypt":"x"}') };
      expectRejected(dingtalkAdapter.handleHttp(request, ctx), 401, 'missing_signature');
    });
  });
});

describe('DingTalk robot message HTTP callback (消息接收地址)', () => {
  const now = new Date('2026-03-02T08:00:00Z');
  const robotBody = JSON.stringify({
    conversationId: 'cidGroup==',
    conversationType: '2',
    conversationTitle: '华东销售群',
    msgId: 'msgABC==',
    msgtype: 'text',
    text: { content: '  客户要报价  ' },
    senderId: '$:LWCP_v1:$abc',
    senderStaffId: 'staff01',
    senderNick: '张三',
    senderCorpId: 'dingcorp',
    chatbotCorpId: 'dingcorp',
    isInAtList: true,
    createAt: 1772438400000,
    sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=x',
    sessionWebhookExpiredTime: 1772443800000,
    robotCode: 'dingrobot',
  });
  /** Signed in the test with node:crypto, following DingTalk's doc text, not with the adapter's code. */
  const signed = (timestamp: string, secret = credentials.clientSecret): InboundRequest => ({
    method: 'POST',
    query: {},
    headers: {
      'content-type': 'application/json',
      timestamp,
      sign: createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'),
    },
    rawBody: Buffer.from(robotBody, 'utf8'),
  });

  it('verifies the sign header and turns the message into message.received, replying 200 {}', () => {
    const outcome = dingtalkAdapter.handleHttp(signed(String(now.getTime())), { credentials, now });
    expect(outcome.kind).toBe('events');
    if (outcome.kind !== 'events') return;
    expect(outcome.reply).toEqual({ status: 200, contentType: 'application/json; charset=utf-8', body: '{}' });
    expect(outcome.events).toHaveLength(1);
    expect(outcome.events[0]!.dedupKey).toBe('msgABC==');
    expect(outcome.events[0]!.event).toEqual({
      kind: 'message.received',
      occurredAt: new Date(1772438400000).toISOString(),
      messageId: 'msgABC==',
      chat: { id: 'cidGroup==', type: 'group', title: '华东销售群' },
      sender: { ids: { dingtalkId: '$:LWCP_v1:$abc', staffId: 'staff01' }, name: '张三', external: false },
      text: '客户要报价',
      contentType: 'text',
      toBot: true,
      replyTo: {
        sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=x',
        sessionWebhookExpiredTime: '1772443800000',
        robotCode: 'dingrobot',
      },
    });
  });

  it('accepts a timestamp 59 minutes old (DingTalk documents a 1-hour window)', () => {
    const ts = String(now.getTime() - 59 * 60 * 1000);
    expect(dingtalkAdapter.handleHttp(signed(ts), { credentials, now }).kind).toBe('events');
  });

  it('refuses a timestamp more than 1 hour old → 401 stale_timestamp', () => {
    const ts = String(now.getTime() - 61 * 60 * 1000);
    expectRejected(dingtalkAdapter.handleHttp(signed(ts), { credentials, now }), 401, 'stale_timestamp');
  });

  it('refuses a sign made with another secret → 401 bad_signature', () => {
    expectRejected(dingtalkAdapter.handleHttp(signed(String(now.getTime()), 'other'), { credentials, now }), 401, 'bad_signature');
  });

  it('refuses a request with timestamp but no sign → 401 missing_signature', () => {
    const request = signed(String(now.getTime()));
    delete request.headers.sign;
    expectRejected(dingtalkAdapter.handleHttp(request, { credentials, now }), 401, 'missing_signature');
  });

  it('refuses a signed body that is not JSON → 400 malformed_body', () => {
    const request = { ...signed(String(now.getTime())), rawBody: Buffer.from('msgId=1') };
    expectRejected(dingtalkAdapter.handleHttp(request, { credentials, now }), 400, 'malformed_body');
  });

  it('refuses a robot message without msgId → 400 missing_field', () => {
    const body = JSON.parse(robotBody) as Record<string, unknown>;
    delete body.msgId;
    const request = { ...signed(String(now.getTime())), rawBody: Buffer.from(JSON.stringify(body)) };
    expectRejected(dingtalkAdapter.handleHttp(request, { credentials, now }), 400, 'missing_field');
  });

  it('refuses when the tenant has no client secret → 404 not_configured', () => {
    const outcome = dingtalkAdapter.handleHttp(signed(String(now.getTime())), { credentials: {}, now });
    expectRejected(outcome, 404, 'not_configured');
  });
});
