/**
 * Which captured sales action meets which follow-up step. Precisely:
 *
 *   first_response     — the earliest customer-facing contact by our side: a message, e-mail, meeting or visit
 *                        by a rep (direction `rep`, any colleague, not only the owner), or a call — an outbound
 *                        call counts even unanswered (an attempted call is a response: the rep did reach out),
 *                        an inbound call only when it was answered (it lasted > 0 s). A customer's own message
 *                        does not respond to anything. Notes (`note`) are internal and never count.
 *   visit_booked       — the earliest visit or meeting on the lead (logged through the bot, or a calendar /
 *                        video meeting captured from the platform), whoever recorded it.
 *   proposal_feedback  — a customer reply after a quote: let Q be the earliest rep action carrying the
 *                        `quote` keyword (报价 / quote / quotation …); the step is met by the earliest
 *                        customer action (direction `customer`) strictly later than Q. The reply meets it.
 *
 * Every step: an action that happened before the lead existed never meets it. Lateness is not judged here:
 * a step met after its deadline is still met (the deadline job has already, or will have, turned it red).
 */
import type { SlaStepKey } from './sla-policy.rule.js';

/** What the rules need to know about one sales action on the lead. */
export interface SlaActionFacts {
  id: string;
  /** sales_actions.kind: message, call, meeting, visit, email, note. */
  kind: string;
  direction: 'rep' | 'customer';
  occurredAt: Date;
  keywords: readonly string[];
  durationSeconds?: number | null;
}

/** The keyword (keywords.rule.ts catalogue key) that makes a rep action a quote / proposal. */
export const QUOTE_KEYWORD = 'quote';

const CONTACT_KINDS: ReadonlySet<string> = new Set(['message', 'email', 'meeting', 'visit']);
const VISIT_KINDS: ReadonlySet<string> = new Set(['visit', 'meeting']);

/** Our side reached the customer (see the header for calls). */
export function respondsToCustomer(action: SlaActionFacts): boolean {
  if (action.kind === 'call') return action.direction === 'rep' || (action.durationSeconds ?? 0) > 0;
  return action.direction === 'rep' && CONTACT_KINDS.has(action.kind);
}

export function isVisit(action: SlaActionFacts): boolean {
  return VISIT_KINDS.has(action.kind);
}

export function isQuote(action: SlaActionFacts): boolean {
  return action.direction === 'rep' && action.keywords.includes(QUOTE_KEYWORD);
}

export function isCustomerReply(action: SlaActionFacts): boolean {
  return action.direction === 'customer';
}

function earliest(actions: readonly SlaActionFacts[]): SlaActionFacts | undefined {
  let found: SlaActionFacts | undefined;
  for (const a of actions) {
    if (!found || a.occurredAt.getTime() < found.occurredAt.getTime() || (a.occurredAt.getTime() === found.occurredAt.getTime() && a.id < found.id)) found = a;
  }
  return found;
}

/**
 * The action that meets `step` among `actions` (the lead's actions, any order; a subset is enough when it
 * holds the candidates — the earliest qualifying ones), or undefined when none does yet.
 */
export function actionMeetingStep(step: SlaStepKey, leadCreatedAt: Date, actions: readonly SlaActionFacts[]): SlaActionFacts | undefined {
  const onLead = actions.filter((a) => a.occurredAt.getTime() >= leadCreatedAt.getTime());
  switch (step) {
    case 'first_response':
      return earliest(onLead.filter(respondsToCustomer));
    case 'visit_booked':
      return earliest(onLead.filter(isVisit));
    case 'proposal_feedback': {
      const quote = earliest(onLead.filter(isQuote));
      if (!quote) return undefined;
      return earliest(onLead.filter((a) => isCustomerReply(a) && a.occurredAt.getTime() > quote.occurredAt.getTime()));
    }
  }
}

export interface StepMet {
  step: SlaStepKey;
  by: SlaActionFacts;
}

/** Of the steps still pending on a lead, those met by the given actions, each with the action that meets it. */
export function stepsMet(pendingSteps: readonly SlaStepKey[], leadCreatedAt: Date, actions: readonly SlaActionFacts[]): StepMet[] {
  return pendingSteps.flatMap((step) => {
    const by = actionMeetingStep(step, leadCreatedAt, actions);
    return by ? [{ step, by }] : [];
  });
}

/** Whether the action could matter for a pending proposal_feedback step (so its evidence is worth loading). */
export function mayMeetProposalFeedback(action: SlaActionFacts): boolean {
  return isQuote(action) || isCustomerReply(action);
}
