import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../../errors.js';
import { listActions, type ActionListFilter } from '../../../store/action-query.repository.js';
import { salesActionKinds, type SalesActionKind } from '../../../store/schema/index.js';
import type { AppDeps } from '../../build.js';
import { iso, requireTenant } from './api-tenant.js';
import { parseTimeBound, TIME_FILTER_HELP, type TimeBound } from './api-validation.js';
import { instant, listResponses, nullableInteger, nullableText, nullableUuid, querySchema, tenantParams, text, uuid } from './api-schemas.js';

const actionItem = {
  properties: {
    id: uuid,
    kind: { type: 'string', enum: salesActionKinds },
    occurred_at: instant,
    actor_id: { ...nullableUuid, description: 'The rep who acted' },
    actor_name: nullableText,
    customer_id: nullableUuid,
    customer_name: nullableText,
    contact_id: nullableUuid,
    lead_id: nullableUuid,
    deal_id: nullableUuid,
    channel: { ...text, description: 'group_chat, direct_chat, meeting, phone, bot_log, crm_import' },
    platform: text,
    direction: { ...text, description: 'rep or customer' },
    summary: nullableText,
    keywords: { type: 'array', items: { type: 'string' } },
    duration_seconds: nullableInteger,
    inbox_event_id: nullableUuid,
    source_ref: text,
    created_at: instant,
  },
} as const;

interface Query {
  lead?: string;
  deal?: string;
  customer?: string;
  actor?: string;
  kind?: SalesActionKind;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export async function actionRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get<{ Params: { tenant: string }; Querystring: Query }>(
    '/tenants/:tenant/actions',
    {
      schema: {
        tags: ['actions'],
        summary: 'Captured sales actions, most recent first / 销售动作',
        params: tenantParams,
        querystring: querySchema({
          lead: { ...uuid, description: 'Lead id' },
          deal: { ...uuid, description: 'Deal id' },
          customer: { ...uuid, description: 'Customer id' },
          actor: { ...uuid, description: 'User id of the rep who acted' },
          kind: { type: 'string', enum: salesActionKinds },
          from: { type: 'string', maxLength: 40, description: `occurred_at ≥ from. ${TIME_FILTER_HELP}; a date means its midnight` },
          to: { type: 'string', maxLength: 40, description: `occurred_at ≤ to. ${TIME_FILTER_HELP}; a date includes that whole day` },
        }),
        response: listResponses(actionItem),
      },
    },
    async (request) => {
      const query = request.query;
      const tenant = await requireTenant(deps.tenants, request.params.tenant);
      const filter: ActionListFilter = {
        leadId: query.lead,
        dealId: query.deal,
        customerId: query.customer,
        actorId: query.actor,
        kind: query.kind,
        limit: query.limit,
        offset: query.offset,
      };
      const from = query.from === undefined ? undefined : parseTimeBound('from', query.from, tenant.timezone);
      const to = query.to === undefined ? undefined : parseTimeBound('to', query.to, tenant.timezone);
      if (from) filter.from = from.kind === 'day' ? from.start : from.at;
      if (to?.kind === 'day') filter.before = to.end;
      if (to?.kind === 'instant') filter.to = to.at;
      if (from && to && startOf(from) > endOf(to)) {
        throw new ValidationError('to', 'query parameter "to" must not be before "from"', '查询参数“to”不能早于“from”');
      }
      const page = await listActions(deps.database.db, tenant.id, filter);
      return {
        items: page.items.map((a) => ({
          id: a.id,
          kind: a.kind,
          occurred_at: iso(a.occurredAt),
          actor_id: a.actorId,
          actor_name: a.actorName,
          customer_id: a.customerId,
          customer_name: a.customerName,
          contact_id: a.contactId,
          lead_id: a.leadId,
          deal_id: a.dealId,
          channel: a.channel,
          platform: a.platform,
          direction: a.direction,
          summary: a.summary,
          keywords: a.keywords,
          duration_seconds: a.durationSeconds,
          inbox_event_id: a.inboxEventId,
          source_ref: a.sourceRef,
          created_at: iso(a.createdAt),
        })),
        total: page.total,
        limit: query.limit,
        offset: query.offset,
      };
    },
  );
}

function startOf(bound: TimeBound): number {
  return (bound.kind === 'day' ? bound.start : bound.at).getTime();
}

function endOf(bound: TimeBound): number {
  return bound.kind === 'day' ? bound.end.getTime() - 1 : bound.at.getTime();
}
