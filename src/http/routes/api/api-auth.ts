import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthError } from '../../../errors.js';

/** The tenant whose data anyone may read without a token: the embedded demo (`salesbeat serve --demo`). */
export const PUBLIC_DEMO_TENANT = 'demo';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * Checks `Authorization: Bearer <SALESBEAT_API_TOKEN>` in constant time; throws AuthError (401) otherwise.
 * Without a configured token the API is closed to everyone. The demo tenant is readable without a token: it only
 * ever holds the published Maven dataset and made-up people, and being readable without setup is its purpose.
 * A token that IS presented is checked everywhere, the demo included: a wrong one is a 401, never a silent 200.
 */
export function checkApiAccess(authorization: string | undefined, tenantId: string | undefined, apiToken: string | undefined): void {
  if (tenantId === PUBLIC_DEMO_TENANT && (authorization ?? '').trim() === '') return;
  if (!apiToken) {
    throw new AuthError(
      'the API is closed: SALESBEAT_API_TOKEN is not set on the server',
      'API 未开放：服务端未设置 SALESBEAT_API_TOKEN',
    );
  }
  const presented = BEARER.exec(authorization ?? '')?.[1];
  if (!presented) {
    throw new AuthError('missing bearer token: send "Authorization: Bearer <SALESBEAT_API_TOKEN>"', '缺少令牌：请发送 “Authorization: Bearer <SALESBEAT_API_TOKEN>”');
  }
  if (!sameSecret(presented, apiToken)) throw new AuthError('invalid API token', 'API 令牌无效');
}

/** Constant-time equality of two secrets of any length (compares their SHA-256 digests). */
export function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}
