import type { Database } from '../store/db.js';
import type { ReplayResult } from './replay-payloads.js';

export interface CaptureFate {
  status: string;
  reason?: string;
  note?: string;
  actions: number;
}

/** After processing: what capture made of each replayed inbox row (processed with N sales actions, or ignored and why). */
export async function followCapture(database: Database, tenantId: string, results: ReplayResult[]): Promise<Map<string, CaptureFate>> {
  const ids = results.flatMap((r) => r.inboxIds);
  const fates = new Map<string, CaptureFate>();
  if (ids.length === 0) return fates;
  const rows = await database.query<{ id: string; status: string; ignore_reason: string | null; last_error: string | null; note: string | null; actions: string | number }>(
    `select i.id, i.status, i.ignore_reason, i.last_error, i.note,
            (select count(*) from sales_actions a where a.tenant_id = i.tenant_id and a.inbox_event_id = i.id) as actions
     from inbox_events i where i.tenant_id = $1 and i.id = any($2::uuid[])`,
    [tenantId, ids],
  );
  for (const row of rows) {
    fates.set(row.id, {
      status: row.status,
      reason: row.ignore_reason ?? row.last_error ?? undefined,
      note: row.note ?? undefined,
      actions: Number(row.actions),
    });
  }
  return fates;
}
