/**
 * WeCom URL verification: `GET ?msg_signature&timestamp&nonce&echostr` when the callback URL is saved.
 * The HTTP layer has URL-decoded the query once; the signature covers that decoded echostr. We answer
 * with the decrypted plaintext exactly as-is: text/plain, no quotes, no BOM, no newline (PITFALLS 18).
 */
import { reject, type InboundOutcome } from '../contract.js';
import { decryptOrReject, readSignedQuery, verifyFreshness, verifySignature, type WecomKeys } from './verify.js';

export const PLAIN_TEXT = 'text/plain';

export function handleUrlVerification(query: Record<string, string>, keys: WecomKeys, now: Date): InboundOutcome {
  const signed = readSignedQuery(query);
  if ('kind' in signed) return signed;
  const echostr = query['echostr'];
  if (!echostr) {
    return reject(400, 'missing_field', 'Query parameter echostr is missing (URL verification).', '缺少查询参数 echostr（URL 验证请求）。');
  }
  const badSignature = verifySignature(keys.token, signed, echostr);
  if (badSignature) return badSignature;
  const stale = verifyFreshness(signed.timestamp, now);
  if (stale) return stale;
  const decrypted = decryptOrReject(echostr, keys.encodingAesKey, keys.corpId);
  if ('kind' in decrypted) return decrypted;
  return { kind: 'handshake', reply: { status: 200, contentType: PLAIN_TEXT, body: decrypted.message } };
}
