/**
 * Which proof a Feishu request must carry, by shape (as the official SDK branches):
 *  - legacy card callback (plain, no schema): sha1 signature keyed with the Verification Token;
 *  - everything else when an Encrypt Key is configured: sha256 signature keyed with the Encrypt Key;
 *  - and, whenever a Verification Token is configured, the envelope's token must equal it
 *    (v2 `header.token`, v1 `token`; a legacy card's `token` is a card-update token, not this one).
 * A tenant with neither secret configured cannot authenticate anything and is refused.
 */
import { reject, type InboundRequest, type Rejection } from '../contract.js';
import type { FeishuEnvelope } from './envelope.js';
import { objectAt, stringAt, type JsonObject } from './payload-fields.js';
import { constantTimeEqual, verifyFeishuSignature } from './verify.js';

export interface FeishuSecrets {
  encryptKey?: string;
  verificationToken?: string;
}

/** Empty strings count as "not configured". */
export function feishuSecrets(credentials: Record<string, string>): FeishuSecrets {
  return {
    ...(credentials.encryptKey ? { encryptKey: credentials.encryptKey } : {}),
    ...(credentials.verificationToken ? { verificationToken: credentials.verificationToken } : {}),
  };
}

export function notConfigured(what: string, whatZh: string): Rejection {
  return reject(404, 'not_configured', `${what} is not configured for this tenant`, `该租户未配置${whatZh}`);
}

/** The signature gate for a plaintext (not `{encrypt}`) body, once its shape is known. */
export function checkPlainSignature(
  request: InboundRequest,
  envelope: FeishuEnvelope,
  secrets: FeishuSecrets,
  now: Date,
): Rejection | undefined {
  const { encryptKey, verificationToken } = secrets;
  if (envelope === 'legacy_card') {
    if (verificationToken === undefined) {
      return notConfigured('the Verification Token (legacy card callbacks are signed with it)', ' Verification Token（旧版卡片回调用它签名）');
    }
    return verifyFeishuSignature(request, 'sha1', verificationToken, now);
  }
  if (encryptKey !== undefined) return verifyFeishuSignature(request, 'sha256', encryptKey, now);
  if (verificationToken === undefined) return notConfigured('a Feishu Encrypt Key or Verification Token', '飞书 Encrypt Key 或 Verification Token');
  return undefined;
}

function envelopeToken(payload: JsonObject, envelope: FeishuEnvelope): string | undefined {
  return envelope === 'v2' ? stringAt(objectAt(payload, 'header'), 'token') : stringAt(payload, 'token');
}

/** v2 `header.token` / v1 `token` must equal the Verification Token when one is configured. */
export function checkToken(payload: JsonObject, envelope: FeishuEnvelope, verificationToken: string | undefined): Rejection | undefined {
  if (verificationToken === undefined || envelope === 'legacy_card') return undefined;
  if (constantTimeEqual(envelopeToken(payload, envelope) ?? '', verificationToken)) return undefined;
  return reject(401, 'bad_token', 'the event token does not match the Verification Token', '事件 token 与 Verification Token 不一致');
}
