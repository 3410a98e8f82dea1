/**
 * card.action → the workflow of the tapped button, dispatched by action id (one file per action). Every tap is
 * first checked by authoriseTap; an action id without a workflow yet is stored as ignored, with the reason.
 */
import { ACTION_KEY } from '../core/card-action.js';
import type { CardAction } from '../core/events.js';
import type { CaptureContext } from '../capture/capture-context.js';
import type { HandleOutcome } from '../inbound/inbox-processor.js';
import { LOG_FOLLOWUP_ACTION, NUDGE_OWNER_ACTION } from '../../cards/lead-overdue.card.js';
import { authoriseTap } from './authorise-tap.js';
import type { CardActionHandler } from './card-tap.js';
import { logFollowUp } from './log-followup.action.js';
import { nudgeOwner } from './nudge-owner.action.js';

export const cardActionHandlers: Readonly<Record<string, CardActionHandler>> = {
  [NUDGE_OWNER_ACTION]: nudgeOwner,
  [LOG_FOLLOWUP_ACTION]: logFollowUp,
};

export const NO_ACTION_ID_REASON = 'card action carries no action id';

export function unknownCardActionReason(actionId: string): string {
  return `no workflow for card action "${actionId}" yet (card workflows arrive with the card issue)`;
}

export async function handleCardAction(ctx: CaptureContext, event: CardAction): Promise<HandleOutcome> {
  const actionId = event.value[ACTION_KEY];
  if (typeof actionId !== 'string' || actionId === '') return { status: 'ignored', reason: NO_ACTION_ID_REASON };
  const handler = Object.hasOwn(cardActionHandlers, actionId) ? cardActionHandlers[actionId] : undefined;
  if (!handler) return { status: 'ignored', reason: unknownCardActionReason(actionId) };
  const tap = await authoriseTap(ctx, event, actionId);
  if ('status' in tap) return tap;
  return handler(tap);
}
