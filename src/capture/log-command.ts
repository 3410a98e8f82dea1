/** `/log <kind> <customer> [contact] <summary…>`: one sales action on the customer, confirmed in the chat. */
import type { MessageReceived } from '../core/events.js';
import { actionLogged, customerAmbiguous, customerNotFound } from '../core/i18n/bot-replies.js';
import type { BotCommand, Word } from '../core/rules/bot-command.rule.js';
import {
  customerSearchSeed,
  matchLeadingContactName,
  matchLeadingCustomerName,
  MAX_NAME_WORDS,
  normalizeName,
} from '../core/rules/customer-name.rule.js';
import { extractKeywords } from '../core/rules/keywords.rule.js';
import type { HandleOutcome } from '../inbound/inbox-processor.js';
import { listContactsOfCustomer } from '../store/contact.repository.js';
import { findCustomerCandidates } from '../store/customer.repository.js';
import type { UserRef } from '../store/user-identity.repository.js';
import { eventTime, type CaptureContext } from './capture-context.js';
import { recordAction, sourceRef } from './record-action.js';
import { queueReply } from './reply.js';

type LogCommand = Extract<BotCommand, { command: 'log' }>;

export async function logCommand(ctx: CaptureContext, message: MessageReceived, command: LogCommand, rep: UserRef): Promise<HandleOutcome> {
  const { words } = command;
  const prefixes = Array.from({ length: Math.min(words.length, MAX_NAME_WORDS) }, (_, i) => normalizeName(joined(words, 0, i + 1)));
  const pool = await findCustomerCandidates(ctx.db, ctx.tenantId, customerSearchSeed(words[0]!.text), prefixes);
  const found = matchLeadingCustomerName(words, pool);
  if (found.status === 'none') {
    await queueReply(ctx, message, customerNotFound(found.query, found.candidates.map((c) => c.name)));
    return { status: 'processed', note: 'log refused: no such customer' };
  }
  if (found.status === 'ambiguous') {
    await queueReply(ctx, message, customerAmbiguous(found.query, found.candidates.map((c) => c.name)));
    return { status: 'processed', note: 'log refused: customer name is ambiguous' };
  }

  const customer = found.match;
  const rest = words.slice(found.nextWord);
  const contacts = rest.length > 0 ? await listContactsOfCustomer(ctx.db, ctx.tenantId, customer.id) : [];
  const contact = matchLeadingContactName(rest, contacts);
  const summaryStart = rest[contact?.words ?? 0];
  const summary = summaryStart ? command.source.slice(summaryStart.start).trim() : null;
  const keywords = extractKeywords(summary);

  const saved = await recordAction(ctx, {
    kind: command.kind,
    occurredAt: eventTime(message.occurredAt, ctx.now),
    actorId: rep.id,
    customerId: customer.id,
    contactId: contact?.match.id ?? null,
    channel: 'bot_log',
    direction: 'rep',
    summary,
    keywords,
    sourceRef: sourceRef(ctx.platform, 'bot_log', message.messageId),
  });
  await queueReply(
    ctx,
    message,
    actionLogged({
      kind: command.kind,
      customer: customer.name,
      contact: contact?.match.name ?? null,
      keywords,
      summary,
      lead: saved.lead ? (saved.lead.title ?? customer.name) : null,
      deal: saved.deal ? (saved.deal.title ?? customer.name) : null,
    }),
  );
  return { status: 'processed' };
}

function joined(words: Word[], from: number, to: number): string {
  return words
    .slice(from, to)
    .map((w) => w.text)
    .join(' ');
}
