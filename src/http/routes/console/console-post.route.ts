/**
 * POST /console/:tenant/users/:userId/messages — a message posted as the user or as a customer contact
 * POST /console/actions                        — a tap on a card button
 *
 * Both go the way a real platform's events go: the console adapter (adapters/console/parse.ts) turns the form
 * into a domain event for platform `console`, the inbox sink commits it, and capture processes it like any
 * other platform's. The page is then sent back (303) to the inbox with `?event=<inbox id>` and shows what
 * processing made of it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  CONSOLE_GROUP_PATTERN,
  consoleCardActionEvent,
  consoleMessageEvent,
  customerDirectChatId,
  directChatId,
  groupChatId,
  MAX_CHAT_TITLE_LENGTH,
  MAX_MESSAGE_LENGTH,
  parseConsoleTap,
  stripBotMention,
  type ConsolePerson,
} from '../../../../adapters/console/parse.js';
import type { InboundEvent } from '../../../../adapters/contract.js';
import type { Chat } from '../../../core/events.js';
import { findConsoleContact, listConsoleChats } from '../../../store/console-query.repository.js';
import { findUserById } from '../../../store/user.repository.js';
import { isUuid } from '../../../store/uuid.js';
import { acceptPost, inboxPath, langOf, langQuery, notFound, seeOther, type ConsoleDeps, type FormBody } from './console-context.js';
import type { FlashCode } from './console-flash.js';
import { AS_SELF, CHAT_DIRECT, CHAT_NEW, COMPOSE_FIELD } from './console-inbox-view.js';

const CONSOLE = 'console';

type Composed = { ok: true; sender: ConsolePerson; chat: Chat; text: string; toBot: boolean } | { ok: false; flash: FlashCode };

async function compose(deps: ConsoleDeps, tenantId: string, user: { id: string; name: string }, body: FormBody): Promise<Composed> {
  const raw = body[COMPOSE_FIELD.text] ?? '';
  if (raw.length > MAX_MESSAGE_LENGTH) return { ok: false, flash: 'text_too_long' };
  const mention = stripBotMention(raw);
  if (mention.text === '') return { ok: false, flash: 'empty_text' };

  const as = body[COMPOSE_FIELD.as] ?? AS_SELF;
  let sender: ConsolePerson = { kind: 'user', userId: user.id, name: user.name };
  if (as !== AS_SELF) {
    const contact = await findConsoleContact(deps.database.db, tenantId, as);
    if (!contact) return { ok: false, flash: 'bad_sender' };
    sender = { kind: 'contact', contactId: contact.id, name: contact.name };
  }

  const chatChoice = body[COMPOSE_FIELD.chat] ?? CHAT_DIRECT;
  let chat: Chat;
  if (chatChoice === CHAT_DIRECT) {
    // A rep's direct chat is with the bot; a contact's is with the rep whose console this is.
    chat = sender.kind === 'user' ? { id: directChatId(user.id), type: 'direct' } : { id: customerDirectChatId(user.id, sender.contactId), type: 'direct', title: user.name };
  } else if (chatChoice === CHAT_NEW) {
    const title = (body[COMPOSE_FIELD.newChat] ?? '').trim();
    if (title === '' || title.length > MAX_CHAT_TITLE_LENGTH) return { ok: false, flash: 'chat_title' };
    chat = { id: groupChatId(randomBytes(6).toString('hex')), type: 'group', title };
  } else {
    if (!CONSOLE_GROUP_PATTERN.test(chatChoice)) return { ok: false, flash: 'bad_chat' };
    const known = (await listConsoleChats(deps.database.db, tenantId)).find((c) => c.chatId === chatChoice);
    if (!known) return { ok: false, flash: 'bad_chat' };
    chat = { id: known.chatId, type: 'group', ...(known.title ? { title: known.title } : {}) };
  }
  const toBot = sender.kind === 'user' && (chat.type === 'direct' || mention.mentioned || body[COMPOSE_FIELD.mention] === 'on');
  return { ok: true, sender, chat, text: mention.text, toBot };
}

async function ingestOne(deps: ConsoleDeps, reply: FastifyReply, tenantId: string, userId: string, lang: string | undefined, event: InboundEvent): Promise<FastifyReply> {
  const [result] = await deps.sink.ingest(tenantId, CONSOLE, 'http', [event]);
  return seeOther(reply, inboxPath(tenantId, userId, { event: result?.inboxId, lang }));
}

export async function consolePostRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  app.post<{ Params: { tenant: string; userId: string }; Body: FormBody }>('/:tenant/users/:userId/messages', async (request, reply) => {
    const { params } = request;
    const body = request.body ?? {};
    const accepted = await acceptPost(request, reply, deps, params.tenant, params.userId);
    if (!accepted) return reply;
    const tenantId = accepted.tenant.id;
    const user = await findUserById(deps.database.db, tenantId, params.userId);
    if (!user) return notFound(reply, '此租户没有这位用户', 'No such user in this tenant');
    const lang = langQuery(langOf(body.lang));
    const composed = await compose(deps, tenantId, user, body);
    if (!composed.ok) return seeOther(reply, inboxPath(tenantId, user.id, { flash: composed.flash, lang }));
    const event = consoleMessageEvent({ messageId: `cm_${randomUUID()}`, ...composed, now: deps.clock() });
    return ingestOne(deps, reply, tenantId, user.id, lang, event);
  });

  app.post<{ Body: FormBody }>('/actions', async (request, reply) => {
    const body = request.body ?? {};
    const userId = body.userId ?? '';
    const accepted = await acceptPost(request, reply, deps, body.tenant ?? '', userId);
    if (!accepted) return reply;
    const tenantId = accepted.tenant.id;
    const user = await findUserById(deps.database.db, tenantId, userId);
    if (!user) return notFound(reply, '此租户没有这位用户', 'No such user in this tenant');
    const lang = langQuery(langOf(body.lang));
    const parsed = parseConsoleTap(body);
    if (!parsed.ok || !isUuid(body.outboxId)) return seeOther(reply, inboxPath(tenantId, user.id, { flash: 'bad_action', lang }));
    const event = consoleCardActionEvent({ tapId: randomUUID(), tap: parsed.tap, presser: { userId: user.id, name: user.name }, outboxId: body.outboxId, now: deps.clock() });
    return ingestOne(deps, reply, tenantId, user.id, lang, event);
  });
}
