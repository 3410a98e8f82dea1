import type { FastifyInstance } from 'fastify';
import { listCustomers } from '../../../store/customer-query.repository.js';
import type { AppDeps } from '../../build.js';
import { iso, requireTenant } from './api-tenant.js';
import { currency, instant, listResponses, nullableInteger, nullableText, querySchema, tenantParams, text, uuid } from './api-schemas.js';

const customerItem = {
  properties: {
    id: uuid,
    name: text,
    sector: nullableText,
    country: nullableText,
    employees: nullableInteger,
    revenue_fen: { ...nullableInteger, description: 'Annual revenue in the minor unit of `currency` (fen, cents)' },
    currency,
    year_established: nullableInteger,
    parent_name: nullableText,
    external_ref: nullableText,
    created_at: instant,
  },
} as const;

interface Query {
  q?: string;
  limit: number;
  offset: number;
}

export async function customerRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get<{ Params: { tenant: string }; Querystring: Query }>(
    '/tenants/:tenant/customers',
    {
      schema: {
        tags: ['customers'],
        summary: 'Customers (companies) / 客户',
        params: tenantParams,
        querystring: querySchema({ q: { type: 'string', minLength: 1, maxLength: 100, description: 'Part of the name or external ref' } }),
        response: listResponses(customerItem),
      },
    },
    async (request) => {
      const tenant = await requireTenant(deps.tenants, request.params.tenant);
      const { q, limit, offset } = request.query;
      const page = await listCustomers(deps.database.db, tenant.id, { q, limit, offset });
      return {
        items: page.items.map((c) => ({
          id: c.id,
          name: c.name,
          sector: c.sector,
          country: c.country,
          employees: c.employees,
          revenue_fen: c.revenueFen,
          currency: tenant.currency,
          year_established: c.yearEstablished,
          parent_name: c.parentName,
          external_ref: c.externalRef,
          created_at: iso(c.createdAt),
        })),
        total: page.total,
        limit,
        offset,
      };
    },
  );
}
