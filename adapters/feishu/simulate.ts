/**
 * Builds exactly what Feishu would POST for a recorded payload file: the tenant's Verification Token in
 * the envelope, `{encrypt}` with a random IV when an Encrypt Key is configured, and X-Lark-* signature
 * headers dated `now`. Files that are not inbound requests (response samples, crypto vectors) are skipped.
 */
import { randomBytes } from 'node:crypto';
import type { InboundRequest } from '../contract.js';
import type { PlatformSimulator } from '../simulator.js';
import { encryptFeishu, parseObject } from './decrypt.js';
import { feishuEnvelope, type FeishuEnvelope } from './envelope.js';
import { feishuSecrets } from './authenticate.js';
import { isObject, objectAt, stringAt, type JsonObject } from './payload-fields.js';
import { feishuSignature, NONCE_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './verify.js';

type FileKind = FeishuEnvelope | 'callback_response' | 'crypto_vector';

function fileKind(payload: JsonObject): FileKind | undefined {
  if (typeof payload.encrypt_key === 'string' && typeof objectAt(payload, 'body')?.encrypt === 'string') return 'crypto_vector';
  const card = objectAt(payload, 'card');
  if (isObject(payload.toast) || (card !== undefined && (card.type === 'raw' || card.type === 'template'))) return 'callback_response';
  const envelope = feishuEnvelope(payload);
  if (envelope === 'v2' && stringAt(objectAt(payload, 'header'), 'event_type') === undefined) return undefined;
  if (envelope === 'v1' && payload.type !== 'event_callback') return undefined;
  if (envelope === 'legacy_card' && stringAt(payload, 'open_message_id') === undefined) return undefined;
  return envelope === 'unknown' ? undefined : envelope;
}

const skipReasons: Partial<Record<FileKind, string>> = {
  callback_response: 'a card callback *response* sample (what salesbeat answers), not an inbound request',
  crypto_vector: 'an encryption test vector, not an inbound event',
};

/** The recorded payload with the tenant's Verification Token where Feishu puts it (not in legacy cards: theirs is a card token). */
function withTenantToken(payload: JsonObject, kind: FileKind, verificationToken: string | undefined): JsonObject {
  if (verificationToken === undefined || kind === 'legacy_card') return payload;
  if (kind === 'v2') return { ...payload, header: { ...objectAt(payload, 'header'), token: verificationToken } };
  return { ...payload, token: verificationToken };
}

function toRequest(content: string, credentials: Record<string, string>, now: Date): InboundRequest | { skip: string } {
  const payload = parseObject(content);
  const kind = payload === undefined ? undefined : fileKind(payload);
  if (payload === undefined || kind === undefined) return { skip: 'not a Feishu payload' };
  const skip = skipReasons[kind];
  if (skip !== undefined) return { skip };

  const { encryptKey, verificationToken } = feishuSecrets(credentials);
  const plaintext = JSON.stringify(withTenantToken(payload, kind, verificationToken));
  const encrypt = encryptKey !== undefined && kind !== 'legacy_card';
  const rawBody = Buffer.from(encrypt ? JSON.stringify({ encrypt: encryptFeishu(plaintext, encryptKey) }) : plaintext, 'utf8');

  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  // The url_verification POST carries no signature headers.
  if (kind !== 'url_verification') {
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const nonce = randomBytes(8).toString('hex');
    const signingSecret = kind === 'legacy_card' ? verificationToken : encryptKey;
    headers[TIMESTAMP_HEADER] = timestamp;
    headers[NONCE_HEADER] = nonce;
    if (signingSecret !== undefined) {
      headers[SIGNATURE_HEADER] = feishuSignature(kind === 'legacy_card' ? 'sha1' : 'sha256', timestamp, nonce, signingSecret, rawBody);
    }
  }
  return { method: 'POST', query: {}, headers, rawBody };
}

export const feishuSimulator: PlatformSimulator = {
  platform: 'feishu',
  recognises: (content) => {
    const payload = parseObject(content);
    return payload !== undefined && fileKind(payload) !== undefined;
  },
  toRequest,
};
