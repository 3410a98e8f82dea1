import { jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** A customer organisation using salesbeat. `id` is the slug used in webhook URLs. */
export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull().default('Asia/Shanghai'),
  locale: text('locale').notNull().default('zh-CN'),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Per-tenant, per-platform app credentials (app id/secret, encrypt keys, tokens). */
export const platformCredentials = pgTable(
  'platform_credentials',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id),
    platform: text('platform').notNull(),
    config: jsonb('config').$type<Record<string, string>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.platform] })],
);
