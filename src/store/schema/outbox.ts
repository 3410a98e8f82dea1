import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

export const outboxStatuses = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/** Everything salesbeat has to say on a platform: bot replies now, cards later. Claimed with FOR UPDATE SKIP LOCKED. */
export const outbox = pgTable(
  'outbox',
  {
    tenantId: text('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    platform: text('platform').notNull(),
    /** reply (text answer to a rep's chat message) or card */
    kind: text('kind').notNull(),
    /** Where it goes, in the platform's own terms (chat id, user id, session webhook, ...). */
    recipient: jsonb('recipient').$type<Record<string, string>>().notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** Idempotency key: one logical message is queued once. */
    dedupKey: text('dedup_key').notNull(),
    status: text('status').$type<OutboxStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    platformMessageId: text('platform_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('outbox_tenant_dedup').on(t.tenantId, t.dedupKey),
    index('outbox_pending').on(t.nextAttemptAt).where(sql`status = 'pending'`),
  ],
);
