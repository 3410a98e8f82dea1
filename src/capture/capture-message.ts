/** message.received: a bot command from a rep, a message in a customer conversation, or nothing for salesbeat. */
import type { MessageReceived } from '../core/events.js';
import { notUnderstood } from '../core/i18n/bot-replies.js';
import { parseBotCommand } from '../core/rules/bot-command.rule.js';
import { extractKeywords } from '../core/rules/keywords.rule.js';
import { decideMessageCapture } from '../core/rules/message-capture.rule.js';
import { customerNamedInText } from '../core/rules/meeting-customer.rule.js';
import type { HandleOutcome } from '../inbound/inbox-processor.js';
import { findChatBinding } from '../store/chat-binding.repository.js';
import { findCustomersNamedIn } from '../store/customer.repository.js';
import { handleBotCommand } from './bot-command.js';
import { eventTime, type CaptureContext } from './capture-context.js';
import { recordAction, sourceRef } from './record-action.js';
import { queueReply } from './reply.js';
import { resolveContact, resolveUser } from './resolve-people.js';

export async function captureMessage(ctx: CaptureContext, message: MessageReceived): Promise<HandleOutcome> {
  // Only our own people command the bot; a customer's message that happens to start with 记录 is just a message.
  const command = message.toBot && !message.sender.external ? parseBotCommand(message.text) : null;
  if (command) return handleBotCommand(ctx, message, command);

  const binding = await findChatBinding(ctx.db, ctx.tenantId, ctx.platform, message.chat.id);
  const user = await resolveUser(ctx, message.sender);
  const contact = user ? undefined : await resolveContact(ctx, message.sender);
  const titleCustomerId =
    message.chat.customerGroup && !binding && !contact?.customerId ? await customerNamedByTitle(ctx, message.chat.title) : null;

  const decision = decideMessageCapture({
    chatType: message.chat.type,
    customerGroup: message.chat.customerGroup === true,
    senderExternal: message.sender.external,
    boundCustomerId: binding?.customerId ?? null,
    titleCustomerId,
    senderUserId: user?.id ?? null,
    senderContact: contact ? { id: contact.id, customerId: contact.customerId } : null,
  });

  if (!decision.capture) {
    if (message.toBot && !message.sender.external) {
      await queueReply(ctx, message, notUnderstood());
      return { status: 'processed', note: 'text sent to the bot is no command; usage sent back' };
    }
    return { status: 'ignored', reason: decision.reason };
  }

  const text = message.text.trim();
  const saved = await recordAction(ctx, {
    kind: 'message',
    occurredAt: eventTime(message.occurredAt, ctx.now),
    actorId: decision.actorId,
    customerId: decision.customerId,
    contactId: decision.contactId,
    channel: decision.channel,
    direction: decision.direction,
    summary: text !== '' ? text : `[${message.contentType}]`,
    keywords: extractKeywords(text),
    sourceRef: sourceRef(ctx.platform, 'message', message.messageId),
  });
  if (saved.customerId === null && !saved.lead) return { status: 'processed', note: 'message recorded in a customer group that names no known customer yet' };
  return { status: 'processed' };
}

/** An unbound customer group titled after a customer ("华为-项目群") belongs to that customer, when exactly one fits. */
async function customerNamedByTitle(ctx: CaptureContext, title: string | undefined): Promise<string | null> {
  if (!title) return null;
  const found = customerNamedInText(title, await findCustomersNamedIn(ctx.db, ctx.tenantId, title));
  return found.status === 'matched' ? found.customerId : null;
}
