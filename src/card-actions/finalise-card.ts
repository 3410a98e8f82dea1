/**
 * Puts a tapped card in its final state ("已记录 by 王五 at 14:02"): the state is set and the buttons and form
 * are gone, in the row that carried this copy (the console shows the row; a platform copy is updated in place
 * from it). Written to the audit log.
 */
import type { Card } from '../core/card.js';
import type { Bilingual } from '../core/i18n/bilingual.js';
import { appendAuditOnce } from '../store/audit.repository.js';
import { replaceDeliveredCard } from '../store/card-delivery.repository.js';
import type { CardTap } from './card-tap.js';

export function finalCard(card: Card, state: Bilingual): Card {
  const { form: _form, ...rest } = card;
  return { ...rest, state, buttons: [] };
}

export async function finaliseCard(tap: CardTap, state: Bilingual): Promise<Card> {
  const { ctx, delivery } = tap;
  const card = finalCard(delivery.card, state);
  await replaceDeliveredCard(ctx.db, ctx.tenantId, delivery.id, card);
  await appendAuditOnce(ctx.db, {
    tenantId: ctx.tenantId,
    at: ctx.now,
    actorType: 'user',
    actorId: tap.presser.id,
    action: 'card.finalised',
    subjectType: 'card',
    subjectId: card.id,
    detail: { inboxEventId: ctx.inboxId, outboxId: delivery.id, platform: delivery.platform, actionId: tap.actionId, state },
  });
  return card;
}
