import { describe, expect, it } from 'vitest';
import type { InboundOutcome } from '../../../adapters/contract.js';
import { decryptFeishu, encryptFeishu } from '../../../adapters/feishu/decrypt.js';
import { feishuAdapter } from '../../../adapters/feishu/index.js';
import { NOW, payloadText, postRequest, vector } from './feishu-test-data.js';

function events(outcome: InboundOutcome) {
  if (outcome.kind !== 'events') throw new Error(`expected events, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('Feishu decrypt (official vectors)', () => {
  it('decrypts the official doc vector to "hello world"', () => {
    const { inputs, expected } = vector('feishu_decrypt_official_doc');
    expect(decryptFeishu(inputs.encrypt, inputs.encrypt_key)).toEqual({ ok: true, plaintext: expected.plaintext });
  });

  it('decrypts the recorded encrypt_key_vector.json payload', () => {
    const file = JSON.parse(payloadText('encrypt_key_vector.json'));
    expect(decryptFeishu(file.body.encrypt, file.encrypt_key)).toEqual({ ok: true, plaintext: file.expected_plaintext });
  });

  it('refuses the doc vector under a wrong key instead of returning garbage', () => {
    const { inputs } = vector('feishu_decrypt_official_doc');
    expect(decryptFeishu(inputs.encrypt, 'wrong key').ok).toBe(false);
  });

  it('encrypts with a fixed IV exactly as the signed message vector', () => {
    const { inputs, expected } = vector('feishu_signed_encrypted_message_event_own');
    expect(encryptFeishu(inputs.plaintext, inputs.encrypt_key, Buffer.from(inputs.iv_hex, 'hex'))).toBe(expected.encrypt);
  });
});

describe('Feishu url_verification', () => {
  it('answers the encrypted challenge without signature headers', () => {
    const { inputs, expected } = vector('feishu_url_verification_encrypted_sdk_test');
    const token = JSON.parse(expected.decrypted_plaintext).token as string;
    const outcome = feishuAdapter.handleHttp(postRequest(JSON.stringify(inputs.body)), {
      credentials: { encryptKey: inputs.encrypt_key, verificationToken: token },
      now: NOW,
    });
    expect(outcome.kind).toBe('handshake');
    if (outcome.kind !== 'handshake') return;
    expect(outcome.reply.status).toBe(200);
    expect(outcome.reply.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(outcome.reply.body)).toEqual(expected.response_body);
    expect(decryptFeishu(inputs.body.encrypt, inputs.encrypt_key)).toEqual({ ok: true, plaintext: expected.decrypted_plaintext });
  });

  it('answers the plain challenge', () => {
    const { inputs, expected } = vector('feishu_url_verification_plain_sdk_test');
    const outcome = feishuAdapter.handleHttp(postRequest(JSON.stringify(inputs.body)), { credentials: {}, now: NOW });
    expect(outcome.kind).toBe('handshake');
    if (outcome.kind === 'handshake') expect(JSON.parse(outcome.reply.body)).toEqual(expected.response_body);
  });

  it('refuses a challenge whose token is not the tenant Verification Token', () => {
    const { inputs } = vector('feishu_url_verification_encrypted_sdk_test');
    const outcome = feishuAdapter.handleHttp(postRequest(JSON.stringify(inputs.body)), {
      credentials: { encryptKey: inputs.encrypt_key, verificationToken: 'another-token' },
      now: NOW,
    });
    expect(outcome).toMatchObject({ kind: 'rejected', status: 401, code: 'bad_token' });
  });

  it('says decrypt_failed when the challenge was encrypted under another key', () => {
    const { inputs } = vector('feishu_url_verification_encrypted_sdk_test');
    const outcome = feishuAdapter.handleHttp(postRequest(JSON.stringify(inputs.body)), { credentials: { encryptKey: 'not-the-key' }, now: NOW });
    expect(outcome).toMatchObject({ kind: 'rejected', status: 400, code: 'decrypt_failed' });
  });
});

describe('Feishu signed + encrypted message event', () => {
  const { inputs, expected } = vector('feishu_signed_encrypted_message_event_own');
  const plaintext = JSON.parse(inputs.plaintext);
  const credentials = { encryptKey: inputs.encrypt_key, verificationToken: plaintext.header.token as string };
  const headers = { ...inputs.headers, 'X-Lark-Signature': expected['X-Lark-Signature'] };

  it('verifies, decrypts and parses to message.received keyed on message_id', () => {
    const outcome = events(feishuAdapter.handleHttp(postRequest(expected.raw_body, headers), { credentials, now: NOW }));
    expect(outcome.reply).toEqual({ status: 200, contentType: expect.stringMatching(/^application\/json/), body: '{}' });
    expect(outcome.events).toHaveLength(1);
    const [event] = outcome.events;
    expect(event!.dedupKey).toBe(expected.dispatched_message_id);
    expect(event!.dedupKey).toBe(plaintext.event.message.message_id);
    expect(event!.vendorType).toBe(plaintext.header.event_type);
    expect(event!.raw).toBe(inputs.plaintext);
    expect(event!.event).toMatchObject({
      kind: 'message.received',
      messageId: plaintext.event.message.message_id,
      chat: { id: plaintext.event.message.chat_id, type: 'group' },
      sender: { ids: plaintext.event.sender.sender_id },
      text: JSON.parse(plaintext.event.message.content).text,
      contentType: 'text',
      toBot: false,
      occurredAt: new Date(Number(plaintext.event.message.create_time)).toISOString(),
    });
  });

  it('gives the same dedup key when Feishu delivers it twice', () => {
    const first = events(feishuAdapter.handleHttp(postRequest(expected.raw_body, headers), { credentials, now: NOW }));
    const again = events(feishuAdapter.handleHttp(postRequest(expected.raw_body, headers), { credentials, now: new Date(NOW.getTime() + 15_000) }));
    expect(again.events[0]!.dedupKey).toBe(first.events[0]!.dedupKey);
  });

  it('accepts the pretty-printed body whose signature covers the raw bytes (the SDK wrongly rejects it)', () => {
    const pitfall = vector('feishu_signature_raw_body_vs_reserialized_pitfall');
    const outcome = feishuAdapter.handleHttp(postRequest(pitfall.inputs.raw_body, pitfall.inputs.headers), {
      credentials: { encryptKey: pitfall.inputs.encrypt_key, verificationToken: credentials.verificationToken },
      now: NOW,
    });
    expect(events(outcome).events[0]!.dedupKey).toBe(expected.dispatched_message_id);
  });

  it('refuses the re-serialised body under the raw-body signature', () => {
    const pitfall = vector('feishu_signature_raw_body_vs_reserialized_pitfall');
    const reserialised = JSON.stringify(JSON.parse(pitfall.inputs.raw_body));
    const outcome = feishuAdapter.handleHttp(postRequest(reserialised, pitfall.inputs.headers), { credentials, now: NOW });
    expect(outcome).toMatchObject({ kind: 'rejected', status: 401, code: 'bad_signature' });
  });
});

describe('Feishu card callbacks', () => {
  it('accepts the schema 2.0 card.action.trigger signed with the Encrypt Key and answers {}', () => {
    const { inputs, expected } = vector('feishu_card_action_trigger_v2_signed_own');
    const body = JSON.parse(inputs.raw_body);
    const outcome = events(
      feishuAdapter.handleHttp(postRequest(inputs.raw_body, { ...inputs.headers, 'X-Lark-Signature': expected['X-Lark-Signature'] }), {
        credentials: { encryptKey: inputs.encrypt_key, verificationToken: body.header.token },
        now: NOW,
      }),
    );
    expect(outcome.reply.body).toBe('{}');
    expect(outcome.events[0]!.dedupKey).toBe(`card.action.trigger:${body.header.event_id}`);
    expect(outcome.events[0]!.event).toEqual({
      kind: 'card.action',
      occurredAt: expect.any(String),
      operator: { ids: body.event.operator, external: false },
      value: expected.handler_sees_action_value,
      cardRef: { open_message_id: body.event.context.open_message_id, open_chat_id: body.event.context.open_chat_id, token: body.event.token },
    });
  });

  it('accepts the legacy card.action.trigger_v1 signed with sha1 and the Verification Token', () => {
    const { inputs, expected } = vector('feishu_legacy_card_callback_sha1_own');
    const body = JSON.parse(inputs.raw_body);
    const headers = { ...inputs.headers, 'X-Lark-Signature': expected['X-Lark-Signature'] };
    const tenants: Array<Record<string, string>> = [
      { verificationToken: inputs.verification_token },
      { verificationToken: inputs.verification_token, encryptKey: 'some-encrypt-key' },
    ];
    for (const credentials of tenants) {
      const outcome = events(feishuAdapter.handleHttp(postRequest(inputs.raw_body, headers), { credentials, now: NOW }));
      expect(outcome.events[0]!.vendorType).toBe('card.action.trigger_v1');
      expect(outcome.events[0]!.event).toMatchObject({
        kind: 'card.action',
        occurredAt: NOW.toISOString(),
        operator: { ids: { open_id: body.open_id } },
        value: body.action.value,
        cardRef: { open_message_id: body.open_message_id, token: body.token },
      });
    }
  });

  it('refuses the legacy callback under a wrong Verification Token or without one', () => {
    const { inputs, expected } = vector('feishu_legacy_card_callback_sha1_own');
    const request = postRequest(inputs.raw_body, { ...inputs.headers, 'X-Lark-Signature': expected['X-Lark-Signature'] });
    expect(feishuAdapter.handleHttp(request, { credentials: { verificationToken: 'other' }, now: NOW })).toMatchObject({ code: 'bad_signature' });
    expect(feishuAdapter.handleHttp(request, { credentials: { encryptKey: inputs.verification_token }, now: NOW })).toMatchObject({
      status: 404,
      code: 'not_configured',
    });
  });
});
