/**
 * A company day off / extra working day was set or removed: which running follow-up clocks it touches, and
 * their new times. The day's bounds are its local midnights in the calendar's zone. An OPEN step gets a new
 * due_at and escalate_at, recomputed from the lead's creation with the tenant's policy and the new calendar
 * (the same arithmetic as when the clock started). A BREACHED, not yet escalated step keeps its deadline (it
 * was missed then, and stays on record so) and gets a new escalate_at, counted from that deadline. A step the
 * policy no longer has is left alone.
 */
import { requireLocalDate } from '../working-time/local-date.js';
import { instantAtWallClock } from '../working-time/time-zone.js';
import { addWorkingHours, type WorkingCalendar } from '../working-time/index.js';
import { leadSlaDeadlines } from './lead-sla-deadlines.rule.js';
import type { SlaPolicy } from './sla-policy.rule.js';

export const MS_PER_CALENDAR_DAY = 86_400_000;

/** [start, end) of `day` in the calendar's own time zone. */
export function calendarDayBounds(calendar: WorkingCalendar, day: string): { start: Date; end: Date } {
  const utcMs = requireLocalDate(day);
  return {
    start: new Date(instantAtWallClock(utcMs, 0, calendar.timezone)),
    end: new Date(instantAtWallClock(utcMs + MS_PER_CALENDAR_DAY, 0, calendar.timezone)),
  };
}

export interface RunningSlaStep {
  step: string;
  status: 'open' | 'breached';
  leadCreatedAt: Date;
  dueAt: Date;
}

/** The step's new due_at and escalate_at, or undefined when the policy has no such step. */
export function retimedSlaStep(policy: SlaPolicy, calendar: WorkingCalendar, running: RunningSlaStep): { dueAt: Date; escalateAt: Date } | undefined {
  if (running.status === 'breached') {
    if (!policy.steps.some((s) => s.step === running.step)) return undefined;
    return { dueAt: running.dueAt, escalateAt: addWorkingHours(calendar, running.dueAt, policy.escalateAfterWorkingHours) };
  }
  const deadline = leadSlaDeadlines(policy, { createdAt: running.leadCreatedAt }, calendar).find((d) => d.step === running.step);
  return deadline ? { dueAt: deadline.dueAt, escalateAt: deadline.escalateAt } : undefined;
}
