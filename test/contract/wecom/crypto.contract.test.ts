/**
 * WeCom crypto against the published vectors (protocols/vectors/wecom.json). Expected ciphertexts,
 * signatures, plaintexts and length fields come from the JSON; nothing is recomputed here.
 * Crypto is tested apart from any JSON/XML parsing (PITFALLS 22).
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptWecom, encryptWecom, WecomCryptoCode, wecomSignature } from '../../../adapters/wecom/crypto.js';
import { allVectorNames, str, vector } from './wecom-vectors.js';

describe('WeCom signature (sha1 of the sorted token, timestamp, nonce, data)', () => {
  it.each([
    ['wecom_verify_url_sample', 'echostr'],
    ['wecom_verify_url_doc_example', 'echostr'],
    ['wecom_decrypt_doc_example', 'encrypt'],
  ])('matches the published msg_signature of %s', (name, field) => {
    const v = vector(name);
    expect(wecomSignature(str(v.inputs, 'token'), str(v.inputs, 'timestamp'), str(v.inputs, 'nonce'), str(v.inputs, field))).toBe(
      v.inputs.msg_signature,
    );
  });

  it('matches the JSON-callback sample, signing the encrypt field', () => {
    const v = vector('wecom_decrypt_json_sample');
    const body = v.inputs['post_body'] as { encrypt: string };
    expect(wecomSignature(str(v.inputs, 'token'), str(v.inputs, 'timestamp'), str(v.inputs, 'nonce'), body.encrypt)).toBe(v.inputs.msg_signature);
  });
});

describe('WeCom decrypt', () => {
  it.each(['wecom_verify_url_sample', 'wecom_verify_url_doc_example'])('decrypts the echostr of %s to the published reply', (name) => {
    const v = vector(name);
    const result = decryptWecom(str(v.inputs, 'echostr'), v.inputs.encoding_aes_key, v.inputs.receive_id);
    expect(result).toMatchObject({ ok: true, message: v.expected['response_body'], receiveId: v.expected['decrypted_receive_id'] });
  });

  it('decrypts the official XML sample and reads msg_len as UTF-8 bytes (你好 = 6 bytes)', () => {
    const v = vector('wecom_decrypt_xml_sample');
    const encrypt = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(str(v.inputs, 'post_body'))?.[1] ?? '';
    const result = decryptWecom(encrypt, v.inputs.encoding_aes_key, v.inputs.receive_id);
    expect(result).toMatchObject({ ok: true, message: v.expected['plaintext'], messageLength: v.expected['msg_len_bytes'] });
  });

  it('decrypts the JSON-callback sample even though its plaintext is not JSON', () => {
    const v = vector('wecom_decrypt_json_sample');
    const body = v.inputs['post_body'] as { encrypt: string };
    const result = decryptWecom(body.encrypt, v.inputs.encoding_aes_key, v.inputs.receive_id);
    expect(result).toMatchObject({ ok: true, message: v.expected['plaintext'] });
    expect(v.expected['plaintext_is_valid_json']).toBe(false);
    expect(() => JSON.parse(str(v.expected, 'plaintext'))).toThrow();
  });

  it('decrypts the documentation example', () => {
    const v = vector('wecom_decrypt_doc_example');
    const result = decryptWecom(str(v.inputs, 'encrypt'), v.inputs.encoding_aes_key, v.inputs.receive_id);
    expect(result).toMatchObject({ ok: true, message: v.expected['plaintext'], receiveId: v.inputs.receive_id });
  });

  it('decrypts a message whose padding is a whole 32-byte block, where Node auto-padding throws', () => {
    const v = vector('wecom_full_32_byte_pad_block_own');
    const encrypt = str(v.expected, 'encrypt');
    const ciphertext = Buffer.from(encrypt, 'base64');
    expect(ciphertext.length).toBe(v.expected['ciphertext_bytes']);
    const key = Buffer.from(`${v.inputs.encoding_aes_key}=`, 'base64');
    const naive = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    expect(() => Buffer.concat([naive.update(ciphertext), naive.final()])).toThrow();
    expect(decryptWecom(encrypt, v.inputs.encoding_aes_key, v.inputs.receive_id)).toMatchObject({ ok: true, message: v.inputs['plaintext'] });
  });

  it('reads the Chinese vector length field as UTF-8 bytes, not UTF-16 units', () => {
    const v = vector('wecom_encrypt_chinese_text_own');
    const result = decryptWecom(str(v.expected, 'encrypt'), v.inputs.encoding_aes_key, v.inputs.receive_id);
    expect(result).toMatchObject({ ok: true, message: v.inputs['plaintext'], messageLength: v.expected['msg_len_field'] });
    expect(str(v.inputs, 'plaintext').length).toBe(v.expected['js_string_length_would_be_wrong']);
  });
});

describe('WeCom encrypt with an injected random prefix', () => {
  it.each(['wecom_encrypt_chinese_text_own', 'wecom_full_32_byte_pad_block_own'])('reproduces %s byte for byte', (name) => {
    const v = vector(name);
    const random16 = Buffer.from(str(v.inputs, 'random_16_bytes_ascii'), 'ascii');
    expect(encryptWecom(str(v.inputs, 'plaintext'), v.inputs.encoding_aes_key, v.inputs.receive_id, random16)).toBe(v.expected['encrypt']);
  });

  it('signs the Chinese vector ciphertext to the published msg_signature', () => {
    const v = vector('wecom_encrypt_chinese_text_own');
    expect(wecomSignature(str(v.inputs, 'token'), str(v.inputs, 'timestamp'), str(v.inputs, 'nonce'), str(v.expected, 'encrypt'))).toBe(
      v.expected['msg_signature'],
    );
  });
});

describe('WeCom decrypt failures are errors, never garbage', () => {
  const v = vector('wecom_decrypt_doc_example');
  const encrypt = str(v.inputs, 'encrypt');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

  it('rejects the ciphertext under 64 other valid keys', () => {
    const rightKey = Buffer.from(`${v.inputs.encoding_aes_key}=`, 'base64');
    let tried = 0;
    for (let i = 0; i < 86; i++) {
      const position = i % 43;
      const original = v.inputs.encoding_aes_key[position] ?? 'A';
      const replacement = alphabet[(alphabet.indexOf(original) + 1 + Math.floor(i / 43)) % 64] ?? 'A';
      const wrongKey = v.inputs.encoding_aes_key.slice(0, position) + replacement + v.inputs.encoding_aes_key.slice(position + 1);
      // The 43rd character carries 2 bits that base64 decoding drops: skip edits that give the same key.
      if (Buffer.from(`${wrongKey}=`, 'base64').equals(rightKey)) continue;
      tried++;
      expect(decryptWecom(encrypt, wrongKey, v.inputs.receive_id).ok).toBe(false);
    }
    expect(tried).toBeGreaterThanOrEqual(64);
  });

  it('reports -40007 for the other published key (bad padding)', () => {
    const other = vector('wecom_verify_url_sample').inputs.encoding_aes_key;
    expect(decryptWecom(encrypt, other, v.inputs.receive_id)).toMatchObject({ ok: false, code: WecomCryptoCode.decryptAesError });
  });

  it('reports -40005 when the ReceiveId is not the expected CorpID', () => {
    expect(decryptWecom(encrypt, v.inputs.encoding_aes_key, 'ww_another_corp')).toMatchObject({
      ok: false,
      code: WecomCryptoCode.validateReceiveIdError,
    });
  });

  it.each([
    ['not base64', '%%%not-base64%%%'],
    ['not a whole AES block', Buffer.alloc(20, 1).toString('base64')],
    ['empty', ''],
  ])('reports -40008 for a ciphertext that is %s', (_label, bad) => {
    expect(decryptWecom(bad, v.inputs.encoding_aes_key, v.inputs.receive_id)).toMatchObject({ ok: false, code: WecomCryptoCode.illegalBuffer });
  });

  it('reports -40008 when the length field points past the end (truncated plaintext)', () => {
    // Hand-built with node:crypto: one 32-byte block, correct padding, msg_len = 1000 but no message bytes.
    const key = Buffer.from(`${v.inputs.encoding_aes_key}=`, 'base64');
    const plain = Buffer.concat([Buffer.from('0123456789abcdef', 'ascii'), Buffer.from([0, 0, 3, 232]), Buffer.alloc(12, 12)]);
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
    cipher.setAutoPadding(false);
    const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
    expect(decryptWecom(ciphertext, v.inputs.encoding_aes_key, v.inputs.receive_id)).toMatchObject({ ok: false, code: WecomCryptoCode.illegalBuffer });
  });
});

it('covers every vector in wecom.json', () => {
  expect(allVectorNames.sort()).toEqual(
    [
      'wecom_decrypt_doc_example',
      'wecom_decrypt_json_sample',
      'wecom_decrypt_xml_sample',
      'wecom_encrypt_chinese_text_own',
      'wecom_full_32_byte_pad_block_own',
      'wecom_template_card_event_own',
      'wecom_verify_url_doc_example',
      'wecom_verify_url_sample',
    ].sort(),
  );
});
