/**
 * CAPTURE: turns one committed inbox event into sales actions on the right customer, contact and lead.
 * Runs inside the inbox processor's transaction; every write is idempotent (source_ref on actions,
 * `reply:<inboxId>` on replies, inboxEventId on audit entries), so processing an event twice changes nothing.
 */
import { handleCardAction } from '../card-actions/handle-card-action.js';
import type { HandleOutcome, InboxEventHandler } from '../inbound/inbox-processor.js';
import { captureCallEnded } from './capture-call.js';
import { captureContactAdded, captureContactRemoved } from './capture-contact-change.js';
import type { CaptureContext } from './capture-context.js';
import { captureMeetingEnded } from './capture-meeting.js';
import { captureMessage } from './capture-message.js';

export const MEETING_STARTED_REASON = 'meeting started; the meeting is recorded when it ends';

export const captureInboxEvent: InboxEventHandler = async (db, row, now): Promise<HandleOutcome> => {
  const ctx: CaptureContext = { db, tenantId: row.tenantId, inboxId: row.id, platform: row.platform, now };
  const { event } = row;
  switch (event.kind) {
    case 'message.received':
      return captureMessage(ctx, event);
    case 'contact.added':
      return captureContactAdded(ctx, event);
    case 'contact.removed':
      return captureContactRemoved(ctx, event);
    case 'meeting.started':
      return { status: 'ignored', reason: MEETING_STARTED_REASON };
    case 'meeting.ended':
      return captureMeetingEnded(ctx, event);
    case 'call.ended':
      return captureCallEnded(ctx, event);
    case 'card.action':
      // Known action ids run their workflow (src/card-actions); unknown ones stay ignored, with the reason.
      return handleCardAction(ctx, event);
    case 'ignored':
      return { status: 'ignored', reason: event.reason };
    default:
      // Stored events outlive code: an event kind this version does not know is kept, not crashed on.
      return { status: 'ignored', reason: `unsupported domain event kind ${(event as { kind?: unknown }).kind}` };
  }
};
