/**
 * Authentication of the call-record webhook (contract in ./index.ts):
 *   X-Salesbeat-Timestamp: <unix seconds>
 *   X-Salesbeat-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>
 * Constant-time compare over the raw body bytes; the timestamp must be within 5 minutes of `now`.
 * Several `v1=` values may be sent comma-separated (secret rotation): any match is enough.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { reject, type Rejection } from '../contract.js';

export const TIMESTAMP_HEADER = 'x-salesbeat-timestamp';
export const SIGNATURE_HEADER = 'x-salesbeat-signature';
export const SIGNATURE_SCHEME = 'v1';
/** Requests whose timestamp is further than this from `now` (either way) are refused as replays. */
export const STALE_TIMESTAMP_WINDOW_MS = 5 * 60 * 1000;
const UNIX_SECONDS_PATTERN = /^\d{1,12}$/;
const HEX_SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** hex HMAC-SHA256(secret, timestamp + "." + rawBody) — what a sender computes. */
export function callsSignature(secret: string, timestamp: string, rawBody: Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(rawBody).digest('hex');
}

function signaturesIn(header: string): string[] {
  return header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${SIGNATURE_SCHEME}=`))
    .map((part) => part.slice(SIGNATURE_SCHEME.length + 1).toLowerCase());
}

export function verifyCallsRequest(
  headers: Record<string, string | undefined>,
  rawBody: Buffer,
  secret: string,
  now: Date,
): Rejection | null {
  const timestamp = headers[TIMESTAMP_HEADER];
  const signatureHeader = headers[SIGNATURE_HEADER];
  if (!timestamp || !signatureHeader) {
    return reject(
      401,
      'missing_signature',
      'Headers X-Salesbeat-Timestamp and X-Salesbeat-Signature are required.',
      '缺少请求头 X-Salesbeat-Timestamp 或 X-Salesbeat-Signature。',
    );
  }
  if (!UNIX_SECONDS_PATTERN.test(timestamp)) {
    return reject(401, 'bad_signature', 'X-Salesbeat-Timestamp must be unix seconds.', 'X-Salesbeat-Timestamp 必须是 Unix 秒级时间戳。');
  }
  const candidates = signaturesIn(signatureHeader).filter((s) => HEX_SHA256_PATTERN.test(s));
  if (candidates.length === 0) {
    return reject(401, 'bad_signature', 'X-Salesbeat-Signature must look like v1=<64 hex digits>.', 'X-Salesbeat-Signature 格式应为 v1=<64 位十六进制>。');
  }
  const expected = Buffer.from(callsSignature(secret, timestamp, rawBody), 'utf8');
  // Compare against every candidate (no early exit) so timing says nothing about which one matched.
  let matched = false;
  for (const candidate of candidates) {
    matched = timingSafeEqual(Buffer.from(candidate, 'utf8'), expected) || matched;
  }
  if (!matched) {
    return reject(
      401,
      'bad_signature',
      'X-Salesbeat-Signature does not match HMAC-SHA256(secret, timestamp + "." + raw body): check CALLS_WEBHOOK_SECRET and sign the exact bytes sent.',
      'X-Salesbeat-Signature 校验失败：应为 HMAC-SHA256(密钥, 时间戳 + "." + 原始请求体)，请检查 CALLS_WEBHOOK_SECRET 并对实际发送的字节签名。',
    );
  }
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > STALE_TIMESTAMP_WINDOW_MS) {
    return reject(
      401,
      'stale_timestamp',
      `X-Salesbeat-Timestamp is more than ${STALE_TIMESTAMP_WINDOW_MS / 60_000} minutes away from server time (possible replay).`,
      `X-Salesbeat-Timestamp 与服务器时间相差超过 ${STALE_TIMESTAMP_WINDOW_MS / 60_000} 分钟（可能是重放请求）。`,
    );
  }
  return null;
}
