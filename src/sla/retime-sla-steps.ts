/**
 * A calendar override was set or removed: re-time the tenant's running follow-up clocks that the day can
 * move (src/core/rules/sla-retime.rule.ts says which, and how). Call it inside the transaction that changed
 * the override, so the override and the clocks it moves commit together; it reads the calendar through that
 * transaction, so it sees the change. Works in keyset batches of SLA_RETIME_BATCH steps.
 */
import { calendarDayBounds, retimedSlaStep } from '../core/rules/sla-retime.rule.js';
import { chooseSlaPolicy, type SlaPolicy } from '../core/rules/sla-policy.rule.js';
import type { Db } from '../store/db.js';
import { findRunningSlaSteps, updateSlaStepTimes } from '../store/sla-retime.repository.js';
import { listSlaPolicies } from '../store/sla-policy.repository.js';
import { loadWorkingCalendar } from '../store/working-calendar.repository.js';

/** Steps read and updated per statement. */
export const SLA_RETIME_BATCH = 500;

/** Returns how many steps got new times. */
export async function retimeSlaStepsForDay(db: Db, tenantId: string, day: string): Promise<number> {
  const calendar = await loadWorkingCalendar(db, tenantId);
  const stored = await listSlaPolicies(db, tenantId);
  const policies = new Map<string, SlaPolicy>();
  const policyFor = (leadClass: string) => {
    let policy = policies.get(leadClass);
    if (!policy) policies.set(leadClass, (policy = chooseSlaPolicy(stored, leadClass).policy));
    return policy;
  };
  const { start, end } = calendarDayBounds(calendar, day);
  let retimed = 0;
  let cursor: { leadId: string; step: string } | undefined;
  for (;;) {
    const rows = await findRunningSlaSteps(db, tenantId, { from: start, leadCreatedBefore: end }, cursor, SLA_RETIME_BATCH);
    const changes = rows.flatMap((row) => {
      const next = retimedSlaStep(policyFor(row.leadClass), calendar, row);
      if (!next) return [];
      if (next.dueAt.getTime() === row.dueAt.getTime() && next.escalateAt.getTime() === row.escalateAt?.getTime()) return [];
      return [{ leadId: row.leadId, step: row.step, status: row.status, ...next }];
    });
    retimed += await updateSlaStepTimes(db, tenantId, changes);
    if (rows.length < SLA_RETIME_BATCH) return retimed;
    const last = rows[rows.length - 1]!;
    cursor = { leadId: last.leadId, step: last.step };
  }
}
