import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from './db.js';
import { deals } from './schema/index.js';

export interface DealRef {
  id: string;
  title: string | null;
}

/** The customer's open deal an action belongs to: the one grown from `leadId` first, then the rep's own, then the most recent. */
export async function findOpenDeal(
  db: Db,
  tenantId: string,
  query: { customerId: string; leadId?: string | null; preferOwnerId?: string | null },
): Promise<DealRef | undefined> {
  const order: SQL[] = [];
  if (query.leadId) order.push(sql`(${deals.leadId} is not distinct from ${query.leadId}) desc`);
  if (query.preferOwnerId) order.push(sql`(${deals.ownerId} is not distinct from ${query.preferOwnerId}) desc`);
  const rows = await db
    .select({ id: deals.id, title: deals.title })
    .from(deals)
    .where(and(eq(deals.tenantId, tenantId), eq(deals.customerId, query.customerId), eq(deals.status, 'open')))
    .orderBy(...order, desc(deals.createdAt), desc(deals.id))
    .limit(1);
  return rows[0];
}
