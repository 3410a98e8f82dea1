/** The one error family. Each code maps to one HTTP status and one reaction (retry or not). */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly messageZh: string,
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class AuthError extends AppError {
  constructor(message = 'authentication required', messageZh = '需要身份验证') {
    super('unauthorized', 401, message, messageZh);
  }
}

export class ValidationError extends AppError {
  constructor(
    readonly field: string,
    message: string,
    messageZh: string,
  ) {
    super('invalid_input', 400, message, messageZh);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, whatZh: string) {
    super('not_found', 404, `${what} not found`, `未找到${whatZh}`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, messageZh: string) {
    super('conflict', 409, message, messageZh);
  }
}

export type PlatformErrorCode = 'rate_limited' | 'token_expired' | 'not_found' | 'temporary' | 'permanent';

export class PlatformError extends AppError {
  constructor(
    readonly platformCode: PlatformErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`platform_${platformCode}`, 502, message, `平台调用失败：${message}`, platformCode !== 'permanent' && platformCode !== 'not_found', options);
  }
}
