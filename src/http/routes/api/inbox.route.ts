import type { FastifyInstance } from 'fastify';
import { platforms, type DomainEventKind } from '../../../core/events.js';
import { listInboxEvents } from '../../../store/inbox-query.repository.js';
import { inboxStatuses, type InboxStatus } from '../../../store/schema/index.js';
import type { AppDeps } from '../../build.js';
import { iso, requireTenant } from './api-tenant.js';
import { instant, integer, listResponses, nullableInstant, nullableText, querySchema, tenantParams, text, uuid } from './api-schemas.js';

const inboxItem = {
  properties: {
    id: uuid,
    platform: text,
    transport: { ...text, description: 'http, stream, long_connection' },
    dedup_key: { ...text, description: "The platform's event id (deduplication key)" },
    vendor_type: { ...text, description: "The platform's own event type" },
    kind: { ...text, description: 'Domain event kind, or ignored' },
    status: { type: 'string', enum: inboxStatuses },
    ignore_reason: nullableText,
    attempts: integer,
    last_error: nullableText,
    received_at: instant,
    processed_at: nullableInstant,
  },
} as const;

/** Every domain event kind, `ignored` included: what inbox_events.kind holds. A Record, so a new kind can't be forgotten. */
const kinds: Record<DomainEventKind, true> = {
  'message.received': true,
  'contact.added': true,
  'contact.removed': true,
  'meeting.started': true,
  'meeting.ended': true,
  'call.ended': true,
  'card.action': true,
  ignored: true,
};
export const inboxKinds = Object.keys(kinds) as DomainEventKind[];

interface Query {
  status?: InboxStatus;
  platform?: string;
  kind?: DomainEventKind;
  limit: number;
  offset: number;
}

export async function inboxRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get<{ Params: { tenant: string }; Querystring: Query }>(
    '/tenants/:tenant/inbox',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Inbound platform events for diagnosis, newest first (no payloads) / 入站事件',
        params: tenantParams,
        querystring: querySchema({
          status: { type: 'string', enum: inboxStatuses },
          platform: { type: 'string', enum: platforms },
          kind: { type: 'string', enum: inboxKinds, description: 'Domain event kind, or ignored' },
        }),
        response: listResponses(inboxItem),
      },
    },
    async (request) => {
      const tenant = await requireTenant(deps.tenants, request.params.tenant);
      const { status, platform, kind, limit, offset } = request.query;
      const page = await listInboxEvents(deps.database.db, tenant.id, { status, platform, kind, limit, offset });
      return {
        items: page.items.map((e) => ({
          id: e.id,
          platform: e.platform,
          transport: e.transport,
          dedup_key: e.dedupKey,
          vendor_type: e.vendorType,
          kind: e.kind,
          status: e.status,
          ignore_reason: e.ignoreReason,
          attempts: e.attempts,
          last_error: e.lastError,
          received_at: iso(e.receivedAt),
          processed_at: iso(e.processedAt),
        })),
        total: page.total,
        limit,
        offset,
      };
    },
  );
}
