import { and, asc, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { Db } from './db.js';
import { countAll, pageOf, type Page, type PageRequest } from './paged-query.repository.js';
import { customers, salesActions, users, type SalesActionKind } from './schema/index.js';

export interface ActionListFilter extends PageRequest {
  leadId?: string;
  dealId?: string;
  customerId?: string;
  actorId?: string;
  kind?: SalesActionKind;
  /** occurred_at ≥ from */
  from?: Date;
  /** occurred_at ≤ to */
  to?: Date;
  /** occurred_at < before (the end of a whole day) */
  before?: Date;
}

export interface ActionListItem {
  id: string;
  kind: SalesActionKind;
  occurredAt: Date;
  actorId: string | null;
  actorName: string | null;
  customerId: string | null;
  customerName: string | null;
  contactId: string | null;
  leadId: string | null;
  dealId: string | null;
  channel: string;
  platform: string;
  direction: string;
  summary: string | null;
  keywords: string[];
  durationSeconds: number | null;
  inboxEventId: string | null;
  sourceRef: string;
  createdAt: Date;
}

/** A tenant's captured sales actions, most recent first, with the actor's and the customer's names. */
export async function listActions(db: Db, tenantId: string, filter: ActionListFilter): Promise<Page<ActionListItem>> {
  const conditions: Array<SQL | undefined> = [eq(salesActions.tenantId, tenantId)];
  if (filter.leadId) conditions.push(eq(salesActions.leadId, filter.leadId));
  if (filter.dealId) conditions.push(eq(salesActions.dealId, filter.dealId));
  if (filter.customerId) conditions.push(eq(salesActions.customerId, filter.customerId));
  if (filter.actorId) conditions.push(eq(salesActions.actorId, filter.actorId));
  if (filter.kind) conditions.push(eq(salesActions.kind, filter.kind));
  if (filter.from) conditions.push(gte(salesActions.occurredAt, filter.from));
  if (filter.to) conditions.push(lte(salesActions.occurredAt, filter.to));
  if (filter.before) conditions.push(lt(salesActions.occurredAt, filter.before));
  const where = and(...conditions);
  return pageOf(
    db
      .select({
        id: salesActions.id,
        kind: salesActions.kind,
        occurredAt: salesActions.occurredAt,
        actorId: salesActions.actorId,
        actorName: users.name,
        customerId: salesActions.customerId,
        customerName: customers.name,
        contactId: salesActions.contactId,
        leadId: salesActions.leadId,
        dealId: salesActions.dealId,
        channel: salesActions.channel,
        platform: salesActions.platform,
        direction: salesActions.direction,
        summary: salesActions.summary,
        keywords: salesActions.keywords,
        durationSeconds: salesActions.durationSeconds,
        inboxEventId: salesActions.inboxEventId,
        sourceRef: salesActions.sourceRef,
        createdAt: salesActions.createdAt,
      })
      .from(salesActions)
      .leftJoin(users, and(eq(users.tenantId, salesActions.tenantId), eq(users.id, salesActions.actorId)))
      .leftJoin(customers, and(eq(customers.tenantId, salesActions.tenantId), eq(customers.id, salesActions.customerId)))
      .where(where)
      .orderBy(desc(salesActions.occurredAt), asc(salesActions.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ n: countAll }).from(salesActions).where(where).then((r) => r[0]?.n ?? 0),
  );
}
