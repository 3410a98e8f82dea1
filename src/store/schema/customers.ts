import { bigint, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants.js';

/** A customer company. */
export const customers = pgTable(
  'customers',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    sector: text('sector'),
    country: text('country'),
    employees: integer('employees'),
    /** Annual revenue in integer fen (or the currency's minor unit). */
    revenueFen: bigint('revenue_fen', { mode: 'number' }),
    yearEstablished: integer('year_established'),
    parentName: text('parent_name'),
    externalRef: text('external_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('customers_tenant_external_ref').on(t.tenantId, t.externalRef),
    index('customers_tenant_name').on(t.tenantId, t.name),
  ],
);

export const contactRoles = ['decision_maker', 'influencer', 'user', 'other'] as const;
export type ContactRole = (typeof contactRoles)[number];

/** A person at a customer. */
export const contacts = pgTable(
  'contacts',
  {
    tenantId: text('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    customerId: uuid('customer_id'),
    name: text('name').notNull(),
    title: text('title'),
    role: text('role').$type<ContactRole>().notNull().default('other'),
    phone: text('phone'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('contacts_customer').on(t.tenantId, t.customerId),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
  ],
);

/** How a contact is known on a platform: wecom external_userid, feishu open_id, dingtalk ids, phone. */
export const contactIdentities = pgTable(
  'contact_identities',
  {
    tenantId: text('tenant_id').notNull(),
    platform: text('platform').notNull(),
    idType: text('id_type').notNull(),
    value: text('value').notNull(),
    contactId: uuid('contact_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.platform, t.idType, t.value] }),
    index('contact_identities_contact').on(t.tenantId, t.contactId),
    foreignKey({ columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
  ],
);

/** A group chat bound to a customer (WeCom customer group, or `/bind` in Feishu/DingTalk). */
export const chatBindings = pgTable(
  'chat_bindings',
  {
    tenantId: text('tenant_id').notNull(),
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    boundBy: uuid('bound_by'),
    boundAt: timestamp('bound_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.platform, t.chatId] }),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
  ],
);
