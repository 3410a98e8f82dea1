/**
 * SLA policies: per tenant and lead class, a ladder of follow-up steps, each due within so many working
 * hours of the lead's creation, and how long (in working hours) a missed step waits before it is escalated
 * one level further up. The seed's defaults are built in; a tenant's stored policy replaces them for its class.
 */
import type { Bilingual } from '../i18n/bilingual.js';

export const slaStepKeys = ['first_response', 'visit_booked', 'proposal_feedback'] as const;
export type SlaStepKey = (typeof slaStepKeys)[number];

/** The seed's ladder: first response ≤ 2 working hours, visit booked ≤ 24, proposal feedback ≤ 48. */
export const FIRST_RESPONSE_WITHIN_WORKING_HOURS = 2;
export const VISIT_BOOKED_WITHIN_WORKING_HOURS = 24;
export const PROPOSAL_FEEDBACK_WITHIN_WORKING_HOURS = 48;
/** A missed step still unmet this many working hours after its deadline goes to the supervisor's supervisor. */
export const DEFAULT_ESCALATE_AFTER_WORKING_HOURS = 4;
/** A step due sooner than this many working hours is a typo (0.025 for 2.5), not a policy. */
export const MIN_STEP_WORKING_HOURS = 0.25;
/** The class every lead has unless something says otherwise (leads.class default). */
export const DEFAULT_LEAD_CLASS = 'standard';

export const slaStepNames: Record<SlaStepKey, Bilingual> = {
  first_response: { zh: '首次响应', en: 'First response' },
  visit_booked: { zh: '预约拜访', en: 'Visit booked' },
  proposal_feedback: { zh: '方案反馈', en: 'Proposal feedback' },
};

export interface SlaStepRung {
  step: SlaStepKey;
  withinWorkingHours: number;
}

export interface SlaPolicy {
  leadClass: string;
  steps: SlaStepRung[];
  escalateAfterWorkingHours: number;
}

export function isSlaStepKey(value: unknown): value is SlaStepKey {
  return typeof value === 'string' && (slaStepKeys as readonly string[]).includes(value);
}

export function defaultSlaPolicy(leadClass: string = DEFAULT_LEAD_CLASS): SlaPolicy {
  return {
    leadClass,
    steps: [
      { step: 'first_response', withinWorkingHours: FIRST_RESPONSE_WITHIN_WORKING_HOURS },
      { step: 'visit_booked', withinWorkingHours: VISIT_BOOKED_WITHIN_WORKING_HOURS },
      { step: 'proposal_feedback', withinWorkingHours: PROPOSAL_FEEDBACK_WITHIN_WORKING_HOURS },
    ],
    escalateAfterWorkingHours: DEFAULT_ESCALATE_AFTER_WORKING_HOURS,
  };
}

/** A policy as stored (sla_policies): steps are untrusted JSON. */
export interface StoredSlaPolicy {
  leadClass: string;
  steps: ReadonlyArray<{ step: string; withinWorkingHours: number }>;
  escalateAfterWorkingHours: number;
}

export interface SlaPolicyProblem {
  field: string;
  en: string;
  zh: string;
}

/**
 * What makes a stored policy unusable: no steps, an unknown or repeated step, hours that are not a number of
 * at least MIN_STEP_WORKING_HOURS, steps out of the ladder's order (slaStepKeys: first_response before
 * visit_booked before proposal_feedback; any may be left out), or hours that decrease along the ladder.
 */
export function slaPolicyProblems(policy: StoredSlaPolicy): SlaPolicyProblem[] {
  const problems: SlaPolicyProblem[] = [];
  if (!Array.isArray(policy.steps) || policy.steps.length === 0) {
    return [{ field: 'steps', en: 'needs at least one step', zh: '至少需要一个步骤' }];
  }
  const seen = new Set<string>();
  policy.steps.forEach((rung, i) => {
    if (!isSlaStepKey(rung?.step)) {
      problems.push({ field: `steps[${i}].step`, en: `must be one of ${slaStepKeys.join(', ')}`, zh: `必须是 ${slaStepKeys.join('、')} 之一` });
    } else if (seen.has(rung.step)) {
      problems.push({ field: `steps[${i}].step`, en: `${rung.step} appears twice`, zh: `${rung.step} 重复出现` });
    } else seen.add(rung.step);
    if (typeof rung?.withinWorkingHours !== 'number' || !Number.isFinite(rung.withinWorkingHours) || rung.withinWorkingHours <= 0) {
      problems.push({ field: `steps[${i}].withinWorkingHours`, en: 'must be a number of working hours > 0', zh: '必须是大于 0 的工作小时数' });
    } else if (rung.withinWorkingHours < MIN_STEP_WORKING_HOURS) {
      problems.push({
        field: `steps[${i}].withinWorkingHours`,
        en: `${rung.withinWorkingHours} working hours is too short: at least ${MIN_STEP_WORKING_HOURS}`,
        zh: `${rung.withinWorkingHours} 个工作小时过短：至少 ${MIN_STEP_WORKING_HOURS} 个工作小时`,
      });
    }
  });
  if (problems.length === 0) problems.push(...ladderOrderProblems(policy.steps as ReadonlyArray<{ step: SlaStepKey; withinWorkingHours: number }>));
  if (!Number.isInteger(policy.escalateAfterWorkingHours) || policy.escalateAfterWorkingHours < 0) {
    problems.push({ field: 'escalateAfterWorkingHours', en: 'must be a whole number of working hours ≥ 0', zh: '必须是不小于 0 的整数工作小时数' });
  }
  return problems;
}

/** Each step after the previous one in slaStepKeys order, and due no sooner. */
function ladderOrderProblems(steps: ReadonlyArray<{ step: SlaStepKey; withinWorkingHours: number }>): SlaPolicyProblem[] {
  const problems: SlaPolicyProblem[] = [];
  for (let i = 1; i < steps.length; i++) {
    const previous = steps[i - 1]!;
    const rung = steps[i]!;
    if (slaStepKeys.indexOf(rung.step) < slaStepKeys.indexOf(previous.step)) {
      problems.push({
        field: `steps[${i}].step`,
        en: `${rung.step} must come before ${previous.step} (order: ${slaStepKeys.join(' → ')})`,
        zh: `${slaStepNames[rung.step].zh}（${rung.step}）必须排在${slaStepNames[previous.step].zh}（${previous.step}）之前（顺序：${slaStepKeys.join(' → ')}）`,
      });
    } else if (rung.withinWorkingHours < previous.withinWorkingHours) {
      problems.push({
        field: `steps[${i}].withinWorkingHours`,
        en: `${rung.step} (${rung.withinWorkingHours} h) cannot be due sooner than ${previous.step} (${previous.withinWorkingHours} h)`,
        zh: `${slaStepNames[rung.step].zh}（${rung.withinWorkingHours} 小时）的时限不能短于${slaStepNames[previous.step].zh}（${previous.withinWorkingHours} 小时）`,
      });
    }
  }
  return problems;
}

/**
 * The policy for a lead of `leadClass`: the tenant's policy for that class, else the tenant's policy for
 * the default class, else the built-in default. A stored policy with problems is passed over (it cannot
 * be half-applied), and the caller learns which one was used.
 */
export function chooseSlaPolicy(stored: readonly StoredSlaPolicy[], leadClass: string): { policy: SlaPolicy; source: 'class' | 'default_class' | 'built_in' } {
  const usable = (c: string) => stored.find((p) => p.leadClass === c && slaPolicyProblems(p).length === 0);
  const own = usable(leadClass);
  if (own) return { policy: asPolicy(own), source: 'class' };
  const fallback = leadClass === DEFAULT_LEAD_CLASS ? undefined : usable(DEFAULT_LEAD_CLASS);
  if (fallback) return { policy: asPolicy(fallback), source: 'default_class' };
  return { policy: defaultSlaPolicy(leadClass), source: 'built_in' };
}

function asPolicy(p: StoredSlaPolicy): SlaPolicy {
  return {
    leadClass: p.leadClass,
    steps: p.steps.map((s) => ({ step: s.step as SlaStepKey, withinWorkingHours: s.withinWorkingHours })),
    escalateAfterWorkingHours: p.escalateAfterWorkingHours,
  };
}

/** The name a card shows for a step. */
export function slaStepName(step: string): Bilingual {
  return isSlaStepKey(step) ? slaStepNames[step] : { zh: step, en: step };
}
