/** Bot answers go to the outbox, one per inbox event, sent later by the outbox worker. */
import type { MessageReceived } from '../core/events.js';
import { bothLanguages, type Bilingual } from '../core/i18n/bilingual.js';
import { enqueueOutbox } from '../store/outbox.repository.js';
import type { CaptureContext } from './capture-context.js';

export function replyDedupKey(inboxId: string): string {
  return `reply:${inboxId}`;
}

export async function queueReply(ctx: CaptureContext, message: MessageReceived, text: Bilingual): Promise<void> {
  await enqueueOutbox(ctx.db, {
    tenantId: ctx.tenantId,
    platform: ctx.platform,
    kind: 'reply',
    recipient: {
      chatId: message.chat.id,
      chatType: message.chat.type,
      messageId: message.messageId,
      // DingTalk's direct-chat fallback (after the session webhook expires) sends to the rep's staffId.
      ...(message.sender.ids.staffId ? { staffId: message.sender.ids.staffId } : {}),
      ...(message.replyTo ?? {}),
    },
    payload: { text: bothLanguages(text), textZh: text.zh, textEn: text.en },
    dedupKey: replyDedupKey(ctx.inboxId),
  });
}
