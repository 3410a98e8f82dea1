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
  ])('refuses a policy with %s', (_name, policy, fields) => {
    expect(slaPolicyProblems(policy).map((p) => p.field)).toEqual(fields);
  });

  it('names steps in both languages, and an unknown step by its key', () => {
    expect(slaStepName('first_response')).toEqual({ zh: '首次响应', en: 'First response' });
    expect(slaStepName('custom')).toEqual({ zh: 'custom', en: 'custom' });
  });
});
