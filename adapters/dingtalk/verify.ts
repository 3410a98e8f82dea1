/**
 * The two ways DingTalk proves a request is its own:
 *  - event subscription callback: query `signature|msg_signature`, `timestamp|timeStamp`, `nonce`;
 *    sha1 over the sorted [token, timestamp, nonce, encrypt] (the `encrypt` string exactly as it sits in the body);
 *  - robot message callback (消息接收地址): headers `timestamp` (ms) and
 *    `sign` = base64(HmacSHA256(key = appSecret, timestamp + "\n" + appSecret)). DingTalk's doc: a timestamp more
 *    than 1 hour away from the server clock is an illegal request. This scheme does not cover the body (vendor design).
 * Every comparison is constant time; the clock is the injected `now`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { reject, type Rejection } from '../contract.js';
import { callbackSignature } from './crypto.js';

/** Stale-timestamp window for event subscription callbacks. */
export const STALE_TIMESTAMP_MS = 5 * 60 * 1000;
/** Window DingTalk documents for the robot callback's `timestamp` header (相差1小时以上则认为是非法的请求). */
export const ROBOT_SIGN_WINDOW_MS = 60 * 60 * 1000;
/** Up to this many digits a timestamp is read as seconds, above it as milliseconds. */
const MAX_SECONDS_DIGITS = 10;

export interface CallbackQuery {
  signature: string;
  timestamp: string;
  nonce: string;
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

/** Milliseconds since the epoch, or null when `value` is not a plain decimal timestamp. */
export function parseTimestampMs(value: string): number | null {
  if (!/^\d{1,16}$/.test(value)) return null;
  const n = Number(value);
  return value.length <= MAX_SECONDS_DIGITS ? n * 1000 : n;
}

/** True when the event subscription query carries a signature (the event-callback shape). */
export function hasCallbackSignature(query: Record<string, string>): boolean {
  return Boolean(query.signature ?? query.msg_signature);
}

export function readCallbackQuery(query: Record<string, string>): CallbackQuery | Rejection {
  const signature = query.signature ?? query.msg_signature;
  const timestamp = query.timestamp ?? query.timeStamp;
  const nonce = query.nonce;
  if (!signature) {
    return reject(401, 'missing_signature', 'query parameter signature (or msg_signature) is missing', '缺少查询参数 signature（或 msg_signature）');
  }
  if (!timestamp) return reject(400, 'missing_field', 'query parameter timestamp is missing', '缺少查询参数 timestamp');
  if (!nonce) return reject(400, 'missing_field', 'query parameter nonce is missing', '缺少查询参数 nonce');
  return { signature, timestamp, nonce };
}

function checkWindow(timestamp: string, now: Date, windowMs: number): Rejection | null {
  const ms = parseTimestampMs(timestamp);
  if (ms === null) {
    return reject(401, 'stale_timestamp', 'timestamp is not a decimal epoch time', 'timestamp 不是十进制时间戳');
  }
  if (Math.abs(now.getTime() - ms) > windowMs) {
    const minutes = Math.round(windowMs / 60_000);
    return reject(
      401,
      'stale_timestamp',
      `timestamp is more than ${minutes} minutes away from the server clock`,
      `timestamp 与服务器时间相差超过 ${minutes} 分钟`,
    );
  }
  return null;
}

export function verifyCallback(query: CallbackQuery, encrypt: string, token: string, now: Date): Rejection | null {
  const expected = callbackSignature(token, query.timestamp, query.nonce, encrypt);
  if (!constantTimeEqual(query.signature.toLowerCase(), expected)) {
    return reject(401, 'bad_signature', 'callback signature does not match', '回调签名校验失败');
  }
  return checkWindow(query.timestamp, now, STALE_TIMESTAMP_MS);
}

export function robotSign(timestamp: string, clientSecret: string): string {
  return createHmac('sha256', clientSecret).update(`${timestamp}\n${clientSecret}`, 'utf8').digest('base64');
}

export function verifyRobotSign(
  headers: Record<string, string | undefined>,
  clientSecret: string,
  now: Date,
): Rejection | null {
  const timestamp = headers.timestamp;
  const sign = headers.sign;
  if (!sign || !timestamp) {
    return reject(401, 'missing_signature', 'robot callback headers timestamp and sign are required', '机器人回调缺少 timestamp 或 sign 请求头');
  }
  if (!constantTimeEqual(sign, robotSign(timestamp, clientSecret))) {
    return reject(401, 'bad_signature', 'robot callback sign does not match', '机器人回调签名校验失败');
  }
  return checkWindow(timestamp, now, ROBOT_SIGN_WINDOW_MS);
}
