import { bigint, foreignKey, index, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { customers } from './customers.js';
import { users } from './users.js';

export const leadStatuses = ['open', 'converted', 'lost', 'closed'] as const;
export type LeadStatus = (typeof leadStatuses)[number];

/** An early-stage opportunity with a customer, owned by one rep. */
export const leads = pgTable(
  'leads',
  {
    tenantId: text('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    customerId: uuid('customer_id'),
    contactId: uuid('contact_id'),
    ownerId: uuid('owner_id'),
    title: text('title'),
    source: text('source').notNull().default('manual'),
    class: text('class').notNull().default('standard'),
    status: text('status').$type<LeadStatus>().notNull().default('open'),
    /** green while every follow-up step is on time; red once one is missed. */
    slaColor: text('sla_color').$type<'green' | 'red'>().notNull().default('green'),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    firstContactAt: timestamp('first_contact_at', { withTimezone: true }),
    lastActionAt: timestamp('last_action_at', { withTimezone: true }),
    externalRef: text('external_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('leads_tenant_external_ref').on(t.tenantId, t.externalRef),
    index('leads_customer').on(t.tenantId, t.customerId),
    index('leads_owner_status').on(t.tenantId, t.ownerId, t.status),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }),
  ],
);
