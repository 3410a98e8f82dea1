/**
 * Who may use the console of a tenant, carried in a signed cookie: one per tenant (`sb_console_<tenant>`),
 * HttpOnly, SameSite=Strict, Path=/console, holding the tenant, the user it is limited to (or none: every user,
 * for the demo and for whoever logged in with the API token), a CSRF token for the page's forms, and an expiry.
 *
 * Secrets. With SALESBEAT_API_TOKEN set, the signing key and the per-user link key are derived from it (HMAC
 * with a purpose label), so every instance agrees and changing the token ends every session and link. Without
 * it only the open demo tenant can be used, and sessions are signed with a random per-process key.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sameSecret } from '../api/api-auth.js';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const SESSION_COOKIE_PREFIX = 'sb_console_';
export const CONSOLE_COOKIE_PATH = '/console';
/** The tenant ids the console serves (they name a cookie). */
export const CONSOLE_TENANT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export interface ConsoleSession {
  tenantId: string;
  /** The one user this session may act as; null = any user of the tenant. */
  userId: string | null;
  csrf: string;
  /** Epoch ms. */
  expiresAt: number;
}

interface SessionClaims {
  t: string;
  u: string | null;
  c: string;
  e: number;
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

export function sessionCookieName(tenantId: string): string {
  return `${SESSION_COOKIE_PREFIX}${tenantId}`;
}

export class ConsoleKeys {
  private readonly sessionKey: Buffer;
  private readonly linkKey: Buffer | undefined;

  constructor(apiToken: string | undefined) {
    this.sessionKey = apiToken ? hmac(apiToken, 'salesbeat console session v1') : randomBytes(32);
    this.linkKey = apiToken ? hmac(apiToken, 'salesbeat console link v1') : undefined;
  }

  /** Per-user links exist only when the server has an API token. */
  get linksEnabled(): boolean {
    return this.linkKey !== undefined;
  }

  newSession(tenantId: string, userId: string | null, now: Date): ConsoleSession {
    return { tenantId, userId, csrf: randomBytes(18).toString('base64url'), expiresAt: now.getTime() + SESSION_TTL_MS };
  }

  seal(session: ConsoleSession): string {
    const claims: SessionClaims = { t: session.tenantId, u: session.userId, c: session.csrf, e: session.expiresAt };
    const body = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
    return `${body}.${hmac(this.sessionKey, body).toString('base64url')}`;
  }

  /** The session in `value` if its signature is right, it is unexpired and it is for `tenantId`. */
  open(value: string | undefined, tenantId: string, now: Date): ConsoleSession | undefined {
    if (!value) return undefined;
    const dot = value.indexOf('.');
    if (dot <= 0) return undefined;
    const body = value.slice(0, dot);
    const signature = Buffer.from(value.slice(dot + 1), 'base64url');
    const expected = hmac(this.sessionKey, body);
    if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return undefined;
    let claims: SessionClaims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SessionClaims;
    } catch {
      return undefined;
    }
    if (claims.t !== tenantId || typeof claims.c !== 'string' || typeof claims.e !== 'number' || claims.e <= now.getTime()) return undefined;
    return { tenantId: claims.t, userId: typeof claims.u === 'string' ? claims.u : null, csrf: claims.c, expiresAt: claims.e };
  }

  /** The `key` of a per-user link: HMAC(tenant + user); undefined without an API token. */
  userLinkKey(tenantId: string, userId: string): string | undefined {
    return this.linkKey ? hmac(this.linkKey, `${tenantId}\n${userId}`).toString('base64url') : undefined;
  }

  checkUserLinkKey(tenantId: string, userId: string, key: string): boolean {
    const expected = this.userLinkKey(tenantId, userId);
    return expected !== undefined && sameSecret(key, expected);
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function setCookieHeader(name: string, value: string, options: { secure: boolean; maxAgeMs: number }): string {
  const parts = [`${name}=${value}`, `Path=${CONSOLE_COOKIE_PATH}`, 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.max(0, Math.floor(options.maxAgeMs / 1000))}`];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
