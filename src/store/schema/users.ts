import { boolean, foreignKey, index, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants.js';

export const userRoles = ['rep', 'supervisor', 'admin'] as const;
export type UserRole = (typeof userRoles)[number];

/** A member of the sales organisation: rep, supervisor or admin. */
export const users = pgTable(
  'users',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    role: text('role').$type<UserRole>().notNull().default('rep'),
    team: text('team'),
    region: text('region'),
    email: text('email'),
    active: boolean('active').notNull().default(true),
    /** Where this user's cards go: feishu, dingtalk, wecom, or console (the built-in web inbox) when unset. */
    preferredPlatform: text('preferred_platform'),
    /** Stable key from an import or HR system, unique per tenant. */
    externalRef: text('external_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('users_tenant_external_ref').on(t.tenantId, t.externalRef)],
);

/**
 * How a user is known on a chat platform. `idType` is the platform's own name:
 * feishu open_id/user_id/union_id, dingtalk userId/staffId, wecom userid.
 */
export const userIdentities = pgTable(
  'user_identities',
  {
    tenantId: text('tenant_id').notNull(),
    platform: text('platform').notNull(),
    idType: text('id_type').notNull(),
    value: text('value').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.platform, t.idType, t.value] }),
    index('user_identities_user').on(t.tenantId, t.userId),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }),
  ],
);

/** The reporting line: who supervises whom (one direct supervisor per user). */
export const reportingLines = pgTable(
  'reporting_lines',
  {
    tenantId: text('tenant_id').notNull(),
    userId: uuid('user_id').notNull(),
    supervisorId: uuid('supervisor_id').notNull(),
    since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    index('reporting_lines_supervisor').on(t.tenantId, t.supervisorId),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [t.tenantId, t.supervisorId], foreignColumns: [users.tenantId, users.id] }),
  ],
);
