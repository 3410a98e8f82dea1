/**
 * DingTalk callback crypto (same algorithm as WeCom, official DingTalk-Callback-Crypto samples):
 *   key   = base64decode(aesKey + '=')  (43-char key → 32 bytes), iv = key[0..16]
 *   plain = random16 ‖ len32BE (UTF-8 BYTE length of msg) ‖ msg ‖ ownerKey
 *   AES-256-CBC, PKCS#7 with a 32-byte block, padding handled by hand (PITFALLS 19: Node's auto-padding
 *   assumes 16-byte blocks and throws on pad bytes 17–32).
 *   signature = sha1_hex(sort([token, timestamp, nonce, encrypt]).join(''))
 * Failures come back as values, never as an empty object or a thrown stack (PITFALLS 21).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export const AES_KEY_CHARS = 43;
export const PKCS7_BLOCK_SIZE = 32;
const RANDOM_PREFIX_BYTES = 16;
const LENGTH_FIELD_BYTES = 4;

export type DecryptFailure = 'bad_aes_key' | 'bad_base64' | 'bad_utf8' | 'bad_padding' | 'bad_length';

export type DecryptResult =
  | { ok: true; plaintext: string; ownerKey: string }
  | { ok: false; reason: DecryptFailure };

/** The 32-byte AES key from the 43-character EncodingAESKey, or null when it is not a valid key. */
export function decodeAesKey(aesKey: string): Buffer | null {
  if (aesKey.length !== AES_KEY_CHARS || !/^[A-Za-z0-9+/]+$/.test(aesKey)) return null;
  const key = Buffer.from(`${aesKey}=`, 'base64');
  return key.length === 32 ? key : null;
}

export function callbackSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  const joined = [token, timestamp, nonce, encrypt].sort().join('');
  return createHash('sha1').update(joined, 'utf8').digest('hex');
}

export function pkcs7Pad(data: Buffer, blockSize: number = PKCS7_BLOCK_SIZE): Buffer {
  const pad = blockSize - (data.length % blockSize);
  return Buffer.concat([data, Buffer.alloc(pad, pad)]);
}

/** Removes PKCS#7 padding; null when the pad byte is outside 1..blockSize or the pad bytes differ. */
export function pkcs7Unpad(data: Buffer, blockSize: number = PKCS7_BLOCK_SIZE): Buffer | null {
  if (data.length === 0 || data.length % blockSize !== 0) return null;
  const pad = data[data.length - 1]!;
  if (pad < 1 || pad > blockSize) return null;
  for (let i = data.length - pad; i < data.length; i += 1) {
    if (data[i] !== pad) return null;
  }
  return data.subarray(0, data.length - pad);
}

/** Raw AES-256-CBC with PKCS#7(32), no framing: the building block of both directions. */
export function aesEncryptRaw(plain: Buffer, key: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(pkcs7Pad(plain)), cipher.final()]);
}

export function aesDecryptRaw(cipherBytes: Buffer, key: Buffer): Buffer | null {
  if (cipherBytes.length === 0 || cipherBytes.length % 16 !== 0) return null;
  let padded: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    padded = Buffer.concat([decipher.update(cipherBytes), decipher.final()]);
  } catch {
    return null;
  }
  return pkcs7Unpad(padded);
}

/** Encrypts `plaintext` for DingTalk; `random16` is injectable so replies can be checked byte for byte. */
export function encryptMessage(
  plaintext: string,
  aesKey: string,
  ownerKey: string,
  random16: Buffer = randomBytes(RANDOM_PREFIX_BYTES),
): string {
  const key = decodeAesKey(aesKey);
  if (key === null) throw new Error('DingTalk AES key must be 43 base64 characters');
  if (random16.length !== RANDOM_PREFIX_BYTES) throw new Error('random prefix must be 16 bytes');
  const msg = Buffer.from(plaintext, 'utf8');
  const length = Buffer.alloc(LENGTH_FIELD_BYTES);
  length.writeUInt32BE(msg.length, 0);
  const framed = Buffer.concat([random16, length, msg, Buffer.from(ownerKey, 'utf8')]);
  return aesEncryptRaw(framed, key).toString('base64');
}

export function decryptMessage(encrypt: string, aesKey: string): DecryptResult {
  const key = decodeAesKey(aesKey);
  if (key === null) return { ok: false, reason: 'bad_aes_key' };
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypt)) return { ok: false, reason: 'bad_base64' };
  const plain = aesDecryptRaw(Buffer.from(encrypt, 'base64'), key);
  if (plain === null) return { ok: false, reason: 'bad_padding' };
  const headerBytes = RANDOM_PREFIX_BYTES + LENGTH_FIELD_BYTES;
  if (plain.length < headerBytes) return { ok: false, reason: 'bad_length' };
  const msgLength = plain.readUInt32BE(RANDOM_PREFIX_BYTES);
  if (msgLength > plain.length - headerBytes) return { ok: false, reason: 'bad_length' };
  const msg = plain.subarray(headerBytes, headerBytes + msgLength);
  const owner = plain.subarray(headerBytes + msgLength);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    return { ok: true, plaintext: decoder.decode(msg), ownerKey: decoder.decode(owner) };
  } catch {
    return { ok: false, reason: 'bad_utf8' };
  }
}
