/** Feishu's tenant_access_token (NOTES 1.6) and the reading of Feishu's error answers, shared by every Feishu call. */
import { PlatformError } from '../../src/errors.js';
import type { IssuedToken, OutboundContext } from '../outbound.js';
import { callJson, httpFailure, numberField, retryAfterMs, stringField, type JsonAnswer } from '../outbound-http.js';
import { permanent, RateLimitedError } from '../outbound.js';

export const FEISHU_TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';
/** 99991663 tenant token invalid/expired, 99991661 token missing, 99991664 invalid app token: refresh once and retry. */
export const FEISHU_TOKEN_EXPIRED_CODES: readonly number[] = [99991663, 99991661, 99991664];
/** 99991400 is the gateway's frequency limit (HTTP 429, or 400 on older APIs); 230020 the IM API's own [3P]. */
export const FEISHU_RATE_LIMIT_CODES: readonly number[] = [99991400, 230020];
/** Feishu says how long to wait in this header (seconds). */
const RATE_LIMIT_RESET_HEADER = 'x-ogw-ratelimit-reset';

/** The tenant's token for this app; cached per app id by the caller. */
export function feishuTokenKey(appId: string): string {
  return `feishu:${appId}`;
}

export async function issueFeishuToken(context: OutboundContext, appId: string, appSecret: string): Promise<IssuedToken> {
  const what = 'Feishu tenant_access_token';
  const answer = await callJson(context.fetch, `${context.baseUrls.feishu}${FEISHU_TOKEN_PATH}`, { method: 'POST', body: { app_id: appId, app_secret: appSecret } }, what);
  const token = stringField(answer.body, 'tenant_access_token');
  const expire = numberField(answer.body, 'expire');
  if (answer.status === 200 && numberField(answer.body, 'code') === 0 && token !== undefined && expire !== undefined) {
    return { token, expiresInSeconds: expire };
  }
  const failure = feishuFailure(what, answer);
  // A bad app id or secret is not fixed by refreshing: only rate limits and outages are worth a retry.
  throw failure.platformCode === 'token_expired' ? permanent(failure.message) : failure;
}

/** Maps a Feishu answer that is not a success to a PlatformError. */
export function feishuFailure(what: string, answer: JsonAnswer): PlatformError {
  const code = numberField(answer.body, 'code');
  const detail = code === undefined ? '' : `code ${code} ${stringField(answer.body, 'msg') ?? ''}`.trim();
  const message = `${what}: ${detail || `HTTP ${answer.status}`}`;
  if (code !== undefined && FEISHU_RATE_LIMIT_CODES.includes(code)) {
    return new RateLimitedError(message, retryAfterMs(answer.headers, RATE_LIMIT_RESET_HEADER) ?? retryAfterMs(answer.headers));
  }
  if (answer.status === 429) return new RateLimitedError(message, retryAfterMs(answer.headers, RATE_LIMIT_RESET_HEADER) ?? retryAfterMs(answer.headers));
  if (code !== undefined && FEISHU_TOKEN_EXPIRED_CODES.includes(code)) return new PlatformError('token_expired', message);
  if (code === undefined || code === 0 || answer.status >= 500) return httpFailure(what, answer, detail);
  return permanent(message);
}
