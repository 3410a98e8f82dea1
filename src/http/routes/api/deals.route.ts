import type { FastifyInstance } from 'fastify';
import { dealStageKeys, type DealStageKey } from '../../../core/deal-stages.js';
import { listDeals } from '../../../store/deal-query.repository.js';
import { dealStatuses, type DealStatus } from '../../../store/schema/index.js';
import type { AppDeps } from '../../build.js';
import { iso, requireTenant } from './api-tenant.js';
import {
  currency,
  instant,
  listResponses,
  nullableInstant,
  nullableInteger,
  nullableText,
  nullableUuid,
  querySchema,
  tenantParams,
  text,
  uuid,
} from './api-schemas.js';

const dealItem = {
  properties: {
    id: uuid,
    lead_id: nullableUuid,
    customer_id: nullableUuid,
    customer_name: nullableText,
    owner_id: nullableUuid,
    owner_name: nullableText,
    title: nullableText,
    product: nullableText,
    source: text,
    class: text,
    stage: { ...text, description: "Stage key in the tenant's stage model" },
    source_stage: { ...nullableText, description: "The source system's own stage name (imports)" },
    status: { type: 'string', enum: dealStatuses },
    amount_fen: { ...nullableInteger, description: 'Deal value in the minor unit of `currency` (fen, cents)' },
    currency,
    closed_at: nullableInstant,
    external_ref: nullableText,
    created_at: instant,
  },
} as const;

interface Query {
  status?: DealStatus;
  stage?: DealStageKey;
  owner?: string;
  customer?: string;
  limit: number;
  offset: number;
}

export async function dealRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get<{ Params: { tenant: string }; Querystring: Query }>(
    '/tenants/:tenant/deals',
    {
      schema: {
        tags: ['deals'],
        summary: 'Deals (opportunities), newest first / 商机',
        params: tenantParams,
        querystring: querySchema({
          status: { type: 'string', enum: dealStatuses },
          stage: { type: 'string', enum: dealStageKeys, description: 'Stage key in the seven-node stage model' },
          owner: { ...uuid, description: 'Owner user id' },
          customer: { ...uuid, description: 'Customer id' },
        }),
        response: listResponses(dealItem),
      },
    },
    async (request) => {
      const tenant = await requireTenant(deps.tenants, request.params.tenant);
      const { status, stage, owner, customer, limit, offset } = request.query;
      const page = await listDeals(deps.database.db, tenant.id, { status, stage, ownerId: owner, customerId: customer, limit, offset });
      return {
        items: page.items.map((d) => ({
          id: d.id,
          lead_id: d.leadId,
          customer_id: d.customerId,
          customer_name: d.customerName,
          owner_id: d.ownerId,
          owner_name: d.ownerName,
          title: d.title,
          product: d.product,
          source: d.source,
          class: d.class,
          stage: d.stage,
          source_stage: d.sourceStage,
          status: d.status,
          amount_fen: d.amountFen,
          currency: tenant.currency,
          closed_at: iso(d.closedAt),
          external_ref: d.externalRef,
          created_at: iso(d.createdAt),
        })),
        total: page.total,
        limit,
        offset,
      };
    },
  );
}
