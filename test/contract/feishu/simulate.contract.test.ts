import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { InboundRequest } from '../../../adapters/contract.js';
import { decryptFeishu } from '../../../adapters/feishu/decrypt.js';
import { feishuAdapter } from '../../../adapters/feishu/index.js';
import { feishuSimulator } from '../../../adapters/feishu/simulate.js';
import { NOW, payloadFiles, payloadText, vector } from './feishu-test-data.js';

const credentials = { encryptKey: 'tenant-ek', verificationToken: 'tenant-vt' };

function request(content: string, creds: Record<string, string> = credentials): InboundRequest {
  const built = feishuSimulator.toRequest(content, creds, NOW);
  if ('skip' in built) throw new Error(built.skip);
  return built;
}

/** Independent check of the simulator's signature with node:crypto. */
function expectedSignature(req: InboundRequest, algorithm: 'sha256' | 'sha1', secret: string): string {
  const { 'x-lark-request-timestamp': ts, 'x-lark-request-nonce': nonce } = req.headers;
  return createHash(algorithm).update(`${ts}${nonce}${secret}`).update(req.rawBody).digest('hex');
}

describe('feishuSimulator', () => {
  it('recognises every Feishu payload file and no DingTalk or WeCom one', () => {
    for (const file of payloadFiles('feishu')) expect(feishuSimulator.recognises(payloadText(file)), file).toBe(true);
    for (const platform of ['dingtalk', 'wecom']) {
      for (const file of payloadFiles(platform)) expect(feishuSimulator.recognises(payloadText(file, platform)), file).toBe(false);
    }
  });

  it('encrypts with a fresh IV, puts the tenant token in header.token and signs with the Encrypt Key at `now`', () => {
    const content = payloadText('im.message.receive_v1.json');
    const first = request(content);
    const second = request(content);
    expect(first.rawBody.equals(second.rawBody)).toBe(false);
    expect(first.headers['x-lark-request-timestamp']).toBe(String(NOW.getTime() / 1000));
    expect(first.headers['x-lark-signature']).toBe(expectedSignature(first, 'sha256', credentials.encryptKey));
    const body = JSON.parse(first.rawBody.toString('utf8'));
    expect(Object.keys(body)).toEqual(['encrypt']);
    const decrypted = decryptFeishu(body.encrypt, credentials.encryptKey);
    if (!decrypted.ok) throw new Error(decrypted.reason);
    const original = JSON.parse(content);
    expect(JSON.parse(decrypted.plaintext)).toEqual({ ...original, header: { ...original.header, token: credentials.verificationToken } });
  });

  it('sends plain JSON with the recorded fields when the tenant has no Encrypt Key', () => {
    const req = request(payloadText('im.message.receive_v1.json'), { verificationToken: 'tenant-vt' });
    expect(JSON.parse(req.rawBody.toString('utf8')).header.token).toBe('tenant-vt');
    expect(req.headers['x-lark-signature']).toBeUndefined();
  });

  it('sends url_verification without signature headers, and the webhook answers the challenge', () => {
    const { inputs, expected } = vector('feishu_url_verification_plain_sdk_test');
    const req = request(JSON.stringify(inputs.body));
    expect(req.headers['x-lark-signature']).toBeUndefined();
    const outcome = feishuAdapter.handleHttp(req, { credentials, now: NOW });
    expect(outcome.kind).toBe('handshake');
    if (outcome.kind === 'handshake') expect(JSON.parse(outcome.reply.body)).toEqual(expected.response_body);
  });

  it('signs a legacy card callback with sha1 and the Verification Token, unencrypted, card token untouched', () => {
    const { inputs } = vector('feishu_legacy_card_callback_sha1_own');
    const req = request(inputs.raw_body);
    expect(req.rawBody.toString('utf8')).toBe(inputs.raw_body);
    expect(req.headers['x-lark-signature']).toBe(expectedSignature(req, 'sha1', credentials.verificationToken));
    expect(feishuAdapter.handleHttp(req, { credentials, now: NOW })).toMatchObject({ kind: 'events', events: [{ event: { kind: 'card.action' } }] });
  });

  it('skips non-request files with a reason', () => {
    expect(feishuSimulator.toRequest(payloadText('card.action.trigger.response.toast_and_raw_card.json'), credentials, NOW)).toEqual({
      skip: expect.stringContaining('response'),
    });
    expect(feishuSimulator.toRequest(payloadText('encrypt_key_vector.json'), credentials, NOW)).toEqual({ skip: expect.stringContaining('vector') });
    expect(feishuSimulator.toRequest('not json', credentials, NOW)).toEqual({ skip: expect.any(String) });
  });
});
