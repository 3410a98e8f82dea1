/**
 * lead.nudge_owner — "提醒销售 Nudge rep" on a supervisor's overdue (or escalated) card: the lead's current
 * owner gets a message "主管 X 提醒您跟进线索 Y", and the supervisor's card turns final ("已提醒 张三 by 王芳 at 14:02").
 *
 * The nudge is a bot message addressed to the owner as a person (`{userId}`) in the console, where every user has
 * an inbox; sending it to the owner's own platform needs the card addressing of the SLA work (a later step).
 */
import { CONSOLE_PLATFORM } from '../../adapters/console/send.js';
import { leadLabel, nudgedState, nudgeMessage, nudgeSent, tapRefusals } from '../core/i18n/card-action-texts.js';
import { bothLanguages } from '../core/i18n/bilingual.js';
import type { HandleOutcome } from '../inbound/inbox-processor.js';
import { appendAuditOnce } from '../store/audit.repository.js';
import { findLeadDetail } from '../store/lead-detail.repository.js';
import { enqueueOutbox } from '../store/outbox.repository.js';
import { clockTime, done, refuse, type CardTap } from './card-tap.js';
import { finaliseCard } from './finalise-card.js';

export function nudgeDedupKey(inboxId: string): string {
  return `nudge:${inboxId}`;
}

export async function nudgeOwner(tap: CardTap): Promise<HandleOutcome> {
  const { ctx, presser } = tap;
  const lead = await findLeadDetail(ctx.db, ctx.tenantId, tap.value.leadId);
  if (!lead) return refuse(tapRefusals.leadNotFound);
  if (lead.status !== 'open') return refuse(tapRefusals.leadNotOpen);
  if (!lead.ownerId) return refuse(tapRefusals.leadHasNoOwner);
  const ownerName = lead.ownerName ?? lead.ownerId;

  const text = nudgeMessage(presser.name, leadLabel(lead.title, lead.customerName));
  await enqueueOutbox(ctx.db, {
    tenantId: ctx.tenantId,
    platform: CONSOLE_PLATFORM,
    kind: 'reply',
    recipient: { userId: lead.ownerId },
    payload: { text: bothLanguages(text), textZh: text.zh, textEn: text.en, fromUserId: presser.id, leadId: lead.id },
    dedupKey: nudgeDedupKey(ctx.inboxId),
  });
  await appendAuditOnce(ctx.db, {
    tenantId: ctx.tenantId,
    at: ctx.now,
    actorType: 'user',
    actorId: presser.id,
    action: 'lead.nudged',
    subjectType: 'lead',
    subjectId: lead.id,
    detail: { inboxEventId: ctx.inboxId, ownerId: lead.ownerId, step: tap.value.step ?? null, cardId: tap.delivery.card.id, outboxId: tap.delivery.id },
  });
  await finaliseCard(tap, nudgedState(ownerName, presser.name, clockTime(tap.at, tap.timeZone)));
  return done(nudgeSent(ownerName));
}
