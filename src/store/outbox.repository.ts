import type { Db } from './db.js';
import { outbox } from './schema/index.js';

export interface OutboxMessage {
  tenantId: string;
  platform: string;
  /** reply (text answer to a chat message) or card */
  kind: 'reply' | 'card';
  recipient: Record<string, string>;
  payload: Record<string, unknown>;
  /** One logical message is queued once per tenant, however often it is enqueued. */
  dedupKey: string;
}

/** Queues the message for sending; returns false when a message with the same dedup key was already queued. */
export async function enqueueOutbox(db: Db, message: OutboxMessage): Promise<boolean> {
  const rows = await db
    .insert(outbox)
    .values(message)
    .onConflictDoNothing({ target: [outbox.tenantId, outbox.dedupKey] })
    .returning({ id: outbox.id });
  return rows.length > 0;
}
