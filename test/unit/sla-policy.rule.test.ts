import { describe, expect, it } from 'vitest';
import { chooseSlaPolicy, defaultSlaPolicy, slaPolicyProblems, slaStepName, type StoredSlaPolicy } from '../../src/core/rules/sla-policy.rule.js';

const vip: StoredSlaPolicy = { leadClass: 'vip', steps: [{ step: 'first_response', withinWorkingHours: 1 }], escalateAfterWorkingHours: 2 };
const standard: StoredSlaPolicy = { leadClass: 'standard', steps: [{ step: 'first_response', withinWorkingHours: 3 }], escalateAfterWorkingHours: 8 };
const broken: StoredSlaPolicy = { leadClass: 'vip', steps: [{ step: 'first_reply', withinWorkingHours: 1 }], escalateAfterWorkingHours: 2 };

describe('SLA policy', () => {
  it('defaults to the seed ladder: first response 2, visit booked 24, proposal feedback 48 working hours; escalation after 4', () => {
    expect(defaultSlaPolicy()).toEqual({
      leadClass: 'standard',
      steps: [
        { step: 'first_response', withinWorkingHours: 2 },
        { step: 'visit_booked', withinWorkingHours: 24 },
        { step: 'proposal_feedback', withinWorkingHours: 48 },
      ],
      escalateAfterWorkingHours: 4,
    });
  });

  it.each<[string, StoredSlaPolicy[], string, string, number]>([
    ['uses the policy of the lead class', [vip, standard], 'vip', 'class', 1],
    ['falls back to the tenant default class', [standard], 'vip', 'default_class', 3],
    ['falls back to the built-in ladder when the tenant has none', [], 'vip', 'built_in', 2],
    ['passes over a stored policy it cannot apply', [broken], 'vip', 'built_in', 2],
  ])('%s', (_name, stored, leadClass, source, firstResponseHours) => {
    const chosen = chooseSlaPolicy(stored, leadClass);
    expect(chosen.source).toBe(source);
    expect(chosen.policy.leadClass).toBe(leadClass === 'vip' && source === 'default_class' ? 'standard' : leadClass);
    expect(chosen.policy.steps[0]).toEqual({ step: 'first_response', withinWorkingHours: firstResponseHours });
  });

  it.each<[string, StoredSlaPolicy, string[]]>([
    ['no steps', { leadClass: 'x', steps: [], escalateAfterWorkingHours: 4 }, ['steps']],
    ['an unknown step', broken, ['steps[0].step']],
    [
      'a repeated step and zero hours',
      { leadClass: 'x', steps: [{ step: 'visit_booked', withinWorkingHours: 2 }, { step: 'visit_booked', withinWorkingHours: 0 }], escalateAfterWorkingHours: 4 },
      ['steps[1].step', 'steps[1].withinWorkingHours'],
    ],
    ['a fractional escalation delay', { ...vip, escalateAfterWorkingHours: 1.5 }, ['escalateAfterWorkingHours']],
    ['a step due in under a quarter of a working hour', { ...vip, steps: [{ step: 'first_response', withinWorkingHours: 0.2 }] }, ['steps[0].withinWorkingHours']],
    [
      'visit booked before first response',
      { ...vip, steps: [{ step: 'visit_booked', withinWorkingHours: 24 }, { step: 'first_response', withinWorkingHours: 2 }] },
      ['steps[1].step'],
    ],
    [
      'proposal feedback due sooner than visit booked',
      { ...vip, steps: [{ step: 'first_response', withinWorkingHours: 2 }, { step: 'visit_booked', withinWorkingHours: 24 }, { step: 'proposal_feedback', withinWorkingHours: 8 }] },
      ['steps[2].withinWorkingHours'],
    ],
  ])('refuses a policy with %s', (_name, policy, fields) => {
    expect(slaPolicyProblems(policy).map((p) => p.field)).toEqual(fields);
  });

  it.each<[string, StoredSlaPolicy]>([
    ['the seed ladder', { ...defaultSlaPolicy(), leadClass: 'x' }],
    ['a ladder that skips a step, with equal hours and exactly a quarter hour', { ...vip, steps: [{ step: 'first_response', withinWorkingHours: 0.25 }, { step: 'proposal_feedback', withinWorkingHours: 0.25 }] }],
  ])('accepts %s', (_name, policy) => {
    expect(slaPolicyProblems(policy)).toEqual([]);
  });

  it('says in both languages which step is out of order', () => {
    const [problem] = slaPolicyProblems({ ...vip, steps: [{ step: 'visit_booked', withinWorkingHours: 24 }, { step: 'first_response', withinWorkingHours: 2 }] });
    expect(problem).toEqual({ field: 'steps[1].step', en: expect.stringContaining('first_response must come before visit_booked'), zh: expect.stringContaining('首次响应（first_response）必须排在预约拜访（visit_booked）之前') });
  });

  it('names steps in both languages, and an unknown step by its key', () => {
    expect(slaStepName('first_response')).toEqual({ zh: '首次响应', en: 'First response' });
    expect(slaStepName('custom')).toEqual({ zh: 'custom', en: 'custom' });
  });
});
