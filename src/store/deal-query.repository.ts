import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from './db.js';
import { countAll, pageOf, type Page, type PageRequest } from './paged-query.repository.js';
import { customers, deals, users, type DealStatus } from './schema/index.js';

export interface DealListFilter extends PageRequest {
  status?: DealStatus;
  stage?: string;
  ownerId?: string;
  customerId?: string;
}

export interface DealListItem {
  id: string;
  leadId: string | null;
  customerId: string | null;
  customerName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  title: string | null;
  product: string | null;
  source: string;
  class: string;
  stage: string;
  sourceStage: string | null;
  status: DealStatus;
  amountFen: number | null;
  closedAt: Date | null;
  externalRef: string | null;
  createdAt: Date;
}

/** A tenant's deals, newest first, with the owner's and the customer's names. */
export async function listDeals(db: Db, tenantId: string, filter: DealListFilter): Promise<Page<DealListItem>> {
  const conditions: Array<SQL | undefined> = [eq(deals.tenantId, tenantId)];
  if (filter.status) conditions.push(eq(deals.status, filter.status));
  if (filter.stage) conditions.push(eq(deals.stage, filter.stage));
  if (filter.ownerId) conditions.push(eq(deals.ownerId, filter.ownerId));
  if (filter.customerId) conditions.push(eq(deals.customerId, filter.customerId));
  const where = and(...conditions);
  return pageOf(
    db
      .select({
        id: deals.id,
        leadId: deals.leadId,
        customerId: deals.customerId,
        customerName: customers.name,
        ownerId: deals.ownerId,
        ownerName: users.name,
        title: deals.title,
        product: deals.product,
        source: deals.source,
        class: deals.class,
        stage: deals.stage,
        sourceStage: deals.sourceStage,
        status: deals.status,
        amountFen: deals.amountFen,
        closedAt: deals.closedAt,
        externalRef: deals.externalRef,
        createdAt: deals.createdAt,
      })
      .from(deals)
      .leftJoin(customers, and(eq(customers.tenantId, deals.tenantId), eq(customers.id, deals.customerId)))
      .leftJoin(users, and(eq(users.tenantId, deals.tenantId), eq(users.id, deals.ownerId)))
      .where(where)
      .orderBy(desc(deals.createdAt), asc(deals.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ n: countAll }).from(deals).where(where).then((r) => r[0]?.n ?? 0),
  );
}
