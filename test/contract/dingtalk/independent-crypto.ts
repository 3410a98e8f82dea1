/**
 * A second, deliberately naive implementation of DingTalk's callback crypto, written straight from the
 * vector file's `verified_how` text, used only to CHECK what the adapter produced (never the adapter's own code).
 */
import { createDecipheriv, createHash } from 'node:crypto';

export function naiveSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

/** Returns the 4-byte length field, the message bytes and the owner-key tail. */
export function naiveDecrypt(encrypt: string, aesKey: string): { lengthField: number; message: Buffer; tail: string } {
  const key = Buffer.from(`${aesKey}=`, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
  const pad = padded[padded.length - 1]!;
  const plain = padded.subarray(0, padded.length - pad);
  const lengthField = plain.readUInt32BE(16);
  return { lengthField, message: plain.subarray(20, 20 + lengthField), tail: plain.subarray(20 + lengthField).toString('utf8') };
}
