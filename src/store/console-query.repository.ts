/**
 * What the console pages read: the people of one tenant, its console chats, and one user's inbox (the outbox
 * rows addressed to them, and the bot's replies in console chats they are in). Every query is scoped to the
 * tenant. Console chats have no member list: a person is "in" a chat once they have posted in it, and always in
 * their own direct chats.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from './db.js';
import { contacts, customers, reportingLines, users, type InboxStatus, type OutboxStatus, type UserRole } from './schema/index.js';
import { isUuid } from './uuid.js';

const CONSOLE = 'console';
/** The most people and contacts a console page lists. */
export const CONSOLE_LIST_LIMIT = 500;
export const CONSOLE_INBOX_LIMIT = 50;
export const CONSOLE_MESSAGES_LIMIT = 20;

export interface ConsoleUser {
  id: string;
  name: string;
  role: UserRole;
  team: string | null;
  supervisorName: string | null;
}

const supervisor = alias(users, 'supervisor');

export async function listConsoleUsers(db: Db, tenantId: string): Promise<ConsoleUser[]> {
  return db
    .select({ id: users.id, name: users.name, role: users.role, team: users.team, supervisorName: supervisor.name })
    .from(users)
    .leftJoin(reportingLines, and(eq(reportingLines.tenantId, users.tenantId), eq(reportingLines.userId, users.id)))
    .leftJoin(supervisor, and(eq(supervisor.tenantId, reportingLines.tenantId), eq(supervisor.id, reportingLines.supervisorId)))
    .where(and(eq(users.tenantId, tenantId), eq(users.active, true)))
    .orderBy(asc(users.role), asc(users.name), asc(users.id))
    .limit(CONSOLE_LIST_LIMIT);
}

/** How many outbox rows (cards, messages) are addressed to each user of the tenant, for the user picker. */
export async function countConsoleInboxes(db: Db, tenantId: string): Promise<Map<string, number>> {
  const found = await rows<{ user_id: string; n: number | string }>(
    db,
    sql`select recipient->>'userId' as user_id, count(*)::int as n from outbox
        where tenant_id = ${tenantId} and recipient ? 'userId' group by 1`,
  );
  return new Map(found.map((r) => [r.user_id, Number(r.n)]));
}

export interface ConsoleContact {
  id: string;
  name: string;
  title: string | null;
  customerName: string | null;
}

export async function listConsoleContacts(db: Db, tenantId: string): Promise<ConsoleContact[]> {
  return db
    .select({ id: contacts.id, name: contacts.name, title: contacts.title, customerName: customers.name })
    .from(contacts)
    .leftJoin(customers, and(eq(customers.tenantId, contacts.tenantId), eq(customers.id, contacts.customerId)))
    .where(eq(contacts.tenantId, tenantId))
    .orderBy(asc(customers.name), asc(contacts.name), asc(contacts.id))
    .limit(CONSOLE_LIST_LIMIT);
}

export async function findConsoleContact(db: Db, tenantId: string, contactId: string | undefined): Promise<ConsoleContact | undefined> {
  if (!isUuid(contactId)) return undefined;
  const rows = await db
    .select({ id: contacts.id, name: contacts.name, title: contacts.title, customerName: customers.name })
    .from(contacts)
    .leftJoin(customers, and(eq(customers.tenantId, contacts.tenantId), eq(customers.id, contacts.customerId)))
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)))
    .limit(1);
  return rows[0];
}

/** A console group chat: bound to a customer (chat_bindings, platform console), seen in posts, or both. */
export interface ConsoleChat {
  chatId: string;
  title: string | null;
  customerName: string | null;
}

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

export async function listConsoleChats(db: Db, tenantId: string): Promise<ConsoleChat[]> {
  const found = await rows<{ chat_id: string; title: string | null; customer_name: string | null }>(
    db,
    sql`with bound as (
          select b.chat_id, c.name as customer_name from chat_bindings b
          join customers c on c.tenant_id = b.tenant_id and c.id = b.customer_id
          where b.tenant_id = ${tenantId} and b.platform = ${CONSOLE}),
        seen as (
          select distinct on (event->'chat'->>'id') event->'chat'->>'id' as chat_id, event->'chat'->>'title' as title, received_at
          from inbox_events
          where tenant_id = ${tenantId} and platform = ${CONSOLE} and kind = 'message.received' and event->'chat'->>'type' = 'group'
          order by event->'chat'->>'id', received_at desc)
        select coalesce(bound.chat_id, seen.chat_id) as chat_id, seen.title, bound.customer_name
        from bound full outer join seen on seen.chat_id = bound.chat_id
        order by seen.received_at desc nulls last, 1
        limit ${CONSOLE_LIST_LIMIT}`,
  );
  return found.map((r) => ({ chatId: r.chat_id, title: r.title, customerName: r.customer_name }));
}

/** Console direct chats are `console-dm-<userId>[-<contactId>]` (adapters/console/parse.ts). */
const DIRECT_PREFIX = 'console-dm-';

/** Chats `userId` is in: their direct chats (with the bot, and with contacts), and every console chat they posted in. */
function chatsOf(tenantId: string, userId: string) {
  return sql`(select distinct event->'chat'->>'id' from inbox_events
              where tenant_id = ${tenantId} and platform = ${CONSOLE} and kind = 'message.received'
                and (event->'sender'->'ids'->>'userId' = ${userId} or event->'chat'->>'id' like ${`${DIRECT_PREFIX}${userId}%`}))`;
}

export interface ConsoleInboxItem {
  id: string;
  platform: string;
  kind: string;
  status: OutboxStatus;
  recipient: Record<string, string>;
  payload: Record<string, unknown>;
  createdAt: Date;
  sentAt: Date | null;
}

/** What `userId` received, newest first: rows addressed to them (cards, nudges, on any platform) and bot replies in their console chats. */
export async function listConsoleInbox(db: Db, tenantId: string, userId: string): Promise<ConsoleInboxItem[]> {
  const found = await rows<{
    id: string;
    platform: string;
    kind: string;
    status: OutboxStatus;
    recipient: Record<string, string>;
    payload: Record<string, unknown>;
    created_at: Date | string;
    sent_at: Date | string | null;
  }>(
    db,
    sql`select id, platform, kind, status, recipient, payload, created_at, sent_at from outbox
        where tenant_id = ${tenantId}
          and (recipient->>'userId' = ${userId}
               or (platform = ${CONSOLE} and kind = 'reply' and recipient->>'chatId' in ${chatsOf(tenantId, userId)}))
        order by created_at desc, id
        limit ${CONSOLE_INBOX_LIMIT}`,
  );
  return found.map((r) => ({
    id: r.id,
    platform: r.platform,
    kind: r.kind,
    status: r.status,
    recipient: r.recipient,
    payload: r.payload,
    createdAt: new Date(r.created_at),
    sentAt: r.sent_at === null ? null : new Date(r.sent_at),
  }));
}

export interface ConsoleMessage {
  id: string;
  chatId: string;
  chatType: string;
  chatTitle: string | null;
  senderName: string | null;
  external: boolean;
  text: string;
  status: InboxStatus;
  ignoreReason: string | null;
  note: string | null;
  /** Sales actions this message became. */
  actions: number;
  receivedAt: Date;
}

/** Messages posted on the console in `userId`'s chats, newest first, with what capture made of each. */
export async function listConsoleMessages(db: Db, tenantId: string, userId: string): Promise<ConsoleMessage[]> {
  const found = await rows<{
    id: string;
    chat_id: string;
    chat_type: string;
    chat_title: string | null;
    sender_name: string | null;
    external: boolean | null;
    text: string | null;
    status: InboxStatus;
    ignore_reason: string | null;
    note: string | null;
    actions: number | string;
    received_at: Date | string;
  }>(
    db,
    sql`select e.id, e.event->'chat'->>'id' as chat_id, e.event->'chat'->>'type' as chat_type, e.event->'chat'->>'title' as chat_title,
               e.event->'sender'->>'name' as sender_name, (e.event->'sender'->>'external')::boolean as external, e.event->>'text' as text,
               e.status, e.ignore_reason, e.note, e.received_at,
               (select count(*) from sales_actions a where a.tenant_id = e.tenant_id and a.inbox_event_id = e.id)::int as actions
        from inbox_events e
        where e.tenant_id = ${tenantId} and e.platform = ${CONSOLE} and e.kind = 'message.received'
          and e.event->'chat'->>'id' in ${chatsOf(tenantId, userId)}
        order by e.received_at desc, e.id
        limit ${CONSOLE_MESSAGES_LIMIT}`,
  );
  return found.map((r) => ({
    id: r.id,
    chatId: r.chat_id,
    chatType: r.chat_type,
    chatTitle: r.chat_title,
    senderName: r.sender_name,
    external: r.external === true,
    text: r.text ?? '',
    status: r.status,
    ignoreReason: r.ignore_reason,
    note: r.note,
    actions: Number(r.actions),
    receivedAt: new Date(r.received_at),
  }));
}

/** What became of one inbox event (a post or a tap), for the page that sent it. */
export interface ConsoleOutcome {
  kind: string;
  status: InboxStatus;
  ignoreReason: string | null;
  note: string | null;
  actions: number;
}

export async function findConsoleOutcome(db: Db, tenantId: string, inboxId: string | undefined): Promise<ConsoleOutcome | undefined> {
  if (!isUuid(inboxId)) return undefined;
  const found = await rows<{ kind: string; status: InboxStatus; ignore_reason: string | null; note: string | null; actions: number | string }>(
    db,
    sql`select e.kind, e.status, e.ignore_reason, e.note,
               (select count(*) from sales_actions a where a.tenant_id = e.tenant_id and a.inbox_event_id = e.id)::int as actions
        from inbox_events e
        where e.tenant_id = ${tenantId} and e.platform = ${CONSOLE} and e.id = ${inboxId}`,
  );
  const row = found[0];
  return row ? { kind: row.kind, status: row.status, ignoreReason: row.ignore_reason, note: row.note, actions: Number(row.actions) } : undefined;
}
