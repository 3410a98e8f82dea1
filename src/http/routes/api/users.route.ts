import type { FastifyInstance } from 'fastify';
import { userRoles, type UserRole } from '../../../store/schema/index.js';
import { listUsers } from '../../../store/user-query.repository.js';
import type { AppDeps } from '../../build.js';
import { iso, requireTenant } from './api-tenant.js';
import { instant, listResponses, nullableText, nullableUuid, querySchema, tenantParams, text, uuid } from './api-schemas.js';

const userItem = {
  properties: {
    id: uuid,
    name: text,
    role: { type: 'string', enum: userRoles },
    team: nullableText,
    region: nullableText,
    email: nullableText,
    active: { type: 'boolean' },
    supervisor_id: { ...nullableUuid, description: 'Direct supervisor (reporting line)' },
    external_ref: nullableText,
    created_at: instant,
  },
} as const;

interface Query {
  role?: UserRole;
  q?: string;
  limit: number;
  offset: number;
}

export async function userRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get<{ Params: { tenant: string }; Querystring: Query }>(
    '/tenants/:tenant/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Reps, supervisors and admins / 销售团队成员',
        params: tenantParams,
        querystring: querySchema({
          role: { type: 'string', enum: userRoles },
          q: { type: 'string', minLength: 1, maxLength: 100, description: 'Part of the name' },
        }),
        response: listResponses(userItem),
      },
    },
    async (request) => {
      const tenant = await requireTenant(deps.tenants, request.params.tenant);
      const { role, q, limit, offset } = request.query;
      const page = await listUsers(deps.database.db, tenant.id, { role, q, limit, offset });
      return {
        items: page.items.map((u) => ({
          id: u.id,
          name: u.name,
          role: u.role,
          team: u.team,
          region: u.region,
          email: u.email,
          active: u.active,
          supervisor_id: u.supervisorId,
          external_ref: u.externalRef,
          created_at: iso(u.createdAt),
        })),
        total: page.total,
        limit,
        offset,
      };
    },
  );
}
