/**
 * Feishu event encryption: AES-256-CBC, key = SHA-256(encrypt_key), IV = the first 16 bytes of the
 * base64-decoded `encrypt` field, PKCS#7 padding. A failed decrypt is an error, never `{}`.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { reject, type Rejection } from '../contract.js';
import { isObject, type JsonObject } from './payload-fields.js';

const IV_BYTES = 16;
const BLOCK_BYTES = 16;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export type DecryptResult = { ok: true; plaintext: string } | { ok: false; reason: string };

function aesKey(encryptKey: string): Buffer {
  return createHash('sha256').update(encryptKey, 'utf8').digest();
}

export function decryptFeishu(encrypt: string, encryptKey: string): DecryptResult {
  if (encrypt.length % 4 !== 0 || !BASE64.test(encrypt)) return { ok: false, reason: 'encrypt is not base64' };
  const data = Buffer.from(encrypt, 'base64');
  const cipherBytes = data.length - IV_BYTES;
  if (cipherBytes < BLOCK_BYTES || cipherBytes % BLOCK_BYTES !== 0) {
    return { ok: false, reason: 'ciphertext length is not a positive multiple of 16 bytes' };
  }
  try {
    const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptKey), data.subarray(0, IV_BYTES));
    const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES)), decipher.final()]);
    return { ok: true, plaintext: new TextDecoder('utf-8', { fatal: true }).decode(plain) };
  } catch {
    // Bad padding or non-UTF-8 output: almost always the wrong Encrypt Key.
    return { ok: false, reason: 'AES decrypt failed (wrong Encrypt Key?)' };
  }
}

/** What Feishu does before pushing: used by the simulator. A fresh random IV unless one is given. */
export function encryptFeishu(plaintext: string, encryptKey: string, iv: Buffer = randomBytes(IV_BYTES)): string {
  const cipher = createCipheriv('aes-256-cbc', aesKey(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

export interface OpenedBody {
  /** The event JSON, decrypted when it came as `{encrypt}`. */
  payload: JsonObject;
  /** Its text verbatim: the decrypted plaintext, or the body as received. */
  raw: string;
  encrypted: boolean;
}

/** `{encrypt}` → the decrypted JSON object; any other JSON object passes through unchanged. */
export function openFeishuBody(body: JsonObject, rawText: string, encryptKey: string | undefined): OpenedBody | Rejection {
  if (!('encrypt' in body)) return { payload: body, raw: rawText, encrypted: false };
  if (typeof body.encrypt !== 'string') {
    return reject(400, 'malformed_body', '"encrypt" must be a base64 string', '"encrypt" 字段必须是 base64 字符串');
  }
  if (encryptKey === undefined) {
    return reject(404, 'not_configured', 'the event is encrypted but no Feishu Encrypt Key is configured for this tenant', '事件已加密，但该租户未配置飞书 Encrypt Key');
  }
  const decrypted = decryptFeishu(body.encrypt, encryptKey);
  const payload = decrypted.ok ? parseObject(decrypted.plaintext) : undefined;
  if (!decrypted.ok || payload === undefined) {
    // One message for every failure (padding, UTF-8, JSON): no hint about which step failed.
    return reject(400, 'decrypt_failed', 'cannot decrypt the event with the configured Encrypt Key', '无法用已配置的 Encrypt Key 解密事件');
  }
  return { payload, raw: decrypted.plaintext, encrypted: true };
}

/** JSON text → object, or undefined for anything else (invalid JSON, arrays, scalars). */
export function parseObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
