import { bigint, index, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

export const salesActionKinds = ['message', 'call', 'meeting', 'visit', 'email', 'note'] as const;
export type SalesActionKind = (typeof salesActionKinds)[number];

/** Something a rep actually did with a customer, captured from a platform or logged through the bot. */
export const salesActions = pgTable(
  'sales_actions',
  {
    tenantId: text('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    kind: text('kind').$type<SalesActionKind>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    customerId: uuid('customer_id'),
    contactId: uuid('contact_id'),
    leadId: uuid('lead_id'),
    dealId: uuid('deal_id'),
    /** Where it happened: group_chat, direct_chat, meeting, phone, bot_log, crm_import. */
    channel: text('channel').notNull(),
    platform: text('platform').notNull(),
    /** Who spoke: rep (our side) or customer. */
    direction: text('direction').notNull().default('rep'),
    summary: text('summary'),
    keywords: text('keywords').array().notNull().default([]),
    durationSeconds: bigint('duration_seconds', { mode: 'number' }),
    inboxEventId: uuid('inbox_event_id'),
    /** Idempotency key: the same inbox event processed twice writes the same source_ref once. */
    sourceRef: text('source_ref').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('sales_actions_tenant_source_ref').on(t.tenantId, t.sourceRef),
    index('sales_actions_lead_time').on(t.tenantId, t.leadId, t.occurredAt),
    index('sales_actions_customer_time').on(t.tenantId, t.customerId, t.occurredAt),
    index('sales_actions_actor_time').on(t.tenantId, t.actorId, t.occurredAt),
  ],
);
