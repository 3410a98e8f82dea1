/** Reading a `card` row's payload (see outbound.ts): checked enough that a renderer can take it, or the row fails for good. */
import { CardRenderError, severities, type Card } from '../src/core/card.js';
import { DEFAULT_LOCALE, locales, type Locale } from '../src/core/card-text.js';
import type { Platform } from '../src/core/events.js';
import { PlatformError } from '../src/errors.js';
import { permanent, type OutboundMessage } from './outbound.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBilingual(value: unknown): boolean {
  return isRecord(value) && typeof value.zh === 'string' && typeof value.en === 'string';
}

/** What is wrong with the shape of `value` as a Card, or undefined. Limits are the renderers' business (they cut and report). */
function cardShapeProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'payload.card is not an object';
  if (typeof value.id !== 'string' || value.id === '') return 'payload.card.id is missing';
  if (typeof value.kind !== 'string') return 'payload.card.kind is missing';
  if (!isBilingual(value.title)) return 'payload.card.title is not {zh, en}';
  if (!(severities as readonly unknown[]).includes(value.severity)) return `payload.card.severity must be one of ${severities.join(', ')}`;
  for (const list of ['blocks', 'buttons', 'links'] as const) {
    if (!Array.isArray(value[list])) return `payload.card.${list} is not a list`;
  }
  return undefined;
}

export interface CardToSend {
  card: Card;
  locale: Locale;
}

/** The card and locale of a `card` row; a malformed payload is a permanent failure (retrying will not fix it). */
export function cardPayloadOf(message: OutboundMessage, platform: Platform): CardToSend {
  if (message.kind !== 'card') throw permanent(`${platform}: outbox kind "${message.kind}" is not a card`);
  const { card, locale } = message.payload;
  const problem = cardShapeProblem(card);
  if (problem !== undefined) throw permanent(`${platform} card: ${problem}`);
  if (locale !== undefined && !(locales as readonly unknown[]).includes(locale)) throw permanent(`${platform} card: payload.locale must be one of ${locales.join(', ')}`);
  return { card: card as Card, locale: (locale as Locale | undefined) ?? DEFAULT_LOCALE };
}

/** Runs a renderer; a card that cannot be rendered for the platform fails the row for good. */
export function renderOrFail<T>(platform: Platform, render: () => T): T {
  try {
    return render();
  } catch (error) {
    if (error instanceof CardRenderError) throw new PlatformError('permanent', `${platform}: ${error.message}`, { cause: error });
    throw error;
  }
}
