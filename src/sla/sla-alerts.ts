/**
 * Deadline facts → outbox card messages, built with the cards' own builders (cards/lead-overdue.card.ts,
 * cards/lead-escalated.card.ts). Payload `{ card }` (the abstract card; each platform's sender renders it).
 * Dedup keys name the lead, step, event and recipient user, so a late or repeated tick — or a recipient who
 * meanwhile changed platform — never queues the same alert twice.
 */
import { leadEscalatedCard } from '../../cards/lead-escalated.card.js';
import { leadOverdueCard, type LeadFollowUpFacts } from '../../cards/lead-overdue.card.js';
import { slaStepName } from '../core/rules/sla-policy.rule.js';
import { MS_PER_MINUTE, workingTimeBetween, type WorkingCalendar } from '../core/working-time/index.js';
import type { SlaAlertFact } from '../store/sla-deadline.repository.js';
import type { OutboxMessage } from '../store/outbox.repository.js';
import { cardAddress } from './card-address.js';

export function breachDedupKey(leadId: string, step: string, recipientId: string): string {
  return `sla:${leadId}:${step}:breach:${recipientId}`;
}

export function escalationDedupKey(leadId: string, step: string, recipientId: string): string {
  return `sla:${leadId}:${step}:escalate:${recipientId}`;
}

/** Where a lead is shown to a person; the console serves it. */
export function leadUrl(publicUrl: string, tenantId: string, leadId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/console/${encodeURIComponent(tenantId)}/leads/${encodeURIComponent(leadId)}`;
}

const UNNAMED = '—';

export interface AlertContext {
  now: Date;
  calendar: WorkingCalendar;
  publicUrl: string;
}

function followUpFacts(fact: SlaAlertFact, context: AlertContext): LeadFollowUpFacts {
  const customerName = fact.customerName ?? UNNAMED;
  return {
    lead: { id: fact.leadId, name: fact.leadTitle ?? customerName, url: leadUrl(context.publicUrl, fact.tenantId, fact.leadId) },
    customerName,
    owner: { id: fact.ownerId ?? '', name: fact.ownerName ?? UNNAMED },
    step: { key: fact.step, name: slaStepName(fact.step) },
    dueAt: fact.dueAt,
    lateWorkingMinutes: Math.max(0, Math.floor(workingTimeBetween(context.calendar, fact.dueAt, context.now) / MS_PER_MINUTE)),
  };
}

/** The card message for one fact row, or undefined for a row without a recipient. */
export function slaAlertMessage(fact: SlaAlertFact, context: AlertContext): OutboxMessage | undefined {
  if (fact.audience === null || fact.recipientId === null) return undefined;
  const { platform, recipient } = cardAddress({ userId: fact.recipientId, identity: fact.identity, consoleOnly: fact.consoleOnly });
  const facts = followUpFacts(fact, context);
  const timeZone = context.calendar.timezone;
  if (fact.audience === 'grand_supervisor') {
    const missedBy = [facts.owner, ...(fact.supervisorId ? [{ id: fact.supervisorId, name: fact.supervisorName ?? UNNAMED }] : [])];
    return {
      tenantId: fact.tenantId,
      platform,
      kind: 'card',
      recipient,
      payload: { card: leadEscalatedCard({ ...facts, missedBy, level: 1 }, context.now, timeZone) },
      dedupKey: escalationDedupKey(fact.leadId, fact.step, fact.recipientId),
    };
  }
  return {
    tenantId: fact.tenantId,
    platform,
    kind: 'card',
    recipient,
    payload: { card: leadOverdueCard({ ...facts, audience: fact.audience }, context.now, timeZone) },
    dedupKey: breachDedupKey(fact.leadId, fact.step, fact.recipientId),
  };
}
