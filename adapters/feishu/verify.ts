/**
 * Feishu request signatures, computed over the RAW body bytes (never a re-serialisation) and compared
 * in constant time. Events and schema-2.0 card callbacks: sha256(timestamp + nonce + encrypt_key + body).
 * Legacy card callbacks (card.action.trigger_v1): sha1(timestamp + nonce + verification_token + body).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { reject, type InboundRequest, type Rejection } from '../contract.js';

/** Requests whose X-Lark-Request-Timestamp is further than this from our clock are refused (replay window). */
export const STALE_TIMESTAMP_WINDOW_MS = 5 * 60 * 1000;

const WINDOW_MINUTES = STALE_TIMESTAMP_WINDOW_MS / 60_000;

export const TIMESTAMP_HEADER = 'x-lark-request-timestamp';
export const NONCE_HEADER = 'x-lark-request-nonce';
export const SIGNATURE_HEADER = 'x-lark-signature';

export type SignatureScheme = 'sha256' | 'sha1';

export function feishuSignature(scheme: SignatureScheme, timestamp: string, nonce: string, secret: string, rawBody: Buffer): string {
  return createHash(scheme).update(timestamp + nonce + secret, 'utf8').update(rawBody).digest('hex');
}

/** Constant-time equality of two strings (length is not secret). */
export function constantTimeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function missingSignature(): Rejection {
  return reject(
    401,
    'missing_signature',
    'X-Lark-Request-Timestamp, X-Lark-Request-Nonce and X-Lark-Signature headers are required',
    '缺少 X-Lark-Request-Timestamp、X-Lark-Request-Nonce 或 X-Lark-Signature 请求头',
  );
}

/** undefined when the request is signed with `secret` inside the replay window; otherwise the rejection. */
export function verifyFeishuSignature(
  request: InboundRequest,
  scheme: SignatureScheme,
  secret: string,
  now: Date,
): Rejection | undefined {
  const timestamp = request.headers[TIMESTAMP_HEADER];
  const nonce = request.headers[NONCE_HEADER];
  const signature = request.headers[SIGNATURE_HEADER];
  if (!timestamp || !nonce || !signature) return missingSignature();
  const sentAtMs = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) * 1000 : Number.NaN;
  if (!(Math.abs(now.getTime() - sentAtMs) <= STALE_TIMESTAMP_WINDOW_MS)) {
    return reject(
      401,
      'stale_timestamp',
      `X-Lark-Request-Timestamp is not within ${WINDOW_MINUTES} minutes of the server clock`,
      `X-Lark-Request-Timestamp 与服务器时间相差超过 ${WINDOW_MINUTES} 分钟`,
    );
  }
  const expected = feishuSignature(scheme, timestamp, nonce, secret, request.rawBody);
  if (!constantTimeEqual(signature.toLowerCase(), expected)) {
    return reject(401, 'bad_signature', 'X-Lark-Signature does not match the request body', 'X-Lark-Signature 签名与请求体不匹配');
  }
  return undefined;
}
