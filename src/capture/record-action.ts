/** Writes one sales action on the right lead and deal, once per source, and moves the lead's clock. */
import { findOpenDeal, type DealRef } from '../store/deal.repository.js';
import { findOpenLead, touchLead, type LeadRef } from '../store/lead.repository.js';
import { recordSalesAction, type NewSalesAction } from '../store/sales-action.repository.js';
import { recordSlaProgress } from '../sla/record-sla-progress.js';
import type { CaptureContext } from './capture-context.js';

/** Longer summaries (a pasted e-mail thread) are cut here; the inbox keeps the full text. */
export const MAX_SUMMARY_LENGTH = 4000;

export type ActionDraft = Omit<NewSalesAction, 'tenantId' | 'platform' | 'inboxEventId' | 'leadId' | 'dealId'>;

export interface RecordedAction {
  id: string;
  /** false when the same source was recorded before (the event is being processed again). */
  created: boolean;
  customerId: string | null;
  lead: LeadRef | undefined;
  deal: DealRef | undefined;
}

export async function recordAction(ctx: CaptureContext, draft: ActionDraft): Promise<RecordedAction> {
  const lead = await findOpenLead(ctx.db, ctx.tenantId, { customerId: draft.customerId, contactId: draft.contactId, preferOwnerId: draft.actorId });
  // A contact added on WeCom has no company yet; its lead may have one, and the action then belongs there too.
  const customerId = draft.customerId ?? lead?.customerId ?? null;
  const deal = customerId ? await findOpenDeal(ctx.db, ctx.tenantId, { customerId, leadId: lead?.id, preferOwnerId: draft.actorId }) : undefined;
  const summary = draft.summary === null ? null : draft.summary.slice(0, MAX_SUMMARY_LENGTH);
  const saved = await recordSalesAction(ctx.db, {
    ...draft,
    summary,
    customerId,
    tenantId: ctx.tenantId,
    platform: ctx.platform,
    inboxEventId: ctx.inboxId,
    leadId: lead?.id ?? null,
    dealId: deal?.id ?? null,
  });
  // Every action on a lead counts as activity, the customer's messages included (HubSpot's "last activity").
  if (saved.created && lead) await touchLead(ctx.db, ctx.tenantId, lead.id, draft.occurredAt);
  // SLA hook (src/sla): the action may meet one of the lead's follow-up steps.
  if (lead) await recordSlaProgress(ctx, { ...draft, id: saved.id, leadId: lead.id });
  return { ...saved, customerId, lead, deal };
}

/** Stable per source, so a redelivered or reprocessed event finds its earlier row. */
export function sourceRef(platform: string, kind: string, ...parts: string[]): string {
  return [platform, kind, ...parts].join(':');
}
