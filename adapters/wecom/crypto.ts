/**
 * WeCom (企业微信) message crypto — the WXBizMsgCrypt scheme (doc 加解密方案说明, path/90968).
 *
 *   AESKey     = base64decode(EncodingAESKey + "=")            43 chars → 32 bytes
 *   IV         = AESKey[0..16]
 *   cipher     = AES-256-CBC, PKCS#7 padded to a multiple of 32 (pad byte 1..32)
 *   plaintext  = random(16) ‖ msg_len (uint32 BE, UTF-8 BYTE length) ‖ msg ‖ ReceiveId
 *   signature  = sha1_hex(sort([token, timestamp, nonce, encrypt]).join(''))
 *
 * Node's default auto-padding only accepts pad values ≤ 16, so we unpad by hand (PITFALLS 19); the
 * length prefix counts bytes, not UTF-16 units (PITFALLS 20); a wrong key must fail loudly, never yield
 * garbage (PITFALLS 21): padding, length bounds, UTF-8 validity and the ReceiveId are all checked.
 * Failures carry WeCom's official error codes so logs match the platform's documentation.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** WeCom pads to 32-byte blocks, not AES's 16. */
export const WECOM_PAD_BLOCK = 32;
const RANDOM_PREFIX_BYTES = 16;
const LENGTH_FIELD_BYTES = 4;
const HEADER_BYTES = RANDOM_PREFIX_BYTES + LENGTH_FIELD_BYTES;
const AES_BLOCK = 16;
const ENCODING_AES_KEY_PATTERN = /^[A-Za-z0-9+/]{43}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

/** Official WXBizMsgCrypt error codes. */
export const WecomCryptoCode = {
  validateSignatureError: -40001,
  illegalAesKey: -40004,
  validateReceiveIdError: -40005,
  decryptAesError: -40007,
  illegalBuffer: -40008,
} as const;
export type WecomCryptoCode = (typeof WecomCryptoCode)[keyof typeof WecomCryptoCode];

export interface Decrypted {
  ok: true;
  /** The message, decoded as UTF-8. */
  message: string;
  /** The msg_len field exactly as read from the plaintext (UTF-8 bytes). */
  messageLength: number;
  receiveId: string;
}

export interface CryptoFailure {
  ok: false;
  code: WecomCryptoCode;
  detail: string;
}

export function isValidEncodingAesKey(encodingAesKey: string): boolean {
  return ENCODING_AES_KEY_PATTERN.test(encodingAesKey);
}

/** The 32-byte AES key; throws on a malformed EncodingAESKey (a configuration error, not a request error). */
export function aesKeyFrom(encodingAesKey: string): Buffer {
  if (!isValidEncodingAesKey(encodingAesKey)) {
    throw new Error(`WeCom EncodingAESKey must be 43 base64 characters (${WecomCryptoCode.illegalAesKey})`);
  }
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

/** sha1_hex of the four strings sorted and concatenated. */
export function wecomSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  const joined = [token, timestamp, nonce, encrypt].sort().join('');
  return createHash('sha1').update(joined, 'utf8').digest('hex');
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function failure(code: WecomCryptoCode, detail: string): CryptoFailure {
  return { ok: false, code, detail };
}

/**
 * Decrypt an `Encrypt` / `echostr` value and check its ReceiveId.
 * Never returns partial or garbage output: every inconsistency is a CryptoFailure.
 */
export function decryptWecom(encrypt: string, encodingAesKey: string, expectedReceiveId: string): Decrypted | CryptoFailure {
  const key = aesKeyFrom(encodingAesKey);
  if (!BASE64_PATTERN.test(encrypt)) return failure(WecomCryptoCode.illegalBuffer, 'ciphertext is not base64');
  const ciphertext = Buffer.from(encrypt, 'base64');
  if (ciphertext.length === 0 || ciphertext.length % AES_BLOCK !== 0) {
    return failure(WecomCryptoCode.illegalBuffer, `ciphertext length ${ciphertext.length} is not a whole number of AES blocks`);
  }

  let padded: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, AES_BLOCK));
    decipher.setAutoPadding(false);
    padded = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return failure(WecomCryptoCode.decryptAesError, 'AES-256-CBC decryption failed');
  }

  const pad = padded[padded.length - 1] ?? 0;
  if (pad < 1 || pad > WECOM_PAD_BLOCK || pad > padded.length) {
    return failure(WecomCryptoCode.decryptAesError, `invalid PKCS#7 pad byte ${pad} (wrong EncodingAESKey?)`);
  }
  for (let i = padded.length - pad; i < padded.length; i++) {
    if (padded[i] !== pad) return failure(WecomCryptoCode.decryptAesError, 'non-uniform PKCS#7 padding (wrong EncodingAESKey?)');
  }
  const content = padded.subarray(0, padded.length - pad);

  if (content.length < HEADER_BYTES) return failure(WecomCryptoCode.illegalBuffer, 'plaintext shorter than its 20-byte header');
  const messageLength = content.readUInt32BE(RANDOM_PREFIX_BYTES);
  if (messageLength > content.length - HEADER_BYTES) {
    return failure(WecomCryptoCode.illegalBuffer, `msg_len ${messageLength} exceeds the ${content.length - HEADER_BYTES} bytes available`);
  }
  const messageBytes = content.subarray(HEADER_BYTES, HEADER_BYTES + messageLength);
  const receiveIdBytes = content.subarray(HEADER_BYTES + messageLength);

  let message: string;
  let receiveId: string;
  try {
    message = strictUtf8.decode(messageBytes);
    receiveId = strictUtf8.decode(receiveIdBytes);
  } catch {
    return failure(WecomCryptoCode.illegalBuffer, 'decrypted bytes are not valid UTF-8');
  }
  if (receiveId !== expectedReceiveId) {
    return failure(WecomCryptoCode.validateReceiveIdError, 'ReceiveId in the plaintext does not match the configured CorpID');
  }
  return { ok: true, message, messageLength, receiveId };
}

/**
 * Encrypt `message` as WeCom does. `random16` is injectable so published vectors can be reproduced;
 * production callers (the simulator) let it default to fresh random bytes.
 */
export function encryptWecom(
  message: string,
  encodingAesKey: string,
  receiveId: string,
  random16: Buffer = randomBytes(RANDOM_PREFIX_BYTES),
): string {
  if (random16.length !== RANDOM_PREFIX_BYTES) throw new Error('WeCom random prefix must be 16 bytes');
  const key = aesKeyFrom(encodingAesKey);
  const messageBytes = Buffer.from(message, 'utf8');
  const lengthField = Buffer.alloc(LENGTH_FIELD_BYTES);
  lengthField.writeUInt32BE(messageBytes.length, 0);
  const content = Buffer.concat([random16, lengthField, messageBytes, Buffer.from(receiveId, 'utf8')]);
  // A content length that is already a multiple of 32 still gets a full block of 0x20 (PITFALLS 19).
  const pad = WECOM_PAD_BLOCK - (content.length % WECOM_PAD_BLOCK);
  const padded = Buffer.concat([content, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, AES_BLOCK));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}
