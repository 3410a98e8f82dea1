import { pino, type Logger, type LoggerOptions } from 'pino';

/**
 * Paths never written to logs: secrets, signatures, tokens, phone numbers, message text.
 * pino applies these to every line, child loggers included.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers["x-lark-signature"]',
  'req.headers["x-salesbeat-signature"]',
  'req.headers.sign',
  'req.query.signature',
  'req.query.msg_signature',
  'req.query.echostr',
  '*.secret',
  '*.appSecret',
  '*.clientSecret',
  '*.encryptKey',
  '*.encodingAesKey',
  '*.callbackAesKey',
  '*.verificationToken',
  '*.token',
  '*.accessToken',
  '*.phone',
  '*.customerPhone',
  '*.text',
  '*.content',
  '*.summary',
  'credentials',
];

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino({
    level: process.env.LOG_LEVEL ?? 'info',
    redact: { paths: redactedPaths, censor: '[redacted]' },
    ...options,
  });
}

export type { Logger };
