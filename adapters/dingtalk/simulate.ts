/**
 * Turns a recorded DingTalk payload into the HTTP request DingTalk would send for it:
 *  - robot message (bare robot JSON, or a Stream CALLBACK frame on the robot topic) → robot message callback:
 *    body = the robot JSON bytes, headers `timestamp` (ms) + `sign` = base64(HmacSHA256(clientSecret, ts\nclientSecret));
 *  - Stream EVENT frame → event subscription callback: plaintext {EventType: headers.eventType, ...data},
 *    encrypted with callbackAesKey for owner clientId, query signature/timestamp/nonce signed with callbackToken;
 *  - card callback (bare object, or a Stream CALLBACK frame on the card topic) → the same encrypted event callback,
 *    plaintext = the card callback object verbatim (no EventType; the adapter recognises it by outTrackId);
 *  - SYSTEM frames and stream acks → skip: they never travel over HTTP.
 */
import { randomBytes } from 'node:crypto';
import type { InboundRequest } from '../contract.js';
import type { PlatformSimulator } from '../simulator.js';
import { encryptMessage, callbackSignature } from './crypto.js';
import { defaultReplyEntropy } from './handshake.js';
import { dingtalkCredentialKeys } from './index.js';
import { CARD_CALLBACK_TOPIC, ROBOT_MESSAGE_TOPIC } from './parse.js';
import { robotSign } from './verify.js';

type Json = Record<string, unknown>;
type Shape =
  | { kind: 'robot'; body: string }
  | { kind: 'event'; plaintext: string }
  | { kind: 'card'; plaintext: string }
  | { kind: 'skip'; reason: string };

function asObject(text: string): Json | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
}

const isRobotMessage = (o: Json) => typeof o.msgtype === 'string' && 'msgId' in o && 'conversationId' in o;
const isCardCallback = (o: Json) => typeof o.outTrackId === 'string' && 'content' in o;
const isFrame = (o: Json) => ['SYSTEM', 'EVENT', 'CALLBACK'].includes(String(o.type)) && typeof o.headers === 'object';
const isAck = (o: Json) => typeof o.code === 'number' && typeof o.headers === 'object' && 'message' in o && !('type' in o);

function classify(o: Json): Shape | null {
  if (isAck(o)) return { kind: 'skip', reason: 'Stream ack frame: our own outbound reply to the gateway, not something DingTalk sends' };
  if (isRobotMessage(o)) return { kind: 'robot', body: JSON.stringify(o) };
  if (isCardCallback(o)) return { kind: 'card', plaintext: JSON.stringify(o) };
  if (!isFrame(o)) return null;
  const headers = o.headers as Json;
  const data = typeof o.data === 'string' ? o.data : '{}';
  if (o.type === 'SYSTEM') {
    return { kind: 'skip', reason: `Stream SYSTEM frame (${String(headers.topic)}): gateway connection control, never sent over HTTP` };
  }
  if (o.type === 'EVENT') {
    const payload = asObject(data) ?? {};
    return { kind: 'event', plaintext: JSON.stringify({ EventType: headers.eventType, ...payload }) };
  }
  if (headers.topic === ROBOT_MESSAGE_TOPIC) return { kind: 'robot', body: data };
  if (headers.topic === CARD_CALLBACK_TOPIC) return { kind: 'card', plaintext: data };
  return { kind: 'skip', reason: `Stream CALLBACK topic ${String(headers.topic)} has no HTTP equivalent here` };
}

function missingCredential(credentials: Record<string, string>, keys: Array<keyof typeof dingtalkCredentialKeys>): string | null {
  const absent = keys.filter((k) => !credentials[k]).map((k) => dingtalkCredentialKeys[k]);
  return absent.length > 0 ? `tenant has no ${absent.join(', ')} configured` : null;
}

function robotRequest(body: string, credentials: Record<string, string>, now: Date): InboundRequest | { skip: string } {
  const absent = missingCredential(credentials, ['clientSecret']);
  if (absent) return { skip: absent };
  const timestamp = String(now.getTime());
  return {
    method: 'POST',
    query: {},
    headers: { 'content-type': 'application/json; charset=utf-8', timestamp, sign: robotSign(timestamp, credentials.clientSecret!) },
    rawBody: Buffer.from(body, 'utf8'),
  };
}

function encryptedRequest(plaintext: string, credentials: Record<string, string>, now: Date): InboundRequest | { skip: string } {
  const absent = missingCredential(credentials, ['callbackToken', 'callbackAesKey', 'clientId']);
  if (absent) return { skip: absent };
  const encrypt = encryptMessage(plaintext, credentials.callbackAesKey!, credentials.clientId!, randomBytes(16));
  const timestamp = String(now.getTime());
  const nonce = defaultReplyEntropy.nonce();
  return {
    method: 'POST',
    query: { signature: callbackSignature(credentials.callbackToken!, timestamp, nonce, encrypt), timestamp, nonce },
    headers: { 'content-type': 'application/json; charset=utf-8' },
    rawBody: Buffer.from(JSON.stringify({ encrypt }), 'utf8'),
  };
}

export const dingtalkSimulator: PlatformSimulator = {
  platform: 'dingtalk',
  recognises(content) {
    const o = asObject(content);
    return o !== null && classify(o) !== null;
  },
  toRequest(content, credentials, now) {
    const o = asObject(content);
    const shape = o === null ? null : classify(o);
    if (shape === null) return { skip: 'not a DingTalk payload' };
    if (shape.kind === 'skip') return { skip: shape.reason };
    if (shape.kind === 'robot') return robotRequest(shape.body, credentials, now);
    return encryptedRequest(shape.plaintext, credentials, now);
  },
};
