/** WeCom's app access_token (NOTES 3.3) and the reading of WeCom `errcode` answers. */
import { PlatformError } from '../../src/errors.js';
import { permanent, RateLimitedError, type IssuedToken, type OutboundContext } from '../outbound.js';
import { callJson, httpFailure, numberField, stringField, type JsonAnswer } from '../outbound-http.js';

export const WECOM_TOKEN_PATH = '/cgi-bin/gettoken';
/** 42001 expired, 40014 invalid, 41001 missing: refresh once and retry. */
export const WECOM_TOKEN_EXPIRED_ERRCODES: readonly number[] = [42001, 40014, 41001];
/** 45009 API frequency limit, 45033 too many concurrent calls. */
export const WECOM_RATE_LIMIT_ERRCODES: readonly number[] = [45009, 45033];
/** -1: system busy, try again. */
const WECOM_BUSY_ERRCODE = -1;

/** One token per app (corp id + agent). */
export function wecomTokenKey(corpId: string, agentId: string): string {
  return `wecom:${corpId}:${agentId}`;
}

export async function issueWecomToken(context: OutboundContext, corpId: string, secret: string): Promise<IssuedToken> {
  const what = 'WeCom gettoken';
  const query = new URLSearchParams({ corpid: corpId, corpsecret: secret });
  const answer = await callJson(context.fetch, `${context.baseUrls.wecom}${WECOM_TOKEN_PATH}?${query.toString()}`, { method: 'GET' }, what);
  const token = stringField(answer.body, 'access_token');
  const expiresIn = numberField(answer.body, 'expires_in');
  if (answer.status === 200 && numberField(answer.body, 'errcode') === 0 && token !== undefined && expiresIn !== undefined) {
    return { token, expiresInSeconds: expiresIn };
  }
  const failure = wecomFailure(what, answer);
  throw failure.platformCode === 'token_expired' ? permanent(failure.message) : failure;
}

export function wecomFailure(what: string, answer: JsonAnswer): PlatformError {
  const errcode = numberField(answer.body, 'errcode');
  if (errcode === undefined || errcode === 0 || answer.status !== 200) return httpFailure(what, answer, errcode === undefined ? '' : `errcode ${errcode}`);
  const message = `${what}: errcode ${errcode} ${stringField(answer.body, 'errmsg') ?? ''}`.trim();
  if (WECOM_RATE_LIMIT_ERRCODES.includes(errcode)) return new RateLimitedError(message);
  if (WECOM_TOKEN_EXPIRED_ERRCODES.includes(errcode)) return new PlatformError('token_expired', message);
  if (errcode === WECOM_BUSY_ERRCODE) return new PlatformError('temporary', message);
  return permanent(message);
}
