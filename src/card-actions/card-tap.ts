/** A tap that passed the checks every card action shares, and what an action handler does with it. */
import type { Card } from '../core/card.js';
import type { CardAction } from '../core/events.js';
import { outcomeLine } from '../core/i18n/card-action-texts.js';
import type { Bilingual } from '../core/i18n/bilingual.js';
import type { CaptureContext } from '../capture/capture-context.js';
import type { HandleOutcome } from '../inbound/inbox-processor.js';
import type { CardDelivery } from '../store/card-delivery.repository.js';
import type { UserRef } from '../store/user-identity.repository.js';

export interface CardTap {
  ctx: CaptureContext;
  event: CardAction;
  actionId: string;
  /** The button's own value (without the routing keys `action` and `card`). */
  value: Record<string, string>;
  /** Text typed into the card's form, if any (inputs joined by line). */
  formText: string | null;
  /** The user who tapped: the card's recipient (checked). */
  presser: UserRef;
  /** The copy of the card that was tapped (its outbox row, locked), still without a final state. */
  delivery: CardDelivery;
  /** When the tap happened. */
  at: Date;
  /** The tenant's time zone, for times written on the card. */
  timeZone: string;
}

export type CardActionHandler = (tap: CardTap) => Promise<HandleOutcome>;

/** The tap changes nothing; the reason is what the person who tapped is told. */
export function refuse(text: Bilingual): HandleOutcome {
  return { status: 'ignored', reason: outcomeLine(text) };
}

export function done(text: Bilingual): HandleOutcome {
  return { status: 'processed', note: outcomeLine(text) };
}

/** `14:02`, wall-clock time in `timeZone`. */
export function clockTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

export type { Card };
