import { sql } from 'drizzle-orm';
import type { Db } from './db.js';
import type { OutboxMessage } from './outbox.repository.js';

/** Messages per INSERT statement (each statement carries its batch as one JSON parameter). */
export const OUTBOX_BATCH_ROWS = 2_000;

/**
 * Queues many messages with one INSERT … SELECT FROM jsonb_to_recordset per OUTBOX_BATCH_ROWS (one JSON
 * parameter instead of thousands of bind parameters); a message whose dedup key is already queued (or repeats
 * within the batch) is skipped. `dueAt` (default: the database's now) is when the outbox worker may first
 * send them — pass the caller's injected clock. Returns the dedup keys actually queued.
 */
export async function enqueueOutboxBatch(db: Db, messages: readonly OutboxMessage[], dueAt?: Date): Promise<string[]> {
  const unique = [...new Map(messages.map((m) => [`${m.tenantId}\u0000${m.dedupKey}`, m])).values()];
  const queued: string[] = [];
  for (let start = 0; start < unique.length; start += OUTBOX_BATCH_ROWS) {
    const rows = unique.slice(start, start + OUTBOX_BATCH_ROWS).map((m) => ({
      tenant_id: m.tenantId,
      platform: m.platform,
      kind: m.kind,
      recipient: m.recipient,
      payload: m.payload,
      dedup_key: m.dedupKey,
    }));
    const result = (await db.execute(sql`
      insert into outbox (tenant_id, platform, kind, recipient, payload, dedup_key, next_attempt_at)
      select m.tenant_id, m.platform, m.kind, m.recipient, m.payload, m.dedup_key, coalesce(${dueAt?.toISOString() ?? null}::timestamptz, now())
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as m(tenant_id text, platform text, kind text, recipient jsonb, payload jsonb, dedup_key text)
      on conflict (tenant_id, dedup_key) do nothing
      returning dedup_key`)) as unknown as { rows: Array<{ dedup_key: string }> };
    queued.push(...result.rows.map((r) => r.dedup_key));
  }
  return queued;
}
