/**
 * /console — the local platform: a web page per user that plays the chat platform (adapters/console for its
 * inbound and outbound sides). HTML only, no script, no external resource; every page sends a strict CSP.
 * Access rules: console-access.ts. Form posts are application/x-www-form-urlencoded, parsed here only.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../../../errors.js';
import type { AppDeps } from '../../build.js';
import { sendPage } from './console-context.js';
import { LoginThrottle } from './console-login-throttle.js';
import { consolePageRoutes } from './console-pages.route.js';
import { consolePostRoutes } from './console-post.route.js';
import { ConsoleKeys } from './console-session.js';
import { messagePage } from './console-views.js';

export const CONSOLE_PREFIX = '/console';
/** Console forms are small: a message is at most 2000 characters. */
export const CONSOLE_BODY_LIMIT_BYTES = 64 * 1024;

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on form posts, and the origin check needs it.
  'referrer-policy': 'same-origin',
};

function parseForm(body: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of new URLSearchParams(body)) if (!(key in out)) out[key] = value;
  return out;
}

export async function consoleRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const consoleDeps = { ...deps, keys: new ConsoleKeys(deps.apiToken), loginThrottle: new LoginThrottle() };
  await app.register(
    async (scope) => {
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: CONSOLE_BODY_LIMIT_BYTES }, (_request, body, done) => {
        done(null, parseForm(body as string));
      });
      scope.addHook('onSend', async (request, reply, payload) => {
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
        if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
        return payload;
      });
      scope.setErrorHandler((error: FastifyError, request, reply) => {
        if (error instanceof AppError && error.status < 500) return sendPage(reply, error.status, messagePage(error.status, error.messageZh, error.message));
        const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
        if (status < 500) return sendPage(reply, status, messagePage(status, '请求无效', 'Bad request'));
        request.log.error({ err: error }, 'console request failed');
        return sendPage(reply, 500, messagePage(500, '服务内部错误', 'Internal error'));
      });
      scope.setNotFoundHandler((_request, reply) => sendPage(reply, 404, messagePage(404, '找不到此页面', 'No such page')));
      await scope.register(consolePageRoutes, consoleDeps);
      await scope.register(consolePostRoutes, consoleDeps);
    },
    { prefix: CONSOLE_PREFIX },
  );
}
