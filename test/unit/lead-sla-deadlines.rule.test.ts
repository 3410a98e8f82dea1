import { describe, expect, it } from 'vitest';
import { leadSlaDeadlines } from '../../src/core/rules/lead-sla-deadlines.rule.js';
import { defaultSlaPolicy, type SlaPolicy } from '../../src/core/rules/sla-policy.rule.js';
import { createWorkingCalendar } from '../../src/core/working-time/index.js';

// Default tenant: Asia/Shanghai, 09:00–12:00 and 13:30–18:00 (7.5 working hours a day), China's official calendar.
// Every expected instant below was counted by hand on that calendar.
const calendar = createWorkingCalendar();
const iso = (instant: string) => new Date(instant).toISOString();

interface DeadlineCase {
  created: string;
  firstResponse: string;
  visitBooked: string;
  proposalFeedback: string;
  escalateFirstResponse: string;
  why: string;
}

describe('lead SLA deadlines on the default ladder (2 / 24 / 48 working hours, escalation 4 working hours later)', () => {
  it.each<DeadlineCase>([
    {
      created: '2026-03-06T17:45+08:00',
      firstResponse: '2026-03-09T10:45+08:00',
      visitBooked: '2026-03-12T10:15+08:00',
      proposalFeedback: '2026-03-17T11:45+08:00',
      escalateFirstResponse: '2026-03-09T16:15+08:00',
      why: 'a Friday 17:45 lead has 15 minutes on Friday and the rest from Monday; escalation skips the lunch break',
    },
    {
      created: '2026-03-02T10:00+08:00',
      firstResponse: '2026-03-02T12:00+08:00',
      visitBooked: '2026-03-05T11:30+08:00',
      proposalFeedback: '2026-03-10T14:30+08:00',
      escalateFirstResponse: '2026-03-02T17:30+08:00',
      why: 'an ordinary Monday morning: first response is due as the break starts',
    },
    {
      created: '2026-03-02T12:30+08:00',
      firstResponse: '2026-03-02T15:30+08:00',
      visitBooked: '2026-03-05T15:00+08:00',
      proposalFeedback: '2026-03-10T16:30+08:00',
      escalateFirstResponse: '2026-03-03T10:30+08:00',
      why: 'created during the lunch break: the clock starts at 13:30',
    },
    {
      created: '2026-02-13T17:00+08:00',
      firstResponse: '2026-02-14T10:00+08:00',
      visitBooked: '2026-02-26T09:30+08:00',
      proposalFeedback: '2026-03-02T11:00+08:00',
      escalateFirstResponse: '2026-02-14T15:30+08:00',
      why: 'Spring Festival: the make-up Saturday 02-14 counts, 02-15..02-23 do not, Saturday 02-28 counts again',
    },
    {
      created: '2026-10-01T10:00+08:00',
      firstResponse: '2026-10-08T11:00+08:00',
      visitBooked: '2026-10-12T10:30+08:00',
      proposalFeedback: '2026-10-15T12:00+08:00',
      escalateFirstResponse: '2026-10-08T16:30+08:00',
      why: 'created on National Day: nothing counts until Thursday 10-08, and Saturday 10-10 is a make-up working day',
    },
  ])('$why', (row) => {
    const deadlines = leadSlaDeadlines(defaultSlaPolicy(), { createdAt: new Date(row.created) }, calendar);
    expect(deadlines.map((d) => [d.step, d.dueAt.toISOString()])).toEqual([
      ['first_response', iso(row.firstResponse)],
      ['visit_booked', iso(row.visitBooked)],
      ['proposal_feedback', iso(row.proposalFeedback)],
    ]);
    expect(deadlines[0]!.escalateAt.toISOString()).toBe(iso(row.escalateFirstResponse));
  });

  it('follows a tenant ladder and escalates at once when the delay is 0', () => {
    const policy: SlaPolicy = { leadClass: 'vip', steps: [{ step: 'first_response', withinWorkingHours: 0.5 }], escalateAfterWorkingHours: 0 };
    const [only, ...rest] = leadSlaDeadlines(policy, { createdAt: new Date('2026-03-02T17:45+08:00') }, calendar);
    expect(rest).toEqual([]);
    expect(only).toEqual({ step: 'first_response', dueAt: new Date('2026-03-03T09:15+08:00'), escalateAt: new Date('2026-03-03T09:15+08:00') });
  });
});
