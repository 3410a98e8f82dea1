/**
 * The console's outbound side. The console is salesbeat's own web inbox (src/http/routes/console/): the inbox
 * page reads the outbox rows themselves, so "delivering" a row to the console only settles it as delivered —
 * no network, nothing to rate-limit. The platform message id is `console:<outbox id>`, the same id the worker
 * gives rows of a tenant whose settings keep everything in the console.
 *
 * Recipients: a card or a message to a person is `{ userId }` (salesbeat's own user id); a bot reply to a
 * console chat is what capture queued (`{ chatId, chatType, messageId }`). Anything else fails the row.
 * Updating a card in place needs no call either: the page renders the row's current payload.
 */
import { permanent, type CardUpdate, type CardUpdateResult, type OutboundMessage, type OutboundSender, type SendResult } from '../outbound.js';

export const CONSOLE_PLATFORM = 'console';

/** The platform message id of a row delivered to the console. */
export function consoleMessageId(outboxId: string): string {
  return `console:${outboxId}`;
}

function checkRecipient(message: OutboundMessage): void {
  const { recipient } = message;
  if (recipient.userId) return;
  if (message.kind === 'reply' && recipient.chatId) return;
  throw permanent(`console ${message.kind} needs a recipient userId${message.kind === 'reply' ? ' or chatId' : ''}`);
}

function checkPayload(message: OutboundMessage): void {
  if (message.kind === 'card') {
    const card = message.payload.card as { id?: unknown } | undefined;
    if (typeof card?.id !== 'string' || card.id === '') throw permanent('console card payload has no card.id');
    return;
  }
  if (message.kind === 'reply') {
    if (typeof message.payload.text !== 'string' || message.payload.text.trim() === '') throw permanent('console reply payload has no text');
    return;
  }
  throw permanent(`console cannot show outbox kind "${message.kind}"`);
}

async function send(message: OutboundMessage): Promise<SendResult> {
  checkPayload(message);
  checkRecipient(message);
  return { platformMessageId: consoleMessageId(message.id) };
}

async function updateCard(update: CardUpdate): Promise<CardUpdateResult> {
  if (!update.recipient.userId) throw permanent('console card update needs a recipient userId');
  return { status: 'updated' };
}

export const consoleSender: OutboundSender = { platform: CONSOLE_PLATFORM, send, updateCard };
