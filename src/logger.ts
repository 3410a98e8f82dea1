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

/** Fields of database and driver errors that can carry SQL parameters or row values (message text, phones). */
const errorFieldsWithData = /^Failed query:|\nparams:/;

export interface SafeError {
  type: string;
  message: string;
  code?: string;
  stack?: string;
  cause?: SafeError;
}

/**
 * Errors are logged by type, code, message and stack only. A database error's message can quote the failed
 * SQL and its parameters (drizzle: "Failed query: … params: …"), and pg errors carry `detail`/`where` with
 * row values: none of that reaches the log.
 */
export function safeError(error: unknown, depth = 0): SafeError {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error).slice(0, 200) };
  const message = errorFieldsWithData.test(error.message) ? 'database query failed (query and parameters withheld)' : error.message;
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: unknown }).cause;
  return {
    type: error.name,
    message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.stack ? { stack: error.stack.split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, 12).join('\n') } : {}),
    ...(cause !== undefined && depth < 3 ? { cause: safeError(cause, depth + 1) } : {}),
  };
}

export const loggerOptions: LoggerOptions = {
  level: process.env.LOG_LEVEL ?? 'info',
  redact: { paths: redactedPaths, censor: '[redacted]' },
  serializers: { err: safeError, error: safeError },
};

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino({ ...loggerOptions, ...options });
}

export type { Logger };
