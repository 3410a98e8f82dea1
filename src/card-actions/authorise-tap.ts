/**
 * The checks every card tap passes before its action runs: who tapped (a user of the tenant), which copy of
 * which card (the outbox row named by the tap, locked), that the person is that copy's recipient, that the
 * card is not final yet, and that the tapped action and value are a live button of the card (so a forged
 * value — another lead, another owner — is refused).
 */
import { ACTION_KEY, CARD_KEY, encodeActionKey } from '../core/card-action.js';
import { liveButtons, liveForm } from '../core/card.js';
import type { CardAction } from '../core/events.js';
import { cardAlreadyFinal, tapRefusals } from '../core/i18n/card-action-texts.js';
import { eventTime, type CaptureContext } from '../capture/capture-context.js';
import { resolveUser } from '../capture/resolve-people.js';
import type { HandleOutcome } from '../inbound/inbox-processor.js';
import { lockCardDelivery } from '../store/card-delivery.repository.js';
import { findTenant } from '../store/tenant.repository.js';
import { refuse, type CardTap } from './card-tap.js';

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

function buttonValue(value: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key !== ACTION_KEY && key !== CARD_KEY && typeof item === 'string') out[key] = item;
  }
  return out;
}

function formText(formValue: Record<string, unknown> | undefined): string | null {
  const parts = Object.values(formValue ?? {})
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return parts.length > 0 ? parts.join('\n') : null;
}

export async function authoriseTap(ctx: CaptureContext, event: CardAction, actionId: string): Promise<CardTap | HandleOutcome> {
  const presser = await resolveUser(ctx, event.operator);
  if (!presser) return refuse(tapRefusals.notRegistered);
  const delivery = await lockCardDelivery(ctx.db, ctx.tenantId, event.cardRef.outboxId);
  const cardId = event.value[CARD_KEY];
  if (!delivery || (typeof cardId === 'string' && cardId !== delivery.card.id)) return refuse(tapRefusals.cardNotFound);
  if (delivery.recipient.userId !== presser.id) return refuse(tapRefusals.notRecipient);
  if (delivery.card.state !== undefined) return refuse(cardAlreadyFinal(delivery.card.state));

  const value = buttonValue(event.value);
  const tapped = encodeActionKey({ actionId, value });
  const form = liveForm(delivery.card);
  const buttons = [...liveButtons(delivery.card), ...(form ? [form.submit] : [])];
  if (!buttons.some((b) => encodeActionKey(b) === tapped)) return refuse(tapRefusals.unknownButton);

  const tenant = await findTenant(ctx.db, ctx.tenantId);
  return {
    ctx,
    event,
    actionId,
    value,
    formText: formText(event.formValue),
    presser,
    delivery,
    at: eventTime(event.occurredAt, ctx.now),
    timeZone: tenant?.timezone ?? DEFAULT_TIME_ZONE,
  };
}
