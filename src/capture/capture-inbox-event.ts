import type { InboxEventHandler } from '../inbound/inbox-processor.js';

/** Placeholder until capture lands: marks every event processed without side effects. */
export const captureInboxEvent: InboxEventHandler = async () => ({ status: 'ignored', reason: 'capture not implemented yet' });
