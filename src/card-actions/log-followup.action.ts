/**
 * lead.log_followup — "记录跟进 Log follow-up" on an overdue card: one `note` sales action on the card's lead by
 * the person who tapped (the form's text as its summary, when the card has a form), and the card turns final
 * ("已记录 by 张三 at 14:02"). The action is written on exactly the card's lead, not on whichever lead of the
 * customer capture would pick.
 */
import { followUpFromCard, followUpLogged, loggedState, tapRefusals } from '../core/i18n/card-action-texts.js';
import { bothLanguages } from '../core/i18n/bilingual.js';
import { extractKeywords } from '../core/rules/keywords.rule.js';
import { sourceRef } from '../capture/record-action.js';
import type { HandleOutcome } from '../inbound/inbox-processor.js';
import { findOpenDeal } from '../store/deal.repository.js';
import { findLeadDetail } from '../store/lead-detail.repository.js';
import { touchLead } from '../store/lead.repository.js';
import { recordSalesAction } from '../store/sales-action.repository.js';
import { clockTime, done, refuse, type CardTap } from './card-tap.js';
import { finaliseCard } from './finalise-card.js';

export async function logFollowUp(tap: CardTap): Promise<HandleOutcome> {
  const { ctx, presser } = tap;
  const lead = await findLeadDetail(ctx.db, ctx.tenantId, tap.value.leadId);
  if (!lead) return refuse(tapRefusals.leadNotFound);
  const deal = lead.customerId ? await findOpenDeal(ctx.db, ctx.tenantId, { customerId: lead.customerId, leadId: lead.id, preferOwnerId: presser.id }) : undefined;
  const saved = await recordSalesAction(ctx.db, {
    tenantId: ctx.tenantId,
    kind: 'note',
    occurredAt: tap.at,
    actorId: presser.id,
    customerId: lead.customerId,
    contactId: null,
    leadId: lead.id,
    dealId: deal?.id ?? null,
    channel: 'bot_log',
    platform: ctx.platform,
    direction: 'rep',
    summary: tap.formText ?? bothLanguages(followUpFromCard),
    keywords: extractKeywords(tap.formText),
    inboxEventId: ctx.inboxId,
    sourceRef: sourceRef(ctx.platform, 'card_action', ctx.inboxId),
  });
  if (saved.created) await touchLead(ctx.db, ctx.tenantId, lead.id, tap.at);
  await finaliseCard(tap, loggedState(presser.name, clockTime(tap.at, tap.timeZone)));
  return done(followUpLogged);
}
