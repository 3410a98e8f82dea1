/**
 * Where the pages a sent card links to live: salesbeat's own console, under SALESBEAT_PUBLIC_URL, in the
 * tenant's part of it (the console's `/console/<tenant>/…` layout):
 *   card   `<public>/console/<tenant>/cards/<card id>`
 *   action `<public>/console/<tenant>/cards/<card id>/actions/<action id>?value=<button value as JSON>`
 * The pages themselves come with the card-workflow issue, which also replaces the unsigned `value` with a
 * signed action token — only this file changes for that: the adapters get these URLs through
 * `OutboundContext.cardLinks`.
 */
import type { CardLinks } from '../../adapters/outbound.js';

export function consoleCardLinks(publicUrl: string, tenantId: string): CardLinks {
  const base = publicUrl.replace(/\/+$/, '');
  const cardPath = (cardId: string) => `${base}/console/${encodeURIComponent(tenantId)}/cards/${encodeURIComponent(cardId)}`;
  return {
    cardUrl: (card) => cardPath(card.id),
    actionUrl: (card, button) => `${cardPath(card.id)}/actions/${encodeURIComponent(button.actionId)}?${new URLSearchParams({ value: JSON.stringify(button.value) }).toString()}`,
  };
}
