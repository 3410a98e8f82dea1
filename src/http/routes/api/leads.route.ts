import type { FastifyInstance } from 'fastify';
import { listLeads } from '../../../store/lead-query.repository.js';
import { slaStepsOfLeads } from '../../../store/lead-sla-view.repository.js';
import { leadStatuses, type LeadStatus } from '../../../store/schema/index.js';
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

const leadItem = {
  properties: {
    id: uuid,
    customer_id: nullableUuid,
    customer_name: nullableText,
    contact_id: nullableUuid,
    owner_id: nullableUuid,
    owner_name: nullableText,
    title: nullableText,
    source: text,
    class: text,
    status: { type: 'string', enum: leadStatuses },
    sla_color: { type: 'string', enum: ['green', 'red'], description: 'red once a follow-up step was missed' },
    sla_steps: {
      type: 'array',
      description: 'Follow-up SLA steps in due order / 跟进时限步骤',
      items: {
        type: 'object',
        properties: {
          step: text,
          status: { type: 'string', enum: ['open', 'met', 'breached'] },
          due_at: instant,
          met_at: nullableInstant,
          breached_at: nullableInstant,
          escalate_at: nullableInstant,
          escalated_at: nullableInstant,
        },
      },
    },
    amount_fen: { ...nullableInteger, description: 'Expected value in the minor unit of `currency`' },
    currency,
    first_contact_at: nullableInstant,
    last_action_at: nullableInstant,
    external_ref: nullableText,
    created_at: instant,
  },
} as const;

interface Query {
  status?: LeadStatus;
  owner?: string;
  customer?: string;
  limit: number;
  offset: number;
}

export async function leadRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get<{ Params: { tenant: string }; Querystring: Query }>(
    '/tenants/:tenant/leads',
    {
      schema: {
        tags: ['leads'],
        summary: 'Leads, most recently active first / 线索',
        params: tenantParams,
        querystring: querySchema({
          status: { type: 'string', enum: leadStatuses },
          owner: { ...uuid, description: 'Owner user id' },
          customer: { ...uuid, description: 'Customer id' },
        }),
        response: listResponses(leadItem),
      },
    },
    async (request) => {
      const tenant = await requireTenant(deps.tenants, request.params.tenant);
      const { status, owner, customer, limit, offset } = request.query;
      const page = await listLeads(deps.database.db, tenant.id, { status, ownerId: owner, customerId: customer, limit, offset });
      const steps = await slaStepsOfLeads(deps.database.db, tenant.id, page.items.map((l) => l.id));
      return {
        items: page.items.map((l) => ({
          id: l.id,
          customer_id: l.customerId,
          customer_name: l.customerName,
          contact_id: l.contactId,
          owner_id: l.ownerId,
          owner_name: l.ownerName,
          title: l.title,
          source: l.source,
          class: l.class,
          status: l.status,
          sla_color: l.slaColor,
          sla_steps: (steps.get(l.id) ?? []).map((st) => ({
            step: st.step,
            status: st.status,
            due_at: iso(st.dueAt),
            met_at: iso(st.metAt),
            breached_at: iso(st.breachedAt),
            escalate_at: iso(st.escalateAt),
            escalated_at: iso(st.escalatedAt),
          })),
          amount_fen: l.amountFen,
          currency: tenant.currency,
          first_contact_at: iso(l.firstContactAt),
          last_action_at: iso(l.lastActionAt),
          external_ref: l.externalRef,
          created_at: iso(l.createdAt),
        })),
        total: page.total,
        limit,
        offset,
      };
    },
  );
}
