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

describe('logged errors', () => {
  it('never carry the SQL parameters or row values of a failed query', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _e, done) { lines.push(String(chunk)); done(); } });
    const child = (await import('pino')).pino({ ...(await import('../../src/logger.js')).loggerOptions }, stream);
    const pgError = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: '22021',
      detail: 'Key (phone)=(+86 139 0000 1234) already exists.',
      where: 'unnamed portal parameter $9 = \'王总说预算只有五十万\'',
    });
    const drizzleError = new Error("Failed query: insert into inbox_events ...\nparams: acme,+86 139 0000 1234,王总说预算只有五十万", { cause: pgError });
    child.error({ err: drizzleError }, 'inbox commit failed');
    const out = lines.join('');
    expect(out).toContain('22021');
    expect(out).toContain('invalid byte sequence');
    expect(out).not.toContain('139 0000 1234');
    expect(out).not.toContain('五十万');
  });
});
