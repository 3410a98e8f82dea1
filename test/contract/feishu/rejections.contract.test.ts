import { describe, expect, it } from 'vitest';
import { feishuAdapter } from '../../../adapters/feishu/index.js';
import { STALE_TIMESTAMP_WINDOW_MS } from '../../../adapters/feishu/verify.js';
import { NOW, payloadText, postRequest, signedHeaders, vector } from './feishu-test-data.js';

const message = vector('feishu_signed_encrypted_message_event_own');
const verificationToken = JSON.parse(message.inputs.plaintext).header.token as string;
const credentials = { encryptKey: message.inputs.encrypt_key as string, verificationToken };
const goodHeaders = { ...message.inputs.headers, 'X-Lark-Signature': message.expected['X-Lark-Signature'] as string };
const at = (offsetMs: number) => new Date(Number(message.inputs.headers['X-Lark-Request-Timestamp']) * 1000 + offsetMs);

/** A plain (unencrypted) recorded event, signed independently with node:crypto. */
function signedPlain(payload: unknown, encryptKey = credentials.encryptKey) {
  const raw = JSON.stringify(payload);
  return postRequest(raw, signedHeaders(raw, encryptKey));
}

describe('Feishu webhook rejections', () => {
  it.each([
    ['a wrong signature', { ...goodHeaders, 'X-Lark-Signature': 'b' + goodHeaders['X-Lark-Signature'].slice(1) }, 'bad_signature'],
    ['a truncated signature', { ...goodHeaders, 'X-Lark-Signature': goodHeaders['X-Lark-Signature'].slice(0, 40) }, 'bad_signature'],
    ['another nonce', { ...goodHeaders, 'X-Lark-Request-Nonce': '1234567891' }, 'bad_signature'],
    ['no signature header', { ...message.inputs.headers }, 'missing_signature'],
    ['no headers at all', {}, 'missing_signature'],
    ['a non-numeric timestamp', { ...goodHeaders, 'X-Lark-Request-Timestamp': 'yesterday' }, 'stale_timestamp'],
  ])('refuses %s with 401', (_name, headers, code) => {
    expect(feishuAdapter.handleHttp(postRequest(message.expected.raw_body, headers), { credentials, now: NOW })).toMatchObject({
      kind: 'rejected',
      status: 401,
      code,
    });
  });

  it.each([
    ['just inside the window (past)', -STALE_TIMESTAMP_WINDOW_MS, 'events'],
    ['just inside the window (future)', STALE_TIMESTAMP_WINDOW_MS, 'events'],
    ['one second too old', STALE_TIMESTAMP_WINDOW_MS + 1000, 'rejected'],
    ['one second too far ahead', -(STALE_TIMESTAMP_WINDOW_MS + 1000), 'rejected'],
  ])('a timestamp %s gives %s', (_name, clockOffset, kind) => {
    const outcome = feishuAdapter.handleHttp(postRequest(message.expected.raw_body, goodHeaders), { credentials, now: at(clockOffset) });
    expect(outcome.kind).toBe(kind);
    if (outcome.kind === 'rejected') expect(outcome).toMatchObject({ status: 401, code: 'stale_timestamp' });
  });

  it('refuses the signed event under a wrong Encrypt Key', () => {
    const outcome = feishuAdapter.handleHttp(postRequest(message.expected.raw_body, goodHeaders), {
      credentials: { ...credentials, encryptKey: 'wrong-key' },
      now: NOW,
    });
    expect(outcome).toMatchObject({ kind: 'rejected', status: 401, code: 'bad_signature' });
  });

  it('says decrypt_failed (never {}) when a correctly signed body does not decrypt', () => {
    // Valid ciphertext, but of another key (the official doc vector): signed correctly, so only the decrypt can fail.
    const raw = JSON.stringify({ encrypt: vector('feishu_decrypt_official_doc').inputs.encrypt });
    const outcome = feishuAdapter.handleHttp(postRequest(raw, signedHeaders(raw, credentials.encryptKey)), { credentials, now: NOW });
    expect(outcome).toMatchObject({ kind: 'rejected', status: 400, code: 'decrypt_failed' });
  });

  it('says not_configured when an encrypted event reaches a tenant without an Encrypt Key', () => {
    const outcome = feishuAdapter.handleHttp(postRequest(message.expected.raw_body, goodHeaders), { credentials: { verificationToken }, now: NOW });
    expect(outcome).toMatchObject({ kind: 'rejected', status: 404, code: 'not_configured' });
  });

  it('verifies before decrypting: a tampered ciphertext under a good-looking body is bad_signature', () => {
    const raw = message.expected.raw_body.replace('AAECAwQF', 'AAECAwQG');
    expect(feishuAdapter.handleHttp(postRequest(raw, goodHeaders), { credentials, now: NOW })).toMatchObject({ status: 401, code: 'bad_signature' });
  });

  it('requires signature headers on an encrypted body that is not the url_verification handshake', () => {
    expect(feishuAdapter.handleHttp(postRequest(message.expected.raw_body), { credentials, now: NOW })).toMatchObject({
      status: 401,
      code: 'missing_signature',
    });
  });

  it('says not_configured when the tenant has neither an Encrypt Key nor a Verification Token', () => {
    const outcome = feishuAdapter.handleHttp(postRequest(payloadText('im.message.receive_v1.json')), { credentials: {}, now: NOW });
    expect(outcome).toMatchObject({ kind: 'rejected', status: 404, code: 'not_configured' });
  });

  it.each([
    ['broken JSON', '{"schema":"2.0",'],
    ['an empty body', ''],
    ['a JSON array', '[1,2]'],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0x7d])],
  ])('refuses %s with 400 malformed_body', (_name, body) => {
    expect(feishuAdapter.handleHttp(postRequest(body), { credentials, now: NOW })).toMatchObject({
      kind: 'rejected',
      status: 400,
      code: 'malformed_body',
      message: expect.any(String),
      messageZh: expect.any(String),
    });
  });

  it('refuses a v2 event whose header.token is not the Verification Token', () => {
    const outcome = feishuAdapter.handleHttp(signedPlain(JSON.parse(payloadText('im.message.receive_v1.json'))), {
      credentials: { ...credentials, verificationToken: 'not-the-token' },
      now: NOW,
    });
    expect(outcome).toMatchObject({ kind: 'rejected', status: 401, code: 'bad_token' });
  });

  it('checks the v1 envelope token when only a Verification Token is configured', () => {
    const v1 = { uuid: 'u-1', ts: '1700000000.123', token: 'vt', type: 'event_callback', event: { type: 'message', text: 'hi' } };
    expect(feishuAdapter.handleHttp(postRequest(JSON.stringify(v1)), { credentials: { verificationToken: 'other' }, now: NOW })).toMatchObject({
      code: 'bad_token',
    });
    const accepted = feishuAdapter.handleHttp(postRequest(JSON.stringify(v1)), { credentials: { verificationToken: 'vt' }, now: NOW });
    expect(accepted).toMatchObject({
      kind: 'events',
      events: [{ dedupKey: 'u-1', event: { kind: 'ignored', reason: 'unsupported Feishu v1 event type message' } }],
    });
  });

  it('refuses a receive_v1 without message_id with 400 missing_field naming the field', () => {
    const payload = JSON.parse(payloadText('im.message.receive_v1.json'));
    delete payload.event.message.message_id;
    const outcome = feishuAdapter.handleHttp(signedPlain(payload), { credentials: { encryptKey: credentials.encryptKey }, now: NOW });
    expect(outcome).toMatchObject({ kind: 'rejected', status: 400, code: 'missing_field', message: expect.stringContaining('event.message.message_id') });
  });

  it('refuses a v2 event without header.event_type with 400 missing_field', () => {
    const payload = JSON.parse(payloadText('vc.meeting.meeting_started_v1.json'));
    delete payload.header.event_type;
    const outcome = feishuAdapter.handleHttp(signedPlain(payload), { credentials: { encryptKey: credentials.encryptKey }, now: NOW });
    expect(outcome).toMatchObject({ status: 400, code: 'missing_field', message: expect.stringContaining('header.event_type') });
  });

  it('turns an unknown event type into an explicit ignored event', () => {
    const payload = JSON.parse(payloadText('im.message.message_read_v1.json'));
    const outcome = feishuAdapter.handleHttp(signedPlain(payload), { credentials: { encryptKey: credentials.encryptKey }, now: NOW });
    expect(outcome).toMatchObject({
      kind: 'events',
      events: [
        {
          dedupKey: `${payload.header.event_type}:${payload.header.event_id}`,
          vendorType: 'im.message.message_read_v1',
          event: { kind: 'ignored', reason: 'unsupported Feishu event type im.message.message_read_v1' },
        },
      ],
    });
  });
});
