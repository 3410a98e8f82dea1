/**
 * Feishu event encryption: AES-256-CBC, key = SHA-256(encrypt_key), IV = the first 16 bytes of the
 * base64-decoded `encrypt` field, PKCS#7 padding. A failed decrypt is an error, never `{}`.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

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
