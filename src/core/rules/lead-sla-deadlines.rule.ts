/**
 * When each follow-up step of a lead is due, and when a missed one escalates, in the tenant's working
 * time: the clock starts at the lead's creation (rolled forward to the next working instant when created
 * off-hours, so a lead created Friday 17:45 has 15 minutes on Friday and the rest from Monday 09:00,
 * holidays skipped and make-up working days counted). Escalation is measured from the deadline.
 */
import { addWorkingHours, type WorkingCalendar } from '../working-time/index.js';
import type { SlaPolicy, SlaStepKey } from './sla-policy.rule.js';

export interface SlaDeadline {
  step: SlaStepKey;
  dueAt: Date;
  /** When the step, if still unmet, goes one level further up. */
  escalateAt: Date;
}

export function leadSlaDeadlines(policy: SlaPolicy, lead: { createdAt: Date }, calendar: WorkingCalendar): SlaDeadline[] {
  return policy.steps.map((rung) => {
    const dueAt = addWorkingHours(calendar, lead.createdAt, rung.withinWorkingHours);
    return { step: rung.step, dueAt, escalateAt: addWorkingHours(calendar, dueAt, policy.escalateAfterWorkingHours) };
  });
}
