import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { redactedPaths } from '../../src/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: 'info', redact: { paths: redactedPaths, censor: '[redacted]' } }, stream);
  return { logger, output: () => lines.join('') };
}

describe('log redaction', () => {
  it.each([
    ['a phone number', { call: { customerPhone: '+86 139 0000 1234' } }, '139 0000 1234'],
    ['message text', { event: { text: '王总说预算只有五十万' } }, '五十万'],
    ['a platform secret', { feishu: { appSecret: 'sekrit-app-secret' } }, 'sekrit-app-secret'],
    ['an encrypt key', { feishu: { encryptKey: 'my-encrypt-key' } }, 'my-encrypt-key'],
    ['an authorization header', { req: { headers: { authorization: 'Bearer tok-123' } } }, 'tok-123'],
    ['a Feishu signature header', { req: { headers: { 'x-lark-signature': 'abcdef0123' } } }, 'abcdef0123'],
    ['a WeCom signature in the query', { req: { query: { msg_signature: 'deadbeef42' } } }, 'deadbeef42'],
  ])('never writes %s', (_what, fields, secret) => {
    const { logger, output } = capture();
    logger.info(fields, 'something happened');
    expect(output()).toContain('[redacted]');
    expect(output()).not.toContain(secret);
  });
});
