/**
 * Access to the console of one tenant. Open without login only for the embedded demo tenant (id `demo` and
 * settings.demo true: published data and made-up people). Any other tenant needs a session from logging in
 * with the API token (every user) or from a per-user link (that user only). A session is for one tenant: the
 * tenant in the cookie must be the tenant in the URL. Posts must come from the console's own pages: the
 * session's CSRF token in the form, and no foreign Origin / Sec-Fetch-Site.
 */
import type { FastifyRequest } from 'fastify';
import type { TenantDirectory } from '../../../store/tenant-directory.js';
import { PUBLIC_DEMO_TENANT, sameSecret } from '../api/api-auth.js';
import { CONSOLE_TENANT_PATTERN, readCookie, sessionCookieName, setCookieHeader, type ConsoleKeys, type ConsoleSession } from './console-session.js';

export interface ConsoleTenant {
  id: string;
  name: string;
  timezone: string;
  /** The open demo: no login. */
  open: boolean;
}

export async function findConsoleTenant(tenants: TenantDirectory, tenantId: string): Promise<ConsoleTenant | undefined> {
  if (!CONSOLE_TENANT_PATTERN.test(tenantId)) return undefined;
  const tenant = await tenants.tenant(tenantId);
  if (!tenant) return undefined;
  return { id: tenant.id, name: tenant.name, timezone: tenant.timezone, open: tenant.id === PUBLIC_DEMO_TENANT && tenant.settings.demo === true };
}

export interface ConsoleAccess {
  session: ConsoleSession;
  /** A Set-Cookie header to send: a new session was started. */
  setCookie?: string;
}

export function isSecure(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

export function sessionCookie(request: FastifyRequest, keys: ConsoleKeys, session: ConsoleSession, now: Date): string {
  return setCookieHeader(sessionCookieName(session.tenantId), keys.seal(session), { secure: isSecure(request), maxAgeMs: session.expiresAt - now.getTime() });
}

export function clearSessionCookie(request: FastifyRequest, tenantId: string): string {
  return setCookieHeader(sessionCookieName(tenantId), '', { secure: isSecure(request), maxAgeMs: 0 });
}

/** The request's session for `tenant`; the open demo starts one (any user) when there is none. */
export function currentAccess(request: FastifyRequest, tenant: ConsoleTenant, keys: ConsoleKeys, now: Date): ConsoleAccess | undefined {
  const session = keys.open(readCookie(request.headers.cookie, sessionCookieName(tenant.id)), tenant.id, now);
  if (session) return { session };
  if (!tenant.open) return undefined;
  const fresh = keys.newSession(tenant.id, null, now);
  return { session: fresh, setCookie: sessionCookie(request, keys, fresh, now) };
}

/** A session from a per-user link `?key=`, or undefined when the key is not that user's. */
export function linkAccess(request: FastifyRequest, tenant: ConsoleTenant, userId: string, key: string, keys: ConsoleKeys, now: Date): ConsoleAccess | undefined {
  if (!keys.checkUserLinkKey(tenant.id, userId, key)) return undefined;
  const session = keys.newSession(tenant.id, userId, now);
  return { session, setCookie: sessionCookie(request, keys, session, now) };
}

export function maySeeUser(session: ConsoleSession, userId: string): boolean {
  return session.userId === null || session.userId === userId;
}

/** Why a form post is not accepted as coming from the console's own page, or undefined when it is. */
export function foreignPostProblem(request: FastifyRequest): string | undefined {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site is ${site}`;
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== '') {
    let from: string;
    let to: string;
    try {
      from = new URL(origin).host;
      // Through the URL parser too, so a default port (Host: example.com:80) compares equal.
      to = new URL(`${request.protocol}://${request.host}`).host;
    } catch {
      return 'unreadable Origin or Host';
    }
    if (from !== to) return 'Origin is another site';
  }
  return undefined;
}

export function csrfMatches(session: ConsoleSession, presented: string | undefined): boolean {
  return typeof presented === 'string' && presented !== '' && sameSecret(presented, session.csrf);
}

