import { date, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { tenants } from './tenants.js';

export const calendarOverrideKinds = ['day_off', 'working_day'] as const;
export type CalendarOverrideKind = (typeof calendarOverrideKinds)[number];

/** A tenant's own exceptions to the official calendar: company days off, extra working days. Edited by admins. */
export const calendarOverrides = pgTable(
  'calendar_overrides',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id),
    day: date('day', { mode: 'string' }).notNull(),
    kind: text('kind').$type<CalendarOverrideKind>().notNull(),
    note: text('note'),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day] })],
);
