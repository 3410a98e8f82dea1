/**
 * An action was captured on a lead: mark the lead's pending follow-up steps it meets (see
 * src/core/rules/sla-step-met.rule.ts for which action meets which step). Idempotent: a met step stays
 * met by its first action. A step met after its deadline that the deadline job had not flipped yet (it was
 * down, or the tick had not come) is recorded late and turns the lead red, without alerts: it is done.
 */
import { isSlaStepKey, type SlaStepKey } from '../core/rules/sla-policy.rule.js';
import { mayMeetProposalFeedback, QUOTE_KEYWORD, stepsMet, type SlaActionFacts } from '../core/rules/sla-step-met.rule.js';
import { findPendingSlaSteps, findProposalEvidence, markLeadRed, markSlaStepMet } from '../store/lead-sla-step.repository.js';
import type { SlaContext } from './sla-context.js';

export interface SlaCapturedAction extends SlaActionFacts {
  leadId: string;
}

export interface SlaProgress {
  met: SlaStepKey[];
  /** Of those, the ones met after their deadline. */
  late: SlaStepKey[];
}

export async function recordSlaProgress(ctx: SlaContext, action: SlaCapturedAction): Promise<SlaProgress> {
  const progress: SlaProgress = { met: [], late: [] };
  const pending = await findPendingSlaSteps(ctx.db, ctx.tenantId, action.leadId);
  const pendingSteps = pending.steps.map((s) => s.step).filter(isSlaStepKey);
  if (pendingSteps.length === 0) return progress;

  const candidates: SlaActionFacts[] = [action];
  if (pendingSteps.includes('proposal_feedback') && mayMeetProposalFeedback(action)) {
    const evidence = await findProposalEvidence(ctx.db, ctx.tenantId, action.leadId, pending.leadCreatedAt, QUOTE_KEYWORD);
    candidates.push(...evidence.filter((e) => e.id !== action.id));
  }
  for (const { step, by } of stepsMet(pendingSteps, pending.leadCreatedAt, candidates)) {
    // A calendar meeting may be dated ahead; the step is met when salesbeat learns of it, not later.
    const metAt = by.occurredAt.getTime() > ctx.now.getTime() ? ctx.now : by.occurredAt;
    const changed = await markSlaStepMet(ctx.db, { tenantId: ctx.tenantId, leadId: action.leadId, step, metAt, actionId: by.id });
    if (!changed) continue;
    progress.met.push(step);
    if (changed.late) progress.late.push(step);
  }
  if (progress.late.length > 0) await markLeadRed(ctx.db, ctx.tenantId, action.leadId);
  return progress;
}
