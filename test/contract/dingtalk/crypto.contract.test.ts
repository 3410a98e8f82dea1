import { describe, expect, it } from 'vitest';
import {
  aesDecryptRaw,
  aesEncryptRaw,
  callbackSignature,
  decodeAesKey,
  decryptMessage,
  encryptMessage,
  pkcs7Unpad,
} from '../../../adapters/dingtalk/crypto.js';
import { encryptedReplyBody } from '../../../adapters/dingtalk/handshake.js';
import { naiveDecrypt } from './independent-crypto.js';
import { vector, vectorsOfKind } from './shared-data.js';

const s = (v: unknown) => v as string;

describe('DingTalk callback crypto against the official vectors', () => {
  it.each(vectorsOfKind('decrypt_msg').map((v) => [v.name, v] as const))('%s: signature and plaintext match', (_name, v) => {
    const i = v.inputs;
    expect(callbackSignature(s(i.token), s(i.timeStamp), s(i.nonce), s(i.encrypt))).toBe(i.msg_signature);
    const result = decryptMessage(s(i.encrypt), s(i.aes_key));
    expect(result).toEqual({ ok: true, plaintext: v.expected.plaintext, ownerKey: v.expected.owner_key_in_tail });
    // the owner key comes from the vector's inputs (AppKey, or the suite key for the ISV sample)
    expect(result.ok && result.ownerKey).toBe(i.owner_key);
  });

  it('raw AES-256-CBC with PKCS#7(32) reproduces the Rust sample ciphertext and decrypts it back', () => {
    const v = vector('dingtalk_raw_aes_rust_sample');
    const key = decodeAesKey(s(v.inputs.aes_key))!;
    expect(aesEncryptRaw(Buffer.from(s(v.inputs.plaintext), 'utf8'), key).toString('base64')).toBe(v.expected.ciphertext_b64);
    expect(aesDecryptRaw(Buffer.from(s(v.expected.ciphertext_b64), 'base64'), key)?.toString('utf8')).toBe(v.inputs.plaintext);
  });

  it('the encrypted "success" reply is byte-exact with the vector when its random bytes are injected', () => {
    const v = vector('dingtalk_success_response_own');
    const i = v.inputs;
    const body = encryptedReplyBody(
      { token: s(i.token), aesKey: s(i.aes_key), ownerKey: s(i.owner_key) },
      s(i.plaintext),
      s(i.timeStamp),
      s(i.nonce),
      Buffer.from(s(i.random_16_bytes_ascii), 'ascii'),
    );
    expect(JSON.stringify(body)).toBe(JSON.stringify(v.expected.response_body));
  });

  it('writes the UTF-8 byte length, not the UTF-16 length, into the length field (PITFALLS 14)', () => {
    const plaintext = '{"EventType":"chat_update_title","title":"销售群"}';
    const aesKey = s(vector('dingtalk_check_url_python3_sample').inputs.aes_key);
    const encrypt = encryptMessage(plaintext, aesKey, 'dingowner');
    const naive = naiveDecrypt(encrypt, aesKey);
    expect(plaintext.length).toBe(47);
    expect(naive.lengthField).toBe(53);
    expect(naive.message.toString('utf8')).toBe(plaintext);
    expect(naive.tail).toBe('dingowner');
    expect(decryptMessage(encrypt, aesKey)).toEqual({ ok: true, plaintext, ownerKey: 'dingowner' });
  });

  it('pads a message that already fills whole 32-byte blocks with a full block of 32', () => {
    const key = decodeAesKey(s(vector('dingtalk_raw_aes_rust_sample').inputs.aes_key))!;
    const cipher = aesEncryptRaw(Buffer.alloc(64, 0x61), key);
    expect(cipher.length).toBe(96);
    expect(aesDecryptRaw(cipher, key)?.length).toBe(64);
  });

  describe('refuses what it cannot prove', () => {
    const v = vector('dingtalk_check_url_python3_sample');
    const encrypt = s(v.inputs.encrypt);

    it('a wrong AES key is a failure, never garbage plaintext', () => {
      const other = s(vector('dingtalk_success_go_sample').inputs.aes_key);
      expect(decryptMessage(encrypt, other).ok).toBe(false);
    });

    it('a key that is not 43 base64 characters is refused', () => {
      expect(decodeAesKey('short')).toBeNull();
      expect(decryptMessage(encrypt, 'short')).toEqual({ ok: false, reason: 'bad_aes_key' });
    });

    it('ciphertext that is not base64 or not whole blocks is refused', () => {
      expect(decryptMessage('not base64 !!', s(v.inputs.aes_key))).toEqual({ ok: false, reason: 'bad_base64' });
      expect(decryptMessage('AAAA', s(v.inputs.aes_key))).toEqual({ ok: false, reason: 'bad_padding' });
    });

    it.each([
      ['pad byte 0', Buffer.concat([Buffer.alloc(31, 1), Buffer.from([0])])],
      ['pad byte 33', Buffer.concat([Buffer.alloc(31, 1), Buffer.from([33])])],
      ['non-uniform pad bytes', Buffer.concat([Buffer.alloc(29, 1), Buffer.from([2, 3, 3])])],
    ])('PKCS#7 unpad rejects %s', (_label, block) => {
      expect(pkcs7Unpad(block)).toBeNull();
    });

    it('a length field larger than the decrypted buffer is refused (bounds check)', () => {
      const aesKey = s(v.inputs.aes_key);
      const key = decodeAesKey(aesKey)!;
      const framed = Buffer.concat([Buffer.alloc(16, 7), Buffer.from([0x7f, 0xff, 0xff, 0xff]), Buffer.from('{}')]);
      const forged = aesEncryptRaw(framed, key).toString('base64');
      expect(decryptMessage(forged, aesKey)).toEqual({ ok: false, reason: 'bad_length' });
    });
  });
});
