/**
 * The request-URL handshake: Feishu POSTs `{type:"url_verification", challenge, token}` (encrypted when an
 * Encrypt Key is set) WITHOUT signature headers and wants `{"challenge": …}` back within 1 s.
 */
import { reject, type InboundOutcome } from '../contract.js';
import { stringAt, type JsonObject } from './payload-fields.js';
import { constantTimeEqual } from './verify.js';

export function answerUrlVerification(payload: JsonObject, verificationToken: string | undefined): InboundOutcome {
  if (verificationToken !== undefined && !constantTimeEqual(stringAt(payload, 'token') ?? '', verificationToken)) {
    return reject(401, 'bad_token', 'url_verification token does not match the Verification Token', 'url_verification 的 token 与 Verification Token 不一致');
  }
  const challenge = stringAt(payload, 'challenge');
  if (challenge === undefined) {
    return reject(400, 'missing_field', 'url_verification without "challenge"', 'url_verification 缺少 challenge 字段');
  }
  return {
    kind: 'handshake',
    reply: { status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ challenge }) },
  };
}
