/**
 * wecomSimulator: recorded plaintext XML → the POST WeCom would send. The encryption itself is pinned by
 * the vectors in crypto.contract.test.ts; here we check the request shape and that the adapter accepts it.
 */
import { describe, expect, it } from 'vitest';
import type { InboundRequest } from '../../../adapters/contract.js';
import { wecomAdapter, wecomSimulator } from '../../../adapters/wecom/index.js';
import { encryptedCallback } from '../../../adapters/wecom/simulate.js';
import { payloadFiles, readPayload, str, vector } from './wecom-vectors.js';

const v = vector('wecom_encrypt_chinese_text_own');
const credentials = { corpId: v.inputs.receive_id, agentId: '1000002', token: str(v.inputs, 'token'), encodingAesKey: v.inputs.encoding_aes_key };
const now = new Date('2026-03-02T09:00:00Z');

function request(content: string): InboundRequest {
  const result = wecomSimulator.toRequest(content, credentials, now);
  if ('skip' in result) throw new Error(`skipped: ${result.skip}`);
  return result;
}

describe('wecomSimulator', () => {
  it('recognises every recorded WeCom file and nothing JSON-shaped from other platforms', () => {
    for (const file of payloadFiles()) expect(wecomSimulator.recognises(readPayload(file))).toBe(true);
    expect(wecomSimulator.recognises('{"schema":"2.0","header":{"event_type":"im.message.receive_v1"}}')).toBe(false);
    expect(wecomSimulator.recognises('<rss><channel/></rss>')).toBe(false);
  });

  it.each(payloadFiles().filter((f) => f.endsWith('.xml')))('%s → a POST the adapter accepts, carrying the recording verbatim', (file) => {
    const content = readPayload(file);
    const req = request(content);
    expect(req.method).toBe('POST');
    expect(req.query['timestamp']).toBe(String(now.getTime() / 1000));
    expect(req.rawBody.toString('utf8')).toMatch(/^<xml><ToUserName><!\[CDATA\[ww1436e0e65a779aee\]\]><\/ToUserName><Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt><AgentID>/);
    const outcome = wecomAdapter.handleHttp(req, { credentials, now });
    expect(outcome.kind).toBe('events');
    expect(outcome.kind === 'events' && outcome.events[0]?.raw).toBe(content.trimStart());
  });

  it('with an injected random prefix and nonce it produces the published ciphertext and signature', () => {
    const req = encryptedCallback(str(v.inputs, 'plaintext'), credentials, new Date(Number(v.inputs.timestamp) * 1000), {
      random16: Buffer.from(str(v.inputs, 'random_16_bytes_ascii'), 'ascii'),
      nonce: str(v.inputs, 'nonce'),
    });
    expect(req.rawBody.toString('utf8')).toContain(`<![CDATA[${str(v.expected, 'encrypt')}]]>`);
    expect(req.query).toEqual({ msg_signature: v.expected['msg_signature'], timestamp: v.inputs.timestamp, nonce: v.inputs.nonce });
  });

  it('skips the crypto test vector file', () => {
    expect(wecomSimulator.toRequest(readPayload('encrypted_callback_vector.json'), credentials, now)).toEqual({ skip: 'crypto test vector, not a payload' });
  });

  it('skips when the tenant has no WeCom keys, naming the env vars', () => {
    expect(wecomSimulator.toRequest(readPayload('text_message.xml'), { corpId: 'ww1' }, now)).toEqual({
      skip: 'tenant has no WECOM_TOKEN, WECOM_ENCODING_AES_KEY configured',
    });
  });
});
