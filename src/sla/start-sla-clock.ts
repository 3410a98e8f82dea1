/**
 * A lead was created: start its follow-up clocks. One lead_sla_steps row per step of the tenant's policy for
 * the lead's class (the built-in default when the tenant has none, which is then written to sla_policies so
 * an admin sees what applies), due in the tenant's working time from the lead's created_at, on the lead's
 * owner. Idempotent: a lead that already has its steps keeps them.
 */
import { leadSlaDeadlines } from '../core/rules/lead-sla-deadlines.rule.js';
import { chooseSlaPolicy } from '../core/rules/sla-policy.rule.js';
import { findLeadClockFacts, insertLeadSlaSteps } from '../store/lead-sla-step.repository.js';
import { listSlaPolicies, seedDefaultSlaPolicy } from '../store/sla-policy.repository.js';
import { loadWorkingCalendar } from '../store/working-calendar.repository.js';
import type { SlaContext } from './sla-context.js';

export interface SlaClockStarted {
  /** Steps inserted now (0 when the lead already had them). */
  steps: number;
  policySource: 'class' | 'default_class' | 'built_in';
}

export async function startSlaClock(ctx: SlaContext, lead: { id: string }): Promise<SlaClockStarted> {
  const facts = await findLeadClockFacts(ctx.db, ctx.tenantId, lead.id);
  if (!facts) throw new Error(`lead ${lead.id} of tenant ${ctx.tenantId} does not exist`);
  let stored = await listSlaPolicies(ctx.db, ctx.tenantId);
  if (stored.length === 0) stored = [await seedDefaultSlaPolicy(ctx.db, ctx.tenantId)];
  const { policy, source } = chooseSlaPolicy(stored, facts.leadClass);
  const calendar = await loadWorkingCalendar(ctx.db, ctx.tenantId);
  const deadlines = leadSlaDeadlines(policy, facts, calendar);
  const steps = await insertLeadSlaSteps(ctx.db, ctx.tenantId, facts, deadlines);
  return { steps, policySource: source };
}
