/**
 * The console's inbound side: what a person does on the console page (post a message, tap a card button)
 * becomes the same domain events a real platform's payload becomes, and goes into the same inbox.
 *
 * Identities: the console has no ids of its own. A person on the console is named by salesbeat's own ids —
 * `{ userId }` for a member of the tenant, `{ contactId }` (external) for a customer contact — and capture
 * resolves those directly (src/capture/resolve-people.ts).
 *
 * Chats: console chats are plain chat ids on platform `console`. A group is `console-g-<hex>` and is bound to
 * a customer like any group, with `/bind <customer>` (a chat_bindings row with platform `console`); a rep's
 * direct chat with the bot is `console-dm-<userId>`, and a contact's direct chat with a rep
 * `console-dm-<userId>-<contactId>`.
 */
import { ACTION_ID_PATTERN, actionPayload } from '../../src/core/card-action.js';
import type { CardAction, Chat, MessageReceived, PlatformPerson } from '../../src/core/events.js';
import type { InboundEvent } from '../contract.js';
import { CONSOLE_FIELD } from './render-card.js';

export const CONSOLE_VENDOR_TYPE = { message: 'console.message', cardAction: 'console.card_action' } as const;
/** The id types of console people. */
export const CONSOLE_ID = { user: 'userId', contact: 'contactId' } as const;

export const CONSOLE_GROUP_PREFIX = 'console-g-';
export const CONSOLE_DIRECT_PREFIX = 'console-dm-';
/** A group chat id made by the console (`console-g-` and 4 to 32 lower-case hex digits or dashes). */
export const CONSOLE_GROUP_PATTERN = /^console-g-[0-9a-z-]{4,32}$/;
export const MAX_MESSAGE_LENGTH = 2000;
export const MAX_CHAT_TITLE_LENGTH = 60;
export const MAX_FORM_VALUE_LENGTH = 2000;

/** Leading mentions that address the bot in a group, as a platform's @-mention would. */
const BOT_MENTION = /^@(?:bot|salesbeat|机器人)(?:\s+|$)/i;

export type ConsolePerson = { kind: 'user'; userId: string; name: string } | { kind: 'contact'; contactId: string; name: string };

export function consolePerson(person: ConsolePerson): PlatformPerson {
  return person.kind === 'user'
    ? { ids: { [CONSOLE_ID.user]: person.userId }, name: person.name, external: false }
    : { ids: { [CONSOLE_ID.contact]: person.contactId }, name: person.name, external: true };
}

export function directChatId(userId: string): string {
  return `${CONSOLE_DIRECT_PREFIX}${userId}`;
}

export function customerDirectChatId(userId: string, contactId: string): string {
  return `${CONSOLE_DIRECT_PREFIX}${userId}-${contactId}`;
}

export function groupChatId(suffix: string): string {
  return `${CONSOLE_GROUP_PREFIX}${suffix}`;
}

/** `@bot /bind 申通` → mentioned, `/bind 申通`. */
export function stripBotMention(text: string): { mentioned: boolean; text: string } {
  const match = BOT_MENTION.exec(text.trim());
  return match ? { mentioned: true, text: text.trim().slice(match[0].length) } : { mentioned: false, text: text.trim() };
}

export interface ConsoleMessageInput {
  /** Unique per post (the route makes a random one): the message id and the dedup key. */
  messageId: string;
  sender: ConsolePerson;
  chat: Chat;
  text: string;
  /** The bot was addressed: always in a rep's direct chat with it, else by a mention. */
  toBot: boolean;
  now: Date;
}

/** A post on the console page → one `message.received`, as a platform's message event would be. */
export function consoleMessageEvent(input: ConsoleMessageInput): InboundEvent {
  const event: MessageReceived = {
    kind: 'message.received',
    occurredAt: input.now.toISOString(),
    messageId: input.messageId,
    chat: input.chat,
    sender: consolePerson(input.sender),
    text: input.text,
    contentType: 'text',
    toBot: input.toBot,
  };
  return { dedupKey: `message:${input.messageId}`, vendorType: CONSOLE_VENDOR_TYPE.message, event, raw: JSON.stringify(input) };
}

/** What an action form posted, checked: the card, the action, the button's value and the form's inputs. */
export interface ConsoleTap {
  cardId: string;
  actionId: string;
  value: Record<string, string>;
  formValue?: Record<string, string>;
}

export type ConsoleTapParse = { ok: true; tap: ConsoleTap } | { ok: false; field: string; problem: string };

function flatStrings(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') return undefined;
    out[key] = item;
  }
  return out;
}

/** The fields of a posted action form (see render-card.ts `CONSOLE_FIELD`). Pure: no lookups. */
export function parseConsoleTap(body: Record<string, string | undefined>): ConsoleTapParse {
  const cardId = body[CONSOLE_FIELD.cardId] ?? '';
  const actionId = body[CONSOLE_FIELD.actionId] ?? '';
  if (cardId === '' || cardId.length > 200) return { ok: false, field: CONSOLE_FIELD.cardId, problem: 'missing or too long' };
  if (!ACTION_ID_PATTERN.test(actionId)) return { ok: false, field: CONSOLE_FIELD.actionId, problem: 'not an action id' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body[CONSOLE_FIELD.value] ?? '{}');
  } catch {
    return { ok: false, field: CONSOLE_FIELD.value, problem: 'not JSON' };
  }
  const value = flatStrings(parsed);
  if (!value) return { ok: false, field: CONSOLE_FIELD.value, problem: 'not an object of strings' };
  const formValue: Record<string, string> = {};
  for (const [key, item] of Object.entries(body)) {
    if (!key.startsWith(CONSOLE_FIELD.formPrefix) || item === undefined) continue;
    if (item.length > MAX_FORM_VALUE_LENGTH) return { ok: false, field: key, problem: `longer than ${MAX_FORM_VALUE_LENGTH}` };
    formValue[key.slice(CONSOLE_FIELD.formPrefix.length)] = item;
  }
  return { ok: true, tap: { cardId, actionId, value, ...(Object.keys(formValue).length > 0 ? { formValue } : {}) } };
}

export interface ConsoleTapInput {
  /** Unique per tap (the route makes a random one): the dedup key. A double tap is two events; the handler acts once. */
  tapId: string;
  tap: ConsoleTap;
  presser: { userId: string; name: string };
  /** The outbox row whose copy of the card was tapped: the console's handle to the card. */
  outboxId: string;
  now: Date;
}

/**
 * A tap on the console → one `card.action`. `value` is what a platform that carries an object sends back
 * (`actionPayload`: `{action, card, ...button value}`, as Feishu's `behaviors[].value`); `cardRef` names the
 * card and the outbox row.
 */
export function consoleCardActionEvent(input: ConsoleTapInput): InboundEvent {
  const { tap } = input;
  const event: CardAction = {
    kind: 'card.action',
    occurredAt: input.now.toISOString(),
    operator: consolePerson({ kind: 'user', ...input.presser }),
    value: actionPayload(tap.cardId, { actionId: tap.actionId, value: tap.value }),
    ...(tap.formValue ? { formValue: tap.formValue } : {}),
    cardRef: { cardId: tap.cardId, outboxId: input.outboxId },
  };
  return { dedupKey: `action:${input.tapId}`, vendorType: CONSOLE_VENDOR_TYPE.cardAction, event, raw: JSON.stringify(input) };
}
