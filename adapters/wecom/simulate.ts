/**
 * Plays WeCom: turns a recorded plaintext callback XML into the exact POST WeCom would send —
 * encrypted with the tenant's EncodingAESKey (ReceiveId = CorpID, 32-byte PKCS#7, random prefix),
 * wrapped in the <xml><ToUserName/><Encrypt/><AgentID/></xml> envelope, signed into the query.
 * The recorded XML is encrypted verbatim: it is a recording, not a template.
 */
import { randomBytes } from 'node:crypto';
import type { InboundRequest } from '../contract.js';
import type { PlatformSimulator } from '../simulator.js';
import { encryptWecom, isValidEncodingAesKey, wecomSignature } from './crypto.js';
import { missingKeys } from './verify.js';
import { readXml, type XmlLabel } from './xml.js';

const RECORDING: XmlLabel = { en: 'The recorded payload', zh: '录制的消息' };
const NONCE_BYTES = 4;

function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** A recorded crypto test vector (e.g. wechatpy's encrypted_callback_vector.json), not a plaintext payload. */
function isCryptoVector(content: string): boolean {
  try {
    const parsed = JSON.parse(content) as Record<string, unknown>;
    return typeof parsed === 'object' && parsed !== null && 'encoding_aes_key' in parsed && 'body_xml' in parsed;
  } catch {
    return false;
  }
}

function isWecomPlaintext(content: string): boolean {
  const trimmed = content.trimStart();
  if (!trimmed.startsWith('<xml')) return false;
  const parsed = readXml(trimmed, RECORDING);
  return !('kind' in parsed) && typeof parsed.root['MsgType'] === 'string';
}

/**
 * Encrypt and sign `plaintextXml` as WeCom would. `random16` and `nonce` are injectable for tests;
 * `now` becomes the request timestamp.
 */
export function encryptedCallback(
  plaintextXml: string,
  keys: { corpId: string; token: string; encodingAesKey: string; agentId?: string },
  now: Date,
  options: { random16?: Buffer; nonce?: string } = {},
): InboundRequest {
  const encrypt = encryptWecom(plaintextXml, keys.encodingAesKey, keys.corpId, options.random16);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = options.nonce ?? String(randomBytes(NONCE_BYTES).readUInt32BE(0));
  const parsed = readXml(plaintextXml, RECORDING);
  const recordedAgentId = 'kind' in parsed ? undefined : parsed.root['AgentID'];
  const agentId = (typeof recordedAgentId === 'string' ? recordedAgentId : keys.agentId) ?? '';
  const body = `<xml><ToUserName>${cdata(keys.corpId)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt><AgentID>${cdata(agentId)}</AgentID></xml>`;
  return {
    method: 'POST',
    query: { msg_signature: wecomSignature(keys.token, timestamp, nonce, encrypt), timestamp, nonce },
    headers: { 'content-type': 'text/xml' },
    rawBody: Buffer.from(body, 'utf8'),
  };
}

export const wecomSimulator: PlatformSimulator = {
  platform: 'wecom',
  recognises(content) {
    return isCryptoVector(content) || isWecomPlaintext(content);
  },
  toRequest(content, credentials, now) {
    if (isCryptoVector(content)) return { skip: 'crypto test vector, not a payload' };
    const missing = missingKeys(credentials);
    if (missing.length > 0) return { skip: `tenant has no ${missing.join(', ')} configured` };
    const keys = {
      corpId: credentials['corpId'] ?? '',
      token: credentials['token'] ?? '',
      encodingAesKey: credentials['encodingAesKey'] ?? '',
      agentId: credentials['agentId'],
    };
    if (!isValidEncodingAesKey(keys.encodingAesKey)) return { skip: 'tenant WECOM_ENCODING_AES_KEY is not 43 base64 characters' };
    return encryptedCallback(content.trimStart(), keys, now);
  },
};
