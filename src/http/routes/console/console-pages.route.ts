/**
 * GET /console                       start page (and ?tenant=<id> → that tenant's console)
 * GET /console/assets/console.css    the stylesheet
 * GET /console/:tenant               pick a user (login page when the tenant needs one)
 * POST /console/:tenant/login        API token → session cookie
 * POST /console/:tenant/logout
 * GET /console/:tenant/users/:userId one user's inbox; `?key=` (a per-user link) starts that user's session
 * GET /console/:tenant/leads/:leadId a lead (where a card's "查看线索 View lead" link goes)
 */
import type { FastifyInstance } from 'fastify';
import { countConsoleInboxes, findConsoleOutcome, listConsoleChats, listConsoleContacts, listConsoleInbox, listConsoleMessages, listConsoleUsers } from '../../../store/console-query.repository.js';
import { listActions } from '../../../store/action-query.repository.js';
import { findLeadDetail } from '../../../store/lead-detail.repository.js';
import { findUserById } from '../../../store/user.repository.js';
import { PUBLIC_DEMO_TENANT, sameSecret } from '../api/api-auth.js';
import { clearSessionCookie, currentAccess, findConsoleTenant, foreignPostProblem, linkAccess, maySeeUser, sessionCookie } from './console-access.js';
import { acceptPost, askLogin, forbidden, inboxPath, langOf, langQuery, notFound, seeOther, sendPage, type ConsoleDeps, type FormBody } from './console-context.js';
import { flashCodes, isFlashCode, MAX_OUTCOME_REFRESHES, outcomeFlash, type Flash } from './console-flash.js';
import { pathOf } from './console-html.js';
import { inboxPage } from './console-inbox-view.js';
import { leadPage } from './console-lead-view.js';
import { CONSOLE_CSS } from './console-style.js';
import { CONSOLE_TENANT_PATTERN } from './console-session.js';
import { landingPage, messagePage, usersPage } from './console-views.js';

/** Recent actions a lead page lists. */
export const LEAD_ACTIONS_SHOWN = 20;

interface PageQuery {
  lang?: string;
  flash?: string;
  event?: string;
  tries?: string;
  key?: string;
  tenant?: string;
}

function codeFlash(code: string | undefined): Flash | undefined {
  return isFlashCode(code) ? flashCodes[code] : undefined;
}

export async function consolePageRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  app.get<{ Querystring: PageQuery }>('/', async (request, reply) => {
    const wanted = request.query.tenant?.trim();
    if (wanted) return CONSOLE_TENANT_PATTERN.test(wanted) ? seeOther(reply, pathOf(['console', wanted])) : notFound(reply);
    const demo = await findConsoleTenant(deps.tenants, PUBLIC_DEMO_TENANT);
    return sendPage(reply, 200, landingPage(demo?.open ? demo : undefined));
  });

  app.get('/assets/console.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(CONSOLE_CSS),
  );

  app.get<{ Params: { tenant: string }; Querystring: PageQuery }>('/:tenant', async (request, reply) => {
    const tenant = await findConsoleTenant(deps.tenants, request.params.tenant);
    if (!tenant) return notFound(reply);
    const access = currentAccess(request, tenant, deps.keys, deps.clock());
    if (!access) return askLogin(reply, deps, tenant);
    const lang = langOf(request.query.lang);
    if (access.session.userId !== null) return seeOther(reply, inboxPath(tenant.id, access.session.userId, { lang: langQuery(lang) }), access.setCookie);
    const users = await listConsoleUsers(deps.database.db, tenant.id);
    const inboxCounts = await countConsoleInboxes(deps.database.db, tenant.id);
    const linkKey = !tenant.open && deps.keys.linksEnabled ? (userId: string) => deps.keys.userLinkKey(tenant.id, userId) : undefined;
    const flash = codeFlash(request.query.flash);
    const page = usersPage({ tenant, session: access.session, users, inboxCounts, lang, ...(flash ? { flash } : {}), ...(linkKey ? { linkKey } : {}) });
    return sendPage(reply, 200, page, access.setCookie);
  });

  app.post<{ Params: { tenant: string }; Body: FormBody }>('/:tenant/login', async (request, reply) => {
    const tenant = await findConsoleTenant(deps.tenants, request.params.tenant);
    if (!tenant) return notFound(reply);
    const foreign = foreignPostProblem(request);
    if (foreign) {
      request.log.warn({ tenant: tenant.id, reason: foreign }, 'console login refused: not posted from the console page');
      return forbidden(reply, '登录请求不是来自控制台页面，已拒绝。', 'This login did not come from the console page and was refused.');
    }
    if (tenant.open) return seeOther(reply, pathOf(['console', tenant.id]));
    const now = deps.clock();
    const retryAfter = deps.loginThrottle.retryAfterSeconds(tenant.id, request.ip, now);
    if (retryAfter !== undefined) {
      request.log.warn({ tenant: tenant.id, retryAfter }, 'console login refused: too many failed attempts');
      reply.header('retry-after', String(retryAfter));
      return sendPage(reply, 429, messagePage(429, `登录失败次数过多，请 ${retryAfter} 秒后再试。`, `Too many failed logins; try again in ${retryAfter} seconds.`));
    }
    if (!deps.apiToken) return askLogin(reply, deps, tenant);
    const token = request.body?.token ?? '';
    if (token === '' || !sameSecret(token, deps.apiToken)) {
      deps.loginThrottle.recordFailure(tenant.id, request.ip, now);
      request.log.warn({ tenant: tenant.id }, 'console login refused: wrong API token');
      return askLogin(reply, deps, tenant, { failed: true });
    }
    deps.loginThrottle.recordSuccess(tenant.id, request.ip);
    const session = deps.keys.newSession(tenant.id, null, now);
    return seeOther(reply, pathOf(['console', tenant.id]), sessionCookie(request, deps.keys, session, now));
  });

  app.post<{ Params: { tenant: string }; Body: FormBody }>('/:tenant/logout', async (request, reply) => {
    const accepted = await acceptPost(request, reply, deps, request.params.tenant);
    if (!accepted) return reply;
    return seeOther(reply, pathOf(['console', accepted.tenant.id], { flash: 'logged_out' }), clearSessionCookie(request, accepted.tenant.id));
  });

  app.get<{ Params: { tenant: string; userId: string }; Querystring: PageQuery }>('/:tenant/users/:userId', async (request, reply) => {
    const { params, query } = request;
    const tenant = await findConsoleTenant(deps.tenants, params.tenant);
    if (!tenant) return notFound(reply);
    const now = deps.clock();
    const access = query.key ? linkAccess(request, tenant, params.userId, query.key, deps.keys, now) : currentAccess(request, tenant, deps.keys, now);
    if (!access) return askLogin(reply, deps, tenant, { badLink: query.key !== undefined });
    if (!maySeeUser(access.session, params.userId)) return forbidden(reply, '你只能查看自己的收件箱。', 'You can only see your own inbox.');
    const db = deps.database.db;
    const user = await findUserById(db, tenant.id, params.userId);
    if (!user) return notFound(reply, '此租户没有这位用户', 'No such user in this tenant');
    const lang = langOf(query.lang);

    let flash = codeFlash(query.flash);
    let refreshUrl: string | undefined;
    if (query.event) {
      const tries = Math.max(0, Number.parseInt(query.tries ?? '0', 10) || 0);
      const outcome = await findConsoleOutcome(db, tenant.id, query.event);
      const waiting = outcome?.status === 'pending' && tries < MAX_OUTCOME_REFRESHES;
      flash = outcomeFlash(outcome, waiting);
      if (waiting) refreshUrl = inboxPath(tenant.id, user.id, { event: query.event, tries: String(tries + 1), lang: langQuery(lang) });
    }
    const items = await listConsoleInbox(db, tenant.id, user.id);
    const messages = await listConsoleMessages(db, tenant.id, user.id);
    const contacts = await listConsoleContacts(db, tenant.id);
    const chats = await listConsoleChats(db, tenant.id);
    const page = inboxPage({
      tenant,
      session: access.session,
      user,
      lang,
      items,
      messages,
      contacts,
      chats,
      ...(flash ? { flash } : {}),
      ...(refreshUrl ? { refreshUrl } : {}),
    });
    return sendPage(reply, 200, page, access.setCookie);
  });

  app.get<{ Params: { tenant: string; leadId: string }; Querystring: PageQuery }>('/:tenant/leads/:leadId', async (request, reply) => {
    const tenant = await findConsoleTenant(deps.tenants, request.params.tenant);
    if (!tenant) return notFound(reply);
    const access = currentAccess(request, tenant, deps.keys, deps.clock());
    if (!access) return askLogin(reply, deps, tenant);
    const db = deps.database.db;
    const lead = await findLeadDetail(db, tenant.id, request.params.leadId);
    if (!lead) return notFound(reply, '此租户没有这条线索', 'No such lead in this tenant');
    const actions = await listActions(db, tenant.id, { leadId: lead.id, limit: LEAD_ACTIONS_SHOWN, offset: 0 });
    return sendPage(reply, 200, leadPage({ tenant, session: access.session, lang: langOf(request.query.lang), lead, actions: actions.items }), access.setCookie);
  });
}
