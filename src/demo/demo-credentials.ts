import { createHash, randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const DIGITS = '0123456789';

/** EncodingAESKey of WeCom and DingTalk callbacks: 43 characters of [A-Za-z0-9] (base64 of 32 bytes, minus '='). */
export const AES_KEY_LENGTH = 43;

export type RandomSource = (size: number) => Buffer;

/** `length` characters drawn uniformly from `alphabet` (rejection sampling: no modulo bias). */
export function randomString(length: number, alphabet: string, random: RandomSource = randomBytes): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of random(length * 2)) {
      if (byte < limit) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/**
 * Fresh per-platform credentials for the demo tenant, shaped like the real ones so that a simulator (or a person
 * with curl) can sign and encrypt requests exactly as the platform would. Keys match each adapter's `credentialKeys`.
 */
export function generateDemoCredentials(random: RandomSource = randomBytes): Record<string, Record<string, string>> {
  const s = (length: number, alphabet = ALPHANUMERIC) => randomString(length, alphabet, random);
  const dingtalkClientId = `ding${s(16, LOWER_ALPHANUMERIC)}`;
  return {
    feishu: {
      appId: `cli_${s(16, HEX)}`,
      appSecret: s(32),
      encryptKey: s(32),
      verificationToken: s(32),
    },
    dingtalk: {
      clientId: dingtalkClientId,
      clientSecret: s(64),
      // An enterprise-internal robot's robotCode is its app's clientId (AppKey).
      robotCode: dingtalkClientId,
      callbackToken: s(32),
      callbackAesKey: s(AES_KEY_LENGTH),
    },
    wecom: {
      corpId: `ww${s(16, HEX)}`,
      agentId: `1000${s(3, DIGITS)}`,
      secret: s(43),
      token: s(32),
      encodingAesKey: s(AES_KEY_LENGTH),
    },
    calls: {
      webhookSecret: s(64, HEX),
    },
  };
}

/** A repeatable byte stream (SHA-256 in counter mode) — for keys that are public on purpose. */
export function deterministicSource(seed: string): RandomSource {
  let counter = 0;
  return (size) => {
    const chunks: Buffer[] = [];
    let length = 0;
    while (length < size) {
      const block = createHash('sha256').update(`${seed}:${counter++}`).digest();
      chunks.push(block);
      length += block.length;
    }
    return Buffer.concat(chunks).subarray(0, size);
  };
}

/**
 * The demo tenant's keys are the same on every machine and public on purpose: the demo is open to anyone,
 * its messages never leave the console, and `salesbeat replay --url … --tenant demo` can sign and encrypt
 * for a running demo without reading its database. Never give a real tenant these keys.
 */
export const DEMO_CREDENTIALS: Record<string, Record<string, string>> = generateDemoCredentials(deterministicSource('salesbeat demo tenant'));
