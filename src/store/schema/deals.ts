import { bigint, foreignKey, index, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { customers } from './customers.js';
import { users } from './users.js';

export const dealStatuses = ['open', 'won', 'lost'] as const;
export type DealStatus = (typeof dealStatuses)[number];

/** A qualified opportunity moving through the stage model. */
export const deals = pgTable(
  'deals',
  {
    tenantId: text('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    leadId: uuid('lead_id'),
    customerId: uuid('customer_id'),
    ownerId: uuid('owner_id'),
    title: text('title'),
    product: text('product'),
    source: text('source').notNull().default('manual'),
    class: text('class').notNull().default('standard'),
    /** Stage key in the tenant's stage model; the source system's own stage name is kept in `sourceStage`. */
    stage: text('stage').notNull(),
    sourceStage: text('source_stage'),
    status: text('status').$type<DealStatus>().notNull().default('open'),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    externalRef: text('external_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('deals_tenant_external_ref').on(t.tenantId, t.externalRef),
    index('deals_customer').on(t.tenantId, t.customerId),
    index('deals_owner_status').on(t.tenantId, t.ownerId, t.status),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }),
  ],
);
