/** `/bind <customer>` and `/unbind` in a group chat: which customer the group's messages belong to. */
import type { MessageReceived } from '../core/events.js';
import {
  bindNeedsGroup,
  chatAlreadyBound,
  chatBound,
  chatNotBound,
  chatUnbound,
  customerAmbiguous,
  customerNotFound,
} from '../core/i18n/bot-replies.js';
import { customerSearchSeed, matchCustomerName, normalizeName } from '../core/rules/customer-name.rule.js';
import type { HandleOutcome } from '../inbound/inbox-processor.js';
import { appendAuditOnce } from '../store/audit.repository.js';
import { bindChat, findChatBinding, unbindChat } from '../store/chat-binding.repository.js';
import { findCustomerById, findCustomerCandidates } from '../store/customer.repository.js';
import type { UserRef } from '../store/user-identity.repository.js';
import type { CaptureContext } from './capture-context.js';
import { queueReply } from './reply.js';

export async function bindCommand(ctx: CaptureContext, message: MessageReceived, query: string, rep: UserRef): Promise<HandleOutcome> {
  if (message.chat.type !== 'group') {
    await queueReply(ctx, message, bindNeedsGroup());
    return { status: 'processed', note: 'bind refused: not a group chat' };
  }
  const pool = await findCustomerCandidates(ctx.db, ctx.tenantId, customerSearchSeed(query), [normalizeName(query)]);
  const found = matchCustomerName(query, pool);
  if (found.status === 'none') {
    await queueReply(ctx, message, customerNotFound(query, found.candidates.map((c) => c.name)));
    return { status: 'processed', note: 'bind refused: no such customer' };
  }
  if (found.status === 'ambiguous') {
    await queueReply(ctx, message, customerAmbiguous(query, found.candidates.map((c) => c.name)));
    return { status: 'processed', note: 'bind refused: customer name is ambiguous' };
  }

  const customer = found.match;
  const previous = await findChatBinding(ctx.db, ctx.tenantId, ctx.platform, message.chat.id);
  if (previous?.customerId === customer.id) {
    await queueReply(ctx, message, chatAlreadyBound(customer.name));
    return { status: 'processed', note: 'chat was already bound to this customer' };
  }
  const previousCustomer = previous ? await findCustomerById(ctx.db, ctx.tenantId, previous.customerId) : undefined;
  await bindChat(ctx.db, { tenantId: ctx.tenantId, platform: ctx.platform, chatId: message.chat.id, customerId: customer.id, boundBy: rep.id, boundAt: ctx.now });
  await appendAuditOnce(ctx.db, {
    tenantId: ctx.tenantId,
    at: ctx.now,
    actorType: 'user',
    actorId: rep.id,
    action: 'chat.bound',
    subjectType: 'customer',
    subjectId: customer.id,
    detail: {
      inboxEventId: ctx.inboxId,
      platform: ctx.platform,
      chatId: message.chat.id,
      chatTitle: message.chat.title ?? null,
      previousCustomerId: previous?.customerId ?? null,
    },
  });
  await queueReply(ctx, message, chatBound(customer.name, previousCustomer?.name ?? null));
  return { status: 'processed' };
}

export async function unbindCommand(ctx: CaptureContext, message: MessageReceived, rep: UserRef): Promise<HandleOutcome> {
  const removed = await unbindChat(ctx.db, ctx.tenantId, ctx.platform, message.chat.id);
  if (!removed) {
    await queueReply(ctx, message, chatNotBound());
    return { status: 'processed', note: 'unbind: chat was not bound' };
  }
  const customer = await findCustomerById(ctx.db, ctx.tenantId, removed.customerId);
  await appendAuditOnce(ctx.db, {
    tenantId: ctx.tenantId,
    at: ctx.now,
    actorType: 'user',
    actorId: rep.id,
    action: 'chat.unbound',
    subjectType: 'customer',
    subjectId: removed.customerId,
    detail: { inboxEventId: ctx.inboxId, platform: ctx.platform, chatId: message.chat.id, boundBy: removed.boundBy, boundAt: removed.boundAt.toISOString() },
  });
  await queueReply(ctx, message, chatUnbound(customer?.name ?? removed.customerId));
  return { status: 'processed' };
}
