/**
 * DingTalk's URL check and its reply. The check is an ordinary encrypted callback whose plaintext is
 * `{"EventType":"check_url"}` (third-party suites: check_create_suite_url / check_update_suite_url).
 * EVERY event-callback answer — check or not — is the encrypted "success" JSON
 * `{msg_signature, timeStamp, nonce, encrypt}`; plain `success` gets errcode 71009 (PITFALLS 15).
 */
import { randomBytes } from 'node:crypto';
import type { HttpReply } from '../contract.js';
import { callbackSignature, encryptMessage } from './crypto.js';

export const HANDSHAKE_EVENT_TYPES: readonly string[] = ['check_url', 'check_create_suite_url', 'check_update_suite_url'];
export const SUCCESS_PLAINTEXT = 'success';
const NONCE_LENGTH = 8;
const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export interface CallbackKeys {
  token: string;
  aesKey: string;
  /** AppKey (clientId) for an internal app; suiteKey / corpId for the other app types (PITFALLS 16). */
  ownerKey: string;
}

/** Where the reply's randomness comes from; injectable so a reply can be compared byte for byte with a vector. */
export interface ReplyEntropy {
  random16(): Buffer;
  nonce(): string;
}

export const defaultReplyEntropy: ReplyEntropy = {
  random16: () => randomBytes(16),
  nonce: () => Array.from(randomBytes(NONCE_LENGTH), (b) => NONCE_ALPHABET[b % NONCE_ALPHABET.length]).join(''),
};

export interface EncryptedReplyBody {
  msg_signature: string;
  timeStamp: string;
  nonce: string;
  encrypt: string;
}

export function isHandshakeEventType(eventType: unknown): boolean {
  return typeof eventType === 'string' && HANDSHAKE_EVENT_TYPES.includes(eventType);
}

export function encryptedReplyBody(
  keys: CallbackKeys,
  plaintext: string,
  timeStamp: string,
  nonce: string,
  random16?: Buffer,
): EncryptedReplyBody {
  const encrypt = encryptMessage(plaintext, keys.aesKey, keys.ownerKey, random16);
  return { msg_signature: callbackSignature(keys.token, timeStamp, nonce, encrypt), timeStamp, nonce, encrypt };
}

/** The 200 reply DingTalk expects after any event callback; timeStamp is `now` in milliseconds. */
export function successReply(keys: CallbackKeys, now: Date, entropy: ReplyEntropy = defaultReplyEntropy): HttpReply {
  const body = encryptedReplyBody(keys, SUCCESS_PLAINTEXT, String(now.getTime()), entropy.nonce(), entropy.random16());
  return { status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
}
