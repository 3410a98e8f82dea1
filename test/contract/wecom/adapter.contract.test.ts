/**
 * wecomAdapter.handleHttp end to end on the published vectors and recorded encrypted payload,
 * plus the negative cases: every failure is a specific 4xx, never a silent 200 or garbage.
 */
import { describe, expect, it } from 'vitest';
import type { InboundOutcome } from '../../../adapters/contract.js';
import { wecomAdapter } from '../../../adapters/wecom/index.js';
import { encryptedCallback } from '../../../adapters/wecom/simulate.js';
import { contextAt, credentialsOf, get, post, readPayload, str, vector } from './wecom-vectors.js';

const FIVE_MINUTES_MS = 5 * 60 * 1000;

function eventsOf(outcome: InboundOutcome) {
  if (outcome.kind !== 'events') throw new Error(`expected events, got ${JSON.stringify(outcome)}`);
  return outcome.events;
}

function envelope(receiveId: string, encrypt: string, agentId = '218'): string {
  return `<xml><ToUserName><![CDATA[${receiveId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[${agentId}]]></AgentID></xml>`;
}

describe('GET URL verification (echostr)', () => {
  it.each(['wecom_verify_url_sample', 'wecom_verify_url_doc_example'])('%s: replies the bare decrypted echostr', (name) => {
    const v = vector(name);
    const query = { msg_signature: str(v.inputs, 'msg_signature'), timestamp: str(v.inputs, 'timestamp'), nonce: str(v.inputs, 'nonce'), echostr: str(v.inputs, 'echostr') };
    const outcome = wecomAdapter.handleHttp(get(query), contextAt(credentialsOf(v), query.timestamp));
    expect(outcome).toEqual({ kind: 'handshake', reply: { status: 200, contentType: 'text/plain', body: v.expected['response_body'] } });
  });

  it('doc example: the echostr the HTTP layer decodes once from the URL is the one that verifies', () => {
    const v = vector('wecom_verify_url_doc_example');
    const decodedOnce = decodeURIComponent(str(v.inputs, 'echostr_url_encoded'));
    expect(decodedOnce).toBe(v.inputs['echostr']);
    const query = { msg_signature: str(v.inputs, 'msg_signature'), timestamp: str(v.inputs, 'timestamp'), nonce: str(v.inputs, 'nonce') };
    const ok = wecomAdapter.handleHttp(get({ ...query, echostr: decodedOnce }), contextAt(credentialsOf(v), query.timestamp));
    expect(ok).toMatchObject({ kind: 'handshake', reply: { body: v.expected['response_body'] } });
    const stillEncoded = wecomAdapter.handleHttp(get({ ...query, echostr: str(v.inputs, 'echostr_url_encoded') }), contextAt(credentialsOf(v), query.timestamp));
    expect(stillEncoded).toMatchObject({ kind: 'rejected', status: 401, code: 'bad_signature' });
  });

  it('refuses a wrong signature, a stale timestamp, a missing echostr and a wrong CorpID', () => {
    const v = vector('wecom_verify_url_sample');
    const query = { msg_signature: str(v.inputs, 'msg_signature'), timestamp: str(v.inputs, 'timestamp'), nonce: str(v.inputs, 'nonce'), echostr: str(v.inputs, 'echostr') };
    const creds = credentialsOf(v);
    const at = contextAt(creds, query.timestamp);
    expect(wecomAdapter.handleHttp(get({ ...query, msg_signature: '0'.repeat(40) }), at)).toMatchObject({ status: 401, code: 'bad_signature' });
    expect(wecomAdapter.handleHttp(get(query), contextAt(creds, query.timestamp, FIVE_MINUTES_MS + 1000))).toMatchObject({ status: 401, code: 'stale_timestamp' });
    expect(wecomAdapter.handleHttp(get({ ...query, echostr: '' }), at)).toMatchObject({ status: 400, code: 'missing_field' });
    expect(wecomAdapter.handleHttp(get(query), contextAt({ ...creds, corpId: 'ww_someone_else' }, query.timestamp))).toMatchObject({
      status: 401,
      code: 'wrong_receive_id',
    });
  });
});

describe('POST callbacks from the vectors', () => {
  it('official XML sample → message.received 你好, deduped on MsgId, HTTP 200 empty body', () => {
    const v = vector('wecom_decrypt_xml_sample');
    const query = { msg_signature: str(v.inputs, 'msg_signature'), timestamp: str(v.inputs, 'timestamp'), nonce: str(v.inputs, 'nonce') };
    const outcome = wecomAdapter.handleHttp(post(query, str(v.inputs, 'post_body')), contextAt(credentialsOf(v), query.timestamp));
    expect(outcome).toMatchObject({ kind: 'events', reply: { status: 200, contentType: 'text/plain', body: '' } });
    const [first] = eventsOf(outcome);
    expect(first).toMatchObject({ dedupKey: '1456453720', vendorType: 'text', raw: v.expected['plaintext'] });
    expect(first?.event).toEqual({
      kind: 'message.received',
      occurredAt: '2016-10-14T05:26:19.000Z',
      messageId: '1456453720',
      chat: { id: 'ChenJiaShun', type: 'direct' },
      sender: { ids: { userid: 'ChenJiaShun' }, external: false },
      text: '你好',
      contentType: 'text',
      toBot: true,
      replyTo: { touser: 'ChenJiaShun', agentid: '1000002' },
    });
  });

  it('doc example → MsgId kept as a string (4561255354251345929 does not fit a JS number)', () => {
    const v = vector('wecom_decrypt_doc_example');
    const query = { msg_signature: str(v.inputs, 'msg_signature'), timestamp: str(v.inputs, 'timestamp'), nonce: str(v.inputs, 'nonce') };
    const outcome = wecomAdapter.handleHttp(post(query, envelope(v.inputs.receive_id, str(v.inputs, 'encrypt'))), contextAt(credentialsOf(v), query.timestamp));
    const [first] = eventsOf(outcome);
    expect(first).toMatchObject({ dedupKey: '4561255354251345929', raw: v.expected['plaintext'] });
    expect(first?.event).toMatchObject({ kind: 'message.received', messageId: '4561255354251345929', text: 'hello', sender: { ids: { userid: 'mycreate' } } });
  });

  it('Chinese text vector → the full sentence survives (length prefix in bytes)', () => {
    const v = vector('wecom_encrypt_chinese_text_own');
    const query = { msg_signature: str(v.expected, 'msg_signature'), timestamp: str(v.inputs, 'timestamp'), nonce: str(v.inputs, 'nonce') };
    const outcome = wecomAdapter.handleHttp(post(query, envelope(v.inputs.receive_id, str(v.expected, 'encrypt'))), contextAt(credentialsOf(v), query.timestamp));
    const [first] = eventsOf(outcome);
    expect(first?.raw).toBe(v.inputs['plaintext']);
    expect(first?.event).toMatchObject({ kind: 'message.received', text: '客户王总同意下周三见面', messageId: '7300000000000000001' });
  });

  it('template card event → card.action with the button key and the single-use ResponseCode', () => {
    const v = vector('wecom_template_card_event_own');
    const parsed = v.expected['parsed'] as Record<string, string>;
    const query = { msg_signature: str(v.inputs, 'msg_signature'), timestamp: str(v.inputs, 'timestamp'), nonce: str(v.inputs, 'nonce') };
    const outcome = wecomAdapter.handleHttp(post(query, str(v.inputs, 'post_body')), contextAt(credentialsOf(v), query.timestamp));
    const [first] = eventsOf(outcome);
    expect(first?.raw).toBe(v.expected['plaintext']);
    expect(first?.vendorType).toBe(parsed['Event']);
    expect(first?.event).toEqual({
      kind: 'card.action',
      occurredAt: '2023-11-14T22:15:00.000Z',
      operator: { ids: { userid: 'lisi' }, external: false },
      value: { key: parsed['EventKey'], taskId: parsed['TaskId'], cardType: parsed['CardType'] },
      cardRef: { taskId: parsed['TaskId'], responseCode: parsed['ResponseCode'], agentId: '1000002' },
    });
  });

  it('recorded wechatpy callback (payloads/wecom/encrypted_callback_vector.json) → message "test"', () => {
    const recorded = JSON.parse(readPayload('encrypted_callback_vector.json')) as {
      token: string;
      encoding_aes_key: string;
      corp_id: string;
      query: Record<string, string>;
      body_xml: string;
      expected: { plaintext_xml: string };
    };
    const creds = { corpId: recorded.corp_id, token: recorded.token, encodingAesKey: recorded.encoding_aes_key };
    const outcome = wecomAdapter.handleHttp(post(recorded.query, recorded.body_xml), contextAt(creds, recorded.query['timestamp'] ?? ''));
    const [first] = eventsOf(outcome);
    expect(first?.raw).toBe(recorded.expected.plaintext_xml);
    expect(first?.event).toMatchObject({ kind: 'message.received', text: 'test', messageId: '4363689963896700987' });
  });
});

describe('POST negatives', () => {
  const v = vector('wecom_decrypt_xml_sample');
  const query = { msg_signature: str(v.inputs, 'msg_signature'), timestamp: str(v.inputs, 'timestamp'), nonce: str(v.inputs, 'nonce') };
  const body = str(v.inputs, 'post_body');
  const creds = credentialsOf(v);
  const at = contextAt(creds, query.timestamp);

  it('wrong signature → 401 bad_signature naming -40001', () => {
    const outcome = wecomAdapter.handleHttp(post({ ...query, msg_signature: query.msg_signature.replace(/^./, 'f') }, body), at);
    expect(outcome).toMatchObject({ kind: 'rejected', status: 401, code: 'bad_signature' });
    expect(outcome.kind === 'rejected' && outcome.message).toContain('-40001');
  });

  it('signature checked over the Encrypt text: a tampered ciphertext fails', () => {
    const tampered = body.replace('Kl7kjoSf6DMD', 'Kl7kjoSf6DME');
    expect(wecomAdapter.handleHttp(post(query, tampered), at)).toMatchObject({ status: 401, code: 'bad_signature' });
  });

  it('missing msg_signature → 401 missing_signature; missing nonce → 400 missing_field', () => {
    expect(wecomAdapter.handleHttp(post({ timestamp: query.timestamp, nonce: query.nonce }, body), at)).toMatchObject({ status: 401, code: 'missing_signature' });
    expect(wecomAdapter.handleHttp(post({ msg_signature: query.msg_signature, timestamp: query.timestamp }, body), at)).toMatchObject({
      status: 400,
      code: 'missing_field',
      message: expect.stringContaining('nonce'),
    });
  });

  it.each([
    ['5 minutes late', FIVE_MINUTES_MS + 1000],
    ['5 minutes early', -(FIVE_MINUTES_MS + 1000)],
  ])('timestamp %s → 401 stale_timestamp', (_label, offset) => {
    expect(wecomAdapter.handleHttp(post(query, body), contextAt(creds, query.timestamp, offset))).toMatchObject({ status: 401, code: 'stale_timestamp' });
  });

  it('timestamp exactly 5 minutes old is still accepted', () => {
    expect(wecomAdapter.handleHttp(post(query, body), contextAt(creds, query.timestamp, FIVE_MINUTES_MS)).kind).toBe('events');
  });

  it('wrong EncodingAESKey → 401 decrypt_failed naming -40007, no events', () => {
    const wrongKey = vector('wecom_verify_url_doc_example').inputs.encoding_aes_key;
    const outcome = wecomAdapter.handleHttp(post(query, body), contextAt({ ...creds, encodingAesKey: wrongKey }, query.timestamp));
    expect(outcome).toMatchObject({ kind: 'rejected', status: 401, code: 'decrypt_failed' });
    expect(outcome.kind === 'rejected' && outcome.message).toContain('-40007');
  });

  it('wrong CorpID → 401 wrong_receive_id naming -40005', () => {
    const outcome = wecomAdapter.handleHttp(post(query, body), contextAt({ ...creds, corpId: 'ww_another_corp' }, query.timestamp));
    expect(outcome).toMatchObject({ kind: 'rejected', status: 401, code: 'wrong_receive_id' });
    expect(outcome.kind === 'rejected' && outcome.message).toContain('-40005');
  });

  it.each([
    ['truncated XML', '<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><Encrypt><![CDATA[abc'],
    ['not XML at all', '{"encrypt":"abc"}'],
    ['an empty body', ''],
    ['a DOCTYPE with entities', '<!DOCTYPE xml [<!ENTITY e "x">]><xml><Encrypt>&e;</Encrypt></xml>'],
    ['the wrong root element', '<message><Encrypt>abc</Encrypt></message>'],
  ])('%s → 400 malformed_body', (_label, bad) => {
    const outcome = wecomAdapter.handleHttp(post(query, bad), at);
    expect(outcome).toMatchObject({ kind: 'rejected', status: 400, code: 'malformed_body' });
    expect(outcome.kind === 'rejected' && outcome.messageZh.length).toBeGreaterThan(0);
  });

  it('envelope without <Encrypt> → 400 missing_field naming Encrypt', () => {
    const outcome = wecomAdapter.handleHttp(post(query, '<xml><ToUserName>ww1436e0e65a779aee</ToUserName><AgentID>1</AgentID></xml>'), at);
    expect(outcome).toMatchObject({ status: 400, code: 'missing_field', message: expect.stringContaining('Encrypt') });
  });

  it('tenant without WeCom keys → 404 not_configured naming the env vars', () => {
    const outcome = wecomAdapter.handleHttp(post(query, body), contextAt({ corpId: v.inputs.receive_id }, query.timestamp));
    expect(outcome).toMatchObject({ status: 404, code: 'not_configured', message: expect.stringContaining('WECOM_TOKEN') });
  });
});

describe('POST plaintext problems (encrypted with the tenant keys by the simulator)', () => {
  const v = vector('wecom_decrypt_xml_sample');
  const keys = { corpId: v.inputs.receive_id, token: str(v.inputs, 'token'), encodingAesKey: v.inputs.encoding_aes_key };
  const now = new Date('2026-03-02T09:00:00Z');

  it('a text message without MsgId → 400 missing_field naming MsgId', () => {
    const plaintext = '<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>zhangsan</FromUserName><CreateTime>1772442000</CreateTime><MsgType>text</MsgType><Content>hi</Content></xml>';
    const outcome = wecomAdapter.handleHttp(encryptedCallback(plaintext, keys, now), { credentials: keys, now });
    expect(outcome).toMatchObject({ status: 400, code: 'missing_field', message: expect.stringContaining('MsgId'), messageZh: expect.stringContaining('MsgId') });
  });

  it('a plaintext that is not XML → 400 malformed_body (never an empty event)', () => {
    const outcome = wecomAdapter.handleHttp(encryptedCallback('{"MsgType":"text"}', keys, now), { credentials: keys, now });
    expect(outcome).toMatchObject({ status: 400, code: 'malformed_body' });
  });

  it('an unknown event → one explicit ignored event that names it', () => {
    const plaintext = '<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>zhangsan</FromUserName><CreateTime>1772442000</CreateTime><MsgType>event</MsgType><Event>brand_new_event</Event><AgentID>1000002</AgentID></xml>';
    const outcome = wecomAdapter.handleHttp(encryptedCallback(plaintext, keys, now), { credentials: keys, now });
    const events = eventsOf(outcome);
    expect(events).toHaveLength(1);
    expect(events[0]?.event).toEqual({ kind: 'ignored', occurredAt: '2026-03-02T09:00:00.000Z', reason: 'unsupported WeCom event type brand_new_event' });
    expect(events[0]?.dedupKey).toBe('zhangsan|1772442000|brand_new_event');
  });
});
