/**
 * The running follow-up clocks a calendar change may move (see src/core/rules/sla-retime.rule.ts), read in
 * keyset batches, and the set-based update of their new times.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './db.js';

export interface RunningStepRow {
  leadId: string;
  step: string;
  status: 'open' | 'breached';
  leadClass: string;
  leadCreatedAt: Date;
  dueAt: Date;
  escalateAt: Date | null;
}

interface RawRow {
  lead_id: string;
  step: string;
  status: 'open' | 'breached';
  lead_class: string;
  lead_created_at: Date | string;
  due_at: Date | string;
  escalate_at: Date | string | null;
}

/**
 * Up to `limit` of the tenant's open steps due on or after `from`, and breached not-yet-escalated steps
 * escalating on or after `from`, of leads created before `leadCreatedBefore`, after the (lead, step) `cursor`.
 */
export async function findRunningSlaSteps(
  db: Db,
  tenantId: string,
  window: { from: Date; leadCreatedBefore: Date },
  cursor: { leadId: string; step: string } | undefined,
  limit: number,
): Promise<RunningStepRow[]> {
  const from = window.from.toISOString();
  const after = cursor ? sql`and (s.lead_id, s.step) > (${cursor.leadId}::uuid, ${cursor.step})` : sql``;
  const result = (await db.execute(sql`
    select s.lead_id, s.step, s.status, l.class as lead_class, l.created_at as lead_created_at, s.due_at, s.escalate_at
    from lead_sla_steps s
    join leads l on l.tenant_id = s.tenant_id and l.id = s.lead_id
    where s.tenant_id = ${tenantId} and l.created_at < ${window.leadCreatedBefore.toISOString()}::timestamptz
      and ((s.status = 'open' and s.due_at >= ${from}::timestamptz)
        or (s.status = 'breached' and s.escalated_at is null and s.escalate_at >= ${from}::timestamptz))
      ${after}
    order by s.lead_id, s.step
    limit ${limit}`)) as unknown as { rows: RawRow[] };
  return result.rows.map((r) => ({
    leadId: r.lead_id,
    step: r.step,
    status: r.status,
    leadClass: r.lead_class,
    leadCreatedAt: new Date(r.lead_created_at),
    dueAt: new Date(r.due_at),
    escalateAt: r.escalate_at === null ? null : new Date(r.escalate_at),
  }));
}

/** Sets new times on steps still in the status they were read in; returns how many rows changed. */
export async function updateSlaStepTimes(
  db: Db,
  tenantId: string,
  changes: ReadonlyArray<{ leadId: string; step: string; status: 'open' | 'breached'; dueAt: Date; escalateAt: Date }>,
): Promise<number> {
  if (changes.length === 0) return 0;
  const values = sql.join(
    changes.map((c) => sql`(${c.leadId}::uuid, ${c.step}::text, ${c.status}::text, ${c.dueAt.toISOString()}::timestamptz, ${c.escalateAt.toISOString()}::timestamptz)`),
    sql`, `,
  );
  const result = (await db.execute(sql`
    update lead_sla_steps s set due_at = v.due_at, escalate_at = v.escalate_at
    from (values ${values}) v(lead_id, step, status, due_at, escalate_at)
    where s.tenant_id = ${tenantId} and s.lead_id = v.lead_id and s.step = v.step and s.status = v.status
      and (s.status = 'open' or s.escalated_at is null)
    returning s.lead_id`)) as unknown as { rows: unknown[] };
  return result.rows.length;
}
