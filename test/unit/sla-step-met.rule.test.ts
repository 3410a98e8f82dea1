import { describe, expect, it } from 'vitest';
import type { SlaStepKey } from '../../src/core/rules/sla-policy.rule.js';
import { actionMeetingStep, stepsMet, type SlaActionFacts } from '../../src/core/rules/sla-step-met.rule.js';

const CREATED = new Date('2026-03-06T09:45:00Z');
let n = 0;
function action(overrides: Partial<SlaActionFacts> & { at: string }): SlaActionFacts {
  n += 1;
  const { at, ...rest } = overrides;
  return { id: `a${String(n).padStart(3, '0')}`, kind: 'message', direction: 'rep', occurredAt: new Date(at), keywords: [], durationSeconds: null, ...rest };
}
const AFTER = '2026-03-09T01:00:00Z';
const BEFORE = '2026-03-06T09:00:00Z';

describe('which action meets which SLA step', () => {
  it.each<[string, SlaStepKey, SlaActionFacts, boolean]>([
    ['a rep message to the customer meets first response', 'first_response', action({ at: AFTER }), true],
    ["the customer's own message is no response", 'first_response', action({ at: AFTER, direction: 'customer' }), false],
    ['an outbound call meets first response even unanswered (an attempted call is a response)', 'first_response', action({ at: AFTER, kind: 'call', durationSeconds: 0 }), true],
    ['an answered inbound call meets first response', 'first_response', action({ at: AFTER, kind: 'call', direction: 'customer', durationSeconds: 95 }), true],
    ['a missed inbound call does not', 'first_response', action({ at: AFTER, kind: 'call', direction: 'customer', durationSeconds: 0 }), false],
    ['a logged e-mail meets first response', 'first_response', action({ at: AFTER, kind: 'email' }), true],
    ['a visit meets first response too', 'first_response', action({ at: AFTER, kind: 'visit' }), true],
    ['an internal note does not', 'first_response', action({ at: AFTER, kind: 'note' }), false],
    ['a message sent before the lead existed never counts', 'first_response', action({ at: BEFORE }), false],
    ['a logged visit meets visit booked', 'visit_booked', action({ at: AFTER, kind: 'visit' }), true],
    ['a calendar meeting meets visit booked', 'visit_booked', action({ at: AFTER, kind: 'meeting' }), true],
    ['a call does not book a visit', 'visit_booked', action({ at: AFTER, kind: 'call' }), false],
    ['a visit before the lead existed never counts', 'visit_booked', action({ at: BEFORE, kind: 'visit' }), false],
    ['a quote alone is not feedback', 'proposal_feedback', action({ at: AFTER, keywords: ['quote'] }), false],
    ['a customer reply without a quote is not feedback', 'proposal_feedback', action({ at: AFTER, direction: 'customer' }), false],
  ])('%s', (_name, step, single, met) => {
    expect(actionMeetingStep(step, CREATED, [single])).toBe(met ? single : undefined);
  });

  describe('proposal feedback: the first customer action strictly after the first rep quote', () => {
    const quote = action({ at: '2026-03-10T02:00:00Z', keywords: ['budget', 'quote'] });
    const replyAfter = action({ at: '2026-03-10T05:00:00Z', direction: 'customer' });
    const laterReply = action({ at: '2026-03-11T05:00:00Z', direction: 'customer' });
    const replyBefore = action({ at: '2026-03-10T01:00:00Z', direction: 'customer' });
    const replySameInstant = action({ at: '2026-03-10T02:00:00Z', direction: 'customer' });
    const customerQuote = action({ at: '2026-03-10T01:30:00Z', direction: 'customer', keywords: ['quote'] });
    const quoteBeforeLead = action({ at: BEFORE, keywords: ['quote'] });
    const replyAfterOldQuote = action({ at: '2026-03-07T01:00:00Z', direction: 'customer' });

    it.each<[string, SlaActionFacts[], SlaActionFacts | undefined]>([
      ['met by the reply after the quote, in any order given', [laterReply, replyAfter, quote], replyAfter],
      ['a reply before the quote does not count', [replyBefore, quote], undefined],
      ['a reply at the same instant as the quote does not count', [replySameInstant, quote], undefined],
      ["the customer mentioning a quote is not the rep's quote", [customerQuote, replyAfter], undefined],
      ['a quote sent before the lead existed does not count', [quoteBeforeLead, replyAfterOldQuote], undefined],
      ['the earliest quote decides', [quote, replyBefore, action({ at: '2026-03-09T23:00:00Z', keywords: ['quote'] })], replyBefore],
    ])('%s', (_name, actions, expected) => {
      expect(actionMeetingStep('proposal_feedback', CREATED, actions)).toBe(expected);
    });
  });

  it('meets several pending steps with one action, each once', () => {
    const visit = action({ at: AFTER, kind: 'visit' });
    expect(stepsMet(['first_response', 'visit_booked', 'proposal_feedback'], CREATED, [visit])).toEqual([
      { step: 'first_response', by: visit },
      { step: 'visit_booked', by: visit },
    ]);
    expect(stepsMet(['proposal_feedback'], CREATED, [visit])).toEqual([]);
  });
});
