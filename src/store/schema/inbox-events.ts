import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

export const inboxStatuses = ['pending', 'processed', 'ignored', 'failed'] as const;
export type InboxStatus = (typeof inboxStatuses)[number];

/**
 * Every inbound platform event, committed before the platform gets its ack.
 * Rules run from here afterwards, so a crash after commit loses nothing.
 */
export const inboxEvents = pgTable(
  'inbox_events',
  {
    tenantId: text('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    platform: text('platform').notNull(),
    /** http, stream, long_connection */
    transport: text('transport').notNull(),
    dedupKey: text('dedup_key').notNull(),
    /** The platform's own event type string, kept for diagnosis. */
    vendorType: text('vendor_type').notNull(),
    /** The platform-free domain event kind, or 'ignored'. */
    kind: text('kind').notNull(),
    status: text('status').$type<InboxStatus>().notNull().default('pending'),
    ignoreReason: text('ignore_reason'),
    /** The normalized domain event. */
    event: jsonb('event').notNull(),
    /** The decrypted platform payload, verbatim. */
    raw: text('raw').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    /** What processing did when it changed something other than adding a sales action (e.g. "contact created; open lead created"). */
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('inbox_events_tenant_platform_dedup').on(t.tenantId, t.platform, t.dedupKey),
    index('inbox_events_pending').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index('inbox_events_tenant_received').on(t.tenantId, t.receivedAt),
  ],
);
