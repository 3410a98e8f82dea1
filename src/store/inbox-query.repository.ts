import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from './db.js';
import { countAll, pageOf, type Page, type PageRequest } from './paged-query.repository.js';
import { inboxEvents, type InboxStatus } from './schema/index.js';

export interface InboxListFilter extends PageRequest {
  status?: InboxStatus;
  platform?: string;
  kind?: string;
}

/** An inbox row for diagnosis: never the raw payload nor the event body (they hold message text). */
export interface InboxListItem {
  id: string;
  platform: string;
  transport: string;
  dedupKey: string;
  vendorType: string;
  kind: string;
  status: InboxStatus;
  ignoreReason: string | null;
  attempts: number;
  lastError: string | null;
  receivedAt: Date;
  processedAt: Date | null;
}

/** A tenant's inbound events, most recent first. */
export async function listInboxEvents(db: Db, tenantId: string, filter: InboxListFilter): Promise<Page<InboxListItem>> {
  const conditions: Array<SQL | undefined> = [eq(inboxEvents.tenantId, tenantId)];
  if (filter.status) conditions.push(eq(inboxEvents.status, filter.status));
  if (filter.platform) conditions.push(eq(inboxEvents.platform, filter.platform));
  if (filter.kind) conditions.push(eq(inboxEvents.kind, filter.kind));
  const where = and(...conditions);
  return pageOf(
    db
      .select({
        id: inboxEvents.id,
        platform: inboxEvents.platform,
        transport: inboxEvents.transport,
        dedupKey: inboxEvents.dedupKey,
        vendorType: inboxEvents.vendorType,
        kind: inboxEvents.kind,
        status: inboxEvents.status,
        ignoreReason: inboxEvents.ignoreReason,
        attempts: inboxEvents.attempts,
        lastError: inboxEvents.lastError,
        receivedAt: inboxEvents.receivedAt,
        processedAt: inboxEvents.processedAt,
      })
      .from(inboxEvents)
      .where(where)
      .orderBy(desc(inboxEvents.receivedAt), asc(inboxEvents.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ n: countAll }).from(inboxEvents).where(where).then((r) => r[0]?.n ?? 0),
  );
}
