/** What every console route needs: the app's dependencies, the session keys, and small request/reply helpers. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../../core/card-text.js';
import type { AppDeps } from '../../build.js';
import { csrfMatches, currentAccess, findConsoleTenant, foreignPostProblem, maySeeUser, type ConsoleAccess, type ConsoleTenant } from './console-access.js';
import { pathOf } from './console-html.js';
import { CSRF_FIELD } from './console-layout.js';
import type { LoginThrottle } from './console-login-throttle.js';
import type { ConsoleKeys } from './console-session.js';
import { loginPage, messagePage } from './console-views.js';

export interface ConsoleDeps extends AppDeps {
  keys: ConsoleKeys;
  loginThrottle: LoginThrottle;
}

export type FormBody = Record<string, string | undefined>;

export function langOf(value: string | undefined): Locale {
  return value === 'en' ? 'en' : 'zh-CN';
}

export function langQuery(lang: Locale): string | undefined {
  return lang === 'en' ? 'en' : undefined;
}

export function sendPage(reply: FastifyReply, status: number, page: string, setCookie?: string): FastifyReply {
  if (setCookie) reply.header('set-cookie', setCookie);
  return reply.status(status).type('text/html; charset=utf-8').send(page);
}

export function seeOther(reply: FastifyReply, location: string, setCookie?: string): FastifyReply {
  if (setCookie) reply.header('set-cookie', setCookie);
  return reply.redirect(location, 303);
}

export function notFound(reply: FastifyReply, zh = '找不到此页面或租户', en = 'No such page or tenant'): FastifyReply {
  return sendPage(reply, 404, messagePage(404, zh, en));
}

export function forbidden(reply: FastifyReply, zh: string, en: string): FastifyReply {
  return sendPage(reply, 403, messagePage(403, zh, en));
}

export function askLogin(reply: FastifyReply, deps: ConsoleDeps, tenant: ConsoleTenant, options: { failed?: boolean; badLink?: boolean } = {}): FastifyReply {
  return sendPage(reply, 401, loginPage(tenant, { tokenConfigured: deps.apiToken !== undefined, failed: options.failed ?? false, badLink: options.badLink ?? false }));
}

export function inboxPath(tenantId: string, userId: string, query: Record<string, string | undefined> = {}): string {
  return pathOf(['console', tenantId, 'users', userId], query);
}

/**
 * The checks every console form post passes: known tenant, a session for it, a same-origin post carrying the
 * session's CSRF token and, when `userId` is given, a session allowed to act as that user. Answers the
 * request itself (404 / 401 / 403) and returns undefined when a check fails.
 */
export async function acceptPost(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: ConsoleDeps,
  tenantId: string,
  userId?: string,
): Promise<{ tenant: ConsoleTenant; access: ConsoleAccess } | undefined> {
  const tenant = await findConsoleTenant(deps.tenants, tenantId);
  if (!tenant) {
    notFound(reply);
    return undefined;
  }
  const body = (request.body ?? {}) as FormBody;
  const foreign = foreignPostProblem(request);
  const access = currentAccess(request, tenant, deps.keys, deps.clock());
  if (foreign || (access && !csrfMatches(access.session, body[CSRF_FIELD]))) {
    request.log.warn({ tenant: tenant.id, reason: foreign ?? 'csrf token missing or wrong' }, 'console post refused');
    forbidden(reply, '请求不是来自控制台页面，已拒绝。请刷新页面后重试。', 'This request did not come from the console page and was refused. Reload the page and try again.');
    return undefined;
  }
  if (!access) {
    askLogin(reply, deps, tenant);
    return undefined;
  }
  if (userId !== undefined && !maySeeUser(access.session, userId)) {
    forbidden(reply, '你只能以自己的身份操作。', 'You can only act as yourself.');
    return undefined;
  }
  return { tenant, access };
}

