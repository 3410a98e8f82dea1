import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../build.js';
import { actionRoutes } from './actions.route.js';
import { requireAdminToken } from './api-admin.js';
import { checkApiAccess, PUBLIC_DEMO_TENANT } from './api-auth.js';
import { checkQueryParams } from './api-strict-query.js';
import { apiSchemaErrorFormatter } from './api-validation.js';
import { customerRoutes } from './customers.route.js';
import { dealRoutes } from './deals.route.js';
import { inboxRoutes } from './inbox.route.js';
import { leadRoutes } from './leads.route.js';
import { userRoutes } from './users.route.js';
import { calendarRoutes } from './calendar.route.js';
import { slaPolicyRoutes } from './sla-policies.route.js';

export const API_PREFIX = '/api/v1';
export const DOCS_PREFIX = '/docs';
/** Methods that only read; every other method changes something and needs the admin token (see api-admin.ts). */
const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/**
 * /api/v1 — the read-back JSON API, and its OpenAPI document at /docs (UI) and /docs/json.
 * Read routes are GET /api/v1/tenants/:tenant/<resource>, answer {items, total, limit, offset}, and need
 * `Authorization: Bearer <SALESBEAT_API_TOKEN>` — except for the public demo tenant (see api-auth.ts). Every other
 * method (PUT, DELETE, …) needs the token on every tenant, checked before its body is validated.
 */
export async function apiRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'salesbeat read API',
        version: '1.0.0',
        description:
          'Read-only access to what salesbeat captured. Send `Authorization: Bearer <SALESBEAT_API_TOKEN>`; ' +
          `the server answers 401 to everyone while that variable is unset. The tenant "${PUBLIC_DEMO_TENANT}" ` +
          '(the embedded demo: a public-domain dataset and made-up people) is readable without a token. ' +
          'Amounts are integers in the minor unit (fen, cents) of the `currency` beside them.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
      tags: [
        { name: 'customers', description: '客户' },
        { name: 'leads', description: '线索' },
        { name: 'deals', description: '商机' },
        { name: 'actions', description: '销售动作' },
        { name: 'inbox', description: '入站事件' },
        { name: 'users', description: '团队成员' },
        { name: 'calendar', description: '工作日历' },
        { name: 'sla', description: '跟进时限' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });
  await app.register(
    async (v1) => {
      v1.setSchemaErrorFormatter(apiSchemaErrorFormatter);
      v1.addHook('onRequest', async (request, reply) => {
        const tenantId = (request.params as { tenant?: string } | undefined)?.tenant;
        try {
          // Changes need the token on every tenant, checked here — before the body is parsed or validated — so a
          // caller without it learns nothing about the route's schema (401, not a 400 with validation details).
          if (!READ_METHODS.has(request.method)) requireAdminToken(request.headers.authorization, deps.apiToken);
          checkApiAccess(request.headers.authorization, tenantId, deps.apiToken);
        } catch (error) {
          reply.header('www-authenticate', 'Bearer realm="salesbeat"');
          throw error;
        }
      });
      v1.addHook('preValidation', async (request) => {
        checkQueryParams(request.query, request.routeOptions.schema?.querystring);
      });
      await v1.register(customerRoutes, deps);
      await v1.register(leadRoutes, deps);
      await v1.register(dealRoutes, deps);
      await v1.register(actionRoutes, deps);
      await v1.register(inboxRoutes, deps);
      await v1.register(userRoutes, deps);
      await v1.register(calendarRoutes, deps);
      await v1.register(slaPolicyRoutes, deps);
    },
    { prefix: API_PREFIX },
  );
}
