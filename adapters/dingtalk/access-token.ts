/** DingTalk's new-API access token (NOTES 2.4) and the reading of api.dingtalk.com error answers. */
import { PlatformError } from '../../src/errors.js';
import type { IssuedToken, OutboundContext } from '../outbound.js';
import { permanent, RateLimitedError } from '../outbound.js';
import { callJson, httpFailure, numberField, retryAfterMs, stringField, type JsonAnswer } from '../outbound-http.js';

export const DINGTALK_TOKEN_PATH = '/v1.0/oauth2/accessToken';
/** The header the v1.0 APIs take the token in (a `?access_token=` query is refused, PITFALLS 17). */
export const DINGTALK_TOKEN_HEADER = 'x-acs-dingtalk-access-token';
/** api.dingtalk.com error codes meaning "slow down" (QPS / flow-control families) [3P]. */
const RATE_LIMIT_CODE = /qpslimit|throttl|flowcontrol|ratelimit/i;

export function dingtalkTokenKey(clientId: string): string {
  return `dingtalk:${clientId}`;
}

export async function issueDingtalkToken(context: OutboundContext, clientId: string, clientSecret: string): Promise<IssuedToken> {
  const what = 'DingTalk accessToken';
  const answer = await callJson(context.fetch, `${context.baseUrls.dingtalk}${DINGTALK_TOKEN_PATH}`, { method: 'POST', body: { appKey: clientId, appSecret: clientSecret } }, what);
  const token = stringField(answer.body, 'accessToken');
  const expireIn = numberField(answer.body, 'expireIn');
  if (answer.status === 200 && token !== undefined && expireIn !== undefined) return { token, expiresInSeconds: expireIn };
  const failure = dingtalkFailure(what, answer);
  // A wrong client id or secret is not fixed by asking again.
  throw failure.platformCode === 'token_expired' ? permanent(failure.message) : failure;
}

/** Maps an api.dingtalk.com answer that is not a success: 401 / InvalidAuthentication → token_expired, 429 / QPS codes → rate_limited. */
export function dingtalkFailure(what: string, answer: JsonAnswer): PlatformError {
  const code = stringField(answer.body, 'code');
  const detail = [code, stringField(answer.body, 'message')].filter(Boolean).join(' ');
  const message = `${what}: HTTP ${answer.status} ${detail}`.trim();
  if (answer.status === 429 || (code !== undefined && RATE_LIMIT_CODE.test(code))) return new RateLimitedError(message, retryAfterMs(answer.headers));
  if (answer.status === 401 || code === 'InvalidAuthentication') return new PlatformError('token_expired', message);
  return httpFailure(what, answer, detail);
}
