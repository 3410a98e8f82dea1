/** call.ended: a phone call with a known contact, on the rep who made or took it. */
import type { CallEnded } from '../core/events.js';
import { callSummary, storedSummary } from '../core/i18n/action-summaries.js';
import { extractKeywords } from '../core/rules/keywords.rule.js';
import { normalizePhone } from '../core/rules/phone-number.rule.js';
import type { HandleOutcome } from '../inbound/inbox-processor.js';
import { findContactByPhone } from '../store/contact.repository.js';
import { eventTime, type CaptureContext } from './capture-context.js';
import { recordAction, sourceRef } from './record-action.js';
import { resolveUserAnywhere } from './resolve-people.js';

export const NUMBER_NOT_LINKED = 'number not linked to any contact';

/**
 * Only calls to a known number are recorded: a call to an unknown number may be a supplier or a
 * private call, and a sales action without a customer helps nobody.
 */
export async function captureCallEnded(ctx: CaptureContext, event: CallEnded): Promise<HandleOutcome> {
  const contact = await findContactByPhone(ctx.db, ctx.tenantId, normalizePhone(event.customerPhone));
  if (!contact) return { status: 'ignored', reason: NUMBER_NOT_LINKED };
  const rep = await resolveUserAnywhere(ctx, event.rep);
  await recordAction(ctx, {
    kind: 'call',
    occurredAt: eventTime(event.startedAt, eventTime(event.occurredAt, ctx.now)),
    actorId: rep?.id ?? null,
    customerId: contact.customerId,
    contactId: contact.id,
    channel: 'phone',
    // Who started the conversation; the rep on the call is the actor either way.
    direction: event.direction === 'outbound' ? 'rep' : 'customer',
    summary: storedSummary(callSummary(event.direction, event.answered), event.summary?.trim() || null),
    keywords: extractKeywords(event.summary),
    durationSeconds: Math.max(0, Math.round(event.durationSeconds)),
    sourceRef: sourceRef(ctx.platform, 'call', event.callId),
  });
  return rep ? { status: 'processed' } : { status: 'processed', note: 'rep not registered; call recorded without a rep' };
}
