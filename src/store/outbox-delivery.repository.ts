/**
 * The outbox's delivery states, for the outbox worker:
 *
 *   pending ──claim──▶ sending (leased until next_attempt_at; attempts + 1) ──▶ sent
 *      ▲                  │ └──▶ failed (permanent error, or attempts used up)
 *      └─ retry / release / lease expired
 *
 * A `sending` row whose lease ran out (its worker died) is put back to `pending` by requeueExpiredLeases. `attempts` doubles as the fencing
 * token: every claim bumps it, and a worker only records the outcome of the claim it holds
 * (`attempts = claimed.attempts`), so a worker that wakes up after losing its lease changes nothing.
 */
import type { Database } from './db.js';

export interface ClaimedOutboxRow {
  tenantId: string;
  id: string;
  platform: string;
  kind: string;
  recipient: Record<string, string>;
  payload: Record<string, unknown>;
  /** This claim's attempt number (1 for the first), also the fencing token. */
  attempts: number;
  /** Until when this claim is ours. */
  leaseUntil: Date;
}

interface ClaimedRecord {
  tenant_id: string;
  id: string;
  platform: string;
  kind: string;
  recipient: Record<string, string>;
  payload: Record<string, unknown>;
  attempts: number;
}

/** Leases up to `limit` due pending rows, oldest first (the partial index `outbox_pending` serves this). */
export async function claimDueOutbox(database: Database, now: Date, leaseMs: number, limit: number): Promise<ClaimedOutboxRow[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const rows = await database.query<ClaimedRecord>(
    `update outbox set status = 'sending', attempts = attempts + 1, next_attempt_at = $2::timestamptz
     where (tenant_id, id) in (
       select tenant_id, id from outbox
       where status = 'pending' and next_attempt_at <= $1::timestamptz
       order by next_attempt_at
       limit $3
       for update skip locked)
     returning tenant_id, id, platform, kind, recipient, payload, attempts`,
    [now.toISOString(), leaseUntil.toISOString(), limit],
  );
  return rows.map((r) => ({ tenantId: r.tenant_id, id: r.id, platform: r.platform, kind: r.kind, recipient: r.recipient, payload: r.payload, attempts: r.attempts, leaseUntil }));
}

/**
 * Rows left `sending` past their lease (their worker died) become `pending` again, due at once; those
 * interrupted `maxAttempts` times end `failed` instead. The stale worker's fence (status `sending` + its
 * attempts) no longer matches, so it cannot record anything afterwards.
 */
export async function requeueExpiredLeases(database: Database, now: Date, maxAttempts: number): Promise<{ requeued: number; failed: number }> {
  const rows = await database.query<{ status: string }>(
    `update outbox set
       status = case when attempts >= $2 then 'failed' else 'pending' end,
       last_error = case when attempts >= $2
         then 'delivery interrupted ' || attempts || ' times (the worker stopped before recording the result)'
         else last_error end
     where status = 'sending' and next_attempt_at <= $1::timestamptz
     returning status`,
    [now.toISOString(), maxAttempts],
  );
  const failed = rows.filter((r) => r.status === 'failed').length;
  return { requeued: rows.length - failed, failed };
}

/**
 * Each returns false when the claim was lost (lease expired and someone else took the row).
 * `delivery` (what the platform returned that a later card update needs, e.g. WeCom's response_code) is kept
 * as the payload's `delivery` member.
 */
export async function markOutboxSent(
  database: Database,
  row: ClaimedOutboxRow,
  now: Date,
  platformMessageId: string | undefined,
  delivery?: Record<string, string>,
): Promise<boolean> {
  return fenced(
    database,
    row,
    `status = 'sent', sent_at = $4::timestamptz, platform_message_id = $5, last_error = null,
     payload = case when $6::jsonb is null then payload else payload || jsonb_build_object('delivery', $6::jsonb) end`,
    [now.toISOString(), platformMessageId ?? null, delivery === undefined ? null : JSON.stringify(delivery)],
  );
}

export async function rescheduleOutbox(database: Database, row: ClaimedOutboxRow, nextAttemptAt: Date, error: string): Promise<boolean> {
  return fenced(database, row, `status = 'pending', next_attempt_at = $4::timestamptz, last_error = $5`, [nextAttemptAt.toISOString(), error]);
}

export async function failOutbox(database: Database, row: ClaimedOutboxRow, error: string): Promise<boolean> {
  return fenced(database, row, `status = 'failed', last_error = $4`, [error]);
}

/** Gives the row back untried (not counted as an attempt), due again at `nextAttemptAt`. */
export async function releaseOutbox(database: Database, row: ClaimedOutboxRow, nextAttemptAt: Date): Promise<boolean> {
  return fenced(database, row, `status = 'pending', attempts = attempts - 1, next_attempt_at = $4::timestamptz`, [nextAttemptAt.toISOString()]);
}

async function fenced(database: Database, row: ClaimedOutboxRow, set: string, params: unknown[]): Promise<boolean> {
  const updated = await database.query(
    `update outbox set ${set} where tenant_id = $1 and id = $2 and status = 'sending' and attempts = $3 returning id`,
    [row.tenantId, row.id, row.attempts, ...params],
  );
  return updated.length > 0;
}
