import { describe, expect, it } from 'vitest';
import { followUp72h, followUpOutcome, type FollowUpLeadFacts, type FollowUpOutcome } from '../../src/core/rules/follow-up-72h.rule.js';

const FIRST = '2026-03-06T09:45:00Z'; // a Friday evening in Shanghai: the 72 hours run over the weekend
const NOW = new Date('2026-03-20T00:00:00Z');
const lead = (repActionsAt: string[], overrides: Partial<FollowUpLeadFacts> = {}): FollowUpLeadFacts => ({
  leadId: 'l',
  ownerId: 'alice',
  team: 'east',
  firstContactAt: new Date(FIRST),
  repActionsAt: repActionsAt.map((at) => new Date(at)),
  ...overrides,
});

describe('touched again within 72 hours of first contact (wall-clock hours)', () => {
  it.each<[string, FollowUpLeadFacts, Date, FollowUpOutcome]>([
    ['touched again on Sunday: the weekend counts', lead(['2026-03-08T02:00:00Z']), NOW, 'touched_again'],
    ['touched again at exactly 72 hours', lead(['2026-03-09T09:45:00Z']), NOW, 'touched_again'],
    ['one second past 72 hours is missed', lead(['2026-03-09T09:45:01Z']), NOW, 'missed'],
    ['the first contact itself is not the second touch', lead([FIRST]), NOW, 'missed'],
    ['an action before first contact does not count', lead(['2026-03-06T08:00:00Z']), NOW, 'missed'],
    ['not touched yet, 72 hours not over: pending', lead([]), new Date('2026-03-08T00:00:00Z'), 'pending'],
    ['not touched, 72 hours over: missed', lead([]), new Date('2026-03-09T09:45:00Z'), 'missed'],
    ['no first contact: not counted', lead([], { firstContactAt: null }), NOW, 'no_contact'],
  ])('%s', (_name, facts, now, outcome) => {
    expect(followUpOutcome(facts, now)).toBe(outcome);
  });

  it('reports the share per rep and per team, pending leads left out', () => {
    const touched = ['2026-03-07T01:00:00Z'];
    const report = followUp72h(
      [
        lead(touched, { leadId: '1', ownerId: 'alice', team: 'east' }),
        lead([], { leadId: '2', ownerId: 'alice', team: 'east' }),
        lead(touched, { leadId: '3', ownerId: 'bob', team: 'east' }),
        lead(touched, { leadId: '4', ownerId: 'carol', team: null }),
        lead([], { leadId: '5', ownerId: 'carol', team: null, firstContactAt: new Date('2026-03-19T00:00:00Z') }),
        lead([], { leadId: '6', ownerId: null, team: null }),
      ],
      NOW,
    );
    expect(report.overall).toEqual({ key: null, decided: 5, touchedAgain: 3, pending: 1, share: 0.6 });
    expect(report.byRep).toEqual([
      { key: 'alice', decided: 2, touchedAgain: 1, pending: 0, share: 0.5 },
      { key: 'bob', decided: 1, touchedAgain: 1, pending: 0, share: 1 },
      { key: 'carol', decided: 1, touchedAgain: 1, pending: 1, share: 1 },
    ]);
    expect(report.byTeam).toEqual([{ key: 'east', decided: 3, touchedAgain: 2, pending: 0, share: 2 / 3 }]);
  });

  it('has no share before anything is decided', () => {
    expect(followUp72h([lead([], { firstContactAt: new Date('2026-03-19T00:00:00Z') })], NOW).overall.share).toBeNull();
  });
});
