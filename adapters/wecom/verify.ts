/**
 * WeCom request authentication: the `msg_signature` query parameter (constant-time compare) and the
 * freshness of `timestamp` against the injected clock. Also the decrypt step's mapping from WeCom's
 * official crypto error codes to our bilingual rejections.
 */
import { timingSafeEqual } from 'node:crypto';
import { reject, type Rejection } from '../contract.js';
import { decryptWecom, isValidEncodingAesKey, WecomCryptoCode, wecomSignature, type CryptoFailure, type Decrypted } from './crypto.js';

/** Requests whose `timestamp` is further than this from `now` (either way) are refused as replays. */
export const STALE_TIMESTAMP_WINDOW_MS = 5 * 60 * 1000;
const UNIX_SECONDS_PATTERN = /^\d{1,12}$/;

/** The tenant's WeCom app settings the inbound side needs. */
export interface WecomKeys {
  corpId: string;
  token: string;
  encodingAesKey: string;
}

const REQUIRED_KEYS = [
  ['corpId', 'WECOM_CORP_ID'],
  ['token', 'WECOM_TOKEN'],
  ['encodingAesKey', 'WECOM_ENCODING_AES_KEY'],
] as const;

/** The env-var names of the keys this tenant lacks (empty when all are set). */
export function missingKeys(credentials: Record<string, string>): string[] {
  return REQUIRED_KEYS.filter(([key]) => !credentials[key]).map(([, env]) => env);
}

export function readKeys(credentials: Record<string, string>): WecomKeys | Rejection {
  const missing = missingKeys(credentials);
  if (missing.length > 0) {
    return reject(404, 'not_configured', `WeCom is not configured for this tenant (missing ${missing.join(', ')}).`, `本租户未配置企业微信（缺少 ${missing.join('、')}）。`);
  }
  const keys = { corpId: credentials['corpId'] ?? '', token: credentials['token'] ?? '', encodingAesKey: credentials['encodingAesKey'] ?? '' };
  if (!isValidEncodingAesKey(keys.encodingAesKey)) {
    return reject(404, 'not_configured', `WECOM_ENCODING_AES_KEY must be 43 base64 characters (WeCom ${WecomCryptoCode.illegalAesKey}).`, `WECOM_ENCODING_AES_KEY 必须是 43 位 base64 字符（企业微信错误码 ${WecomCryptoCode.illegalAesKey}）。`);
  }
  return keys;
}

export interface SignedQuery {
  msgSignature: string;
  timestamp: string;
  nonce: string;
}

/** Read msg_signature / timestamp / nonce from the (already URL-decoded) query. */
export function readSignedQuery(query: Record<string, string>): SignedQuery | Rejection {
  const msgSignature = query['msg_signature'];
  if (!msgSignature) {
    return reject(401, 'missing_signature', 'Query parameter msg_signature is missing.', '缺少查询参数 msg_signature。');
  }
  for (const name of ['timestamp', 'nonce'] as const) {
    if (!query[name]) {
      return reject(400, 'missing_field', `Query parameter ${name} is missing.`, `缺少查询参数 ${name}。`);
    }
  }
  return { msgSignature, timestamp: query['timestamp'] ?? '', nonce: query['nonce'] ?? '' };
}

/** Constant-time check of sha1(sort(token, timestamp, nonce, data)) against msg_signature. */
export function signatureMatches(token: string, signed: SignedQuery, data: string): boolean {
  const expected = Buffer.from(wecomSignature(token, signed.timestamp, signed.nonce, data), 'utf8');
  const given = Buffer.from(signed.msgSignature, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function verifySignature(token: string, signed: SignedQuery, data: string): Rejection | null {
  if (signatureMatches(token, signed, data)) return null;
  return reject(
    401,
    'bad_signature',
    `msg_signature does not match (WeCom ${WecomCryptoCode.validateSignatureError}: check WECOM_TOKEN).`,
    `msg_signature 校验失败（企业微信错误码 ${WecomCryptoCode.validateSignatureError}，请检查 Token 配置）。`,
  );
}

export function verifyFreshness(timestamp: string, now: Date): Rejection | null {
  if (!UNIX_SECONDS_PATTERN.test(timestamp)) {
    return reject(400, 'malformed_body', 'Query parameter timestamp must be unix seconds.', '查询参数 timestamp 必须是 Unix 秒级时间戳。');
  }
  const skewMs = Math.abs(now.getTime() - Number(timestamp) * 1000);
  if (skewMs > STALE_TIMESTAMP_WINDOW_MS) {
    return reject(
      401,
      'stale_timestamp',
      `timestamp is more than ${STALE_TIMESTAMP_WINDOW_MS / 60_000} minutes away from server time (possible replay).`,
      `timestamp 与服务器时间相差超过 ${STALE_TIMESTAMP_WINDOW_MS / 60_000} 分钟（可能是重放请求）。`,
    );
  }
  return null;
}

function cryptoRejection(failure: CryptoFailure): Rejection {
  if (failure.code === WecomCryptoCode.validateReceiveIdError) {
    return reject(
      401,
      'wrong_receive_id',
      `Decrypted ReceiveId is not this tenant's CorpID (WeCom ${failure.code}: check WECOM_CORP_ID).`,
      `解密后的 ReceiveId 与本租户的 CorpID 不一致（企业微信错误码 ${failure.code}，请检查 CorpID 配置）。`,
    );
  }
  return reject(
    401,
    'decrypt_failed',
    `Could not decrypt the payload (WeCom ${failure.code}: ${failure.detail}; check WECOM_ENCODING_AES_KEY).`,
    `无法解密消息（企业微信错误码 ${failure.code}：${failure.code === WecomCryptoCode.illegalBuffer ? '非法缓冲区' : 'AES 解密失败'}，请检查 EncodingAESKey 配置）。`,
  );
}

/** Decrypt and check the ReceiveId, or the rejection to answer with. */
export function decryptOrReject(encrypt: string, encodingAesKey: string, corpId: string): Decrypted | Rejection {
  const result = decryptWecom(encrypt, encodingAesKey, corpId);
  return result.ok ? result : cryptoRejection(result);
}
