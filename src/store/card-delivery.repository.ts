/**
 * One recipient's copy of a card: the outbox row that carried it. A tap names the row (the console's `cardRef.outboxId`);
 * the card's final state is written back into the row's payload, which is what the console shows and what a later
 * in-place update on a platform sends.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Card } from '../core/card.js';
import type { Db } from './db.js';
import { outbox, type OutboxStatus } from './schema/index.js';
import { isUuid } from './uuid.js';

export interface CardDelivery {
  id: string;
  platform: string;
  recipient: Record<string, string>;
  card: Card;
  status: OutboxStatus;
  platformMessageId: string | null;
}

/**
 * The `card` row `outboxId`, locked until the transaction ends, so two taps on the same copy processed side by
 * side act one after the other (the second sees the first one's final state). Undefined when no such card row.
 */
export async function lockCardDelivery(db: Db, tenantId: string, outboxId: string | undefined): Promise<CardDelivery | undefined> {
  if (!isUuid(outboxId)) return undefined;
  const rows = await db
    .select({ id: outbox.id, platform: outbox.platform, recipient: outbox.recipient, payload: outbox.payload, status: outbox.status, platformMessageId: outbox.platformMessageId })
    .from(outbox)
    .where(and(eq(outbox.tenantId, tenantId), eq(outbox.id, outboxId), eq(outbox.kind, 'card')))
    .limit(1)
    .for('update');
  const row = rows[0];
  const card = row?.payload.card as Card | undefined;
  if (!row || typeof card?.id !== 'string') return undefined;
  return { id: row.id, platform: row.platform, recipient: row.recipient, card, status: row.status, platformMessageId: row.platformMessageId };
}

/** Replaces the card carried by the row (same id, new content: typically its final state). */
export async function replaceDeliveredCard(db: Db, tenantId: string, outboxId: string, card: Card): Promise<void> {
  await db
    .update(outbox)
    .set({ payload: sql`${outbox.payload} || ${JSON.stringify({ card })}::jsonb` })
    .where(and(eq(outbox.tenantId, tenantId), eq(outbox.id, outboxId)));
}
