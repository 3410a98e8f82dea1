import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from './db.js';
import { countAll, pageOf, type Page, type PageRequest } from './paged-query.repository.js';
import { customers, leads, users, type LeadStatus } from './schema/index.js';

export interface LeadListFilter extends PageRequest {
  status?: LeadStatus;
  ownerId?: string;
  customerId?: string;
}

export interface LeadListItem {
  id: string;
  customerId: string | null;
  customerName: string | null;
  contactId: string | null;
  ownerId: string | null;
  ownerName: string | null;
  title: string | null;
  source: string;
  class: string;
  status: LeadStatus;
  slaColor: 'green' | 'red';
  amountFen: number | null;
  firstContactAt: Date | null;
  lastActionAt: Date | null;
  externalRef: string | null;
  createdAt: Date;
}

/** A tenant's leads, most recently active first, with the owner's and the customer's names. */
export async function listLeads(db: Db, tenantId: string, filter: LeadListFilter): Promise<Page<LeadListItem>> {
  const conditions: Array<SQL | undefined> = [eq(leads.tenantId, tenantId)];
  if (filter.status) conditions.push(eq(leads.status, filter.status));
  if (filter.ownerId) conditions.push(eq(leads.ownerId, filter.ownerId));
  if (filter.customerId) conditions.push(eq(leads.customerId, filter.customerId));
  const where = and(...conditions);
  return pageOf(
    db
      .select({
        id: leads.id,
        customerId: leads.customerId,
        customerName: customers.name,
        contactId: leads.contactId,
        ownerId: leads.ownerId,
        ownerName: users.name,
        title: leads.title,
        source: leads.source,
        class: leads.class,
        status: leads.status,
        slaColor: leads.slaColor,
        amountFen: leads.amountFen,
        firstContactAt: leads.firstContactAt,
        lastActionAt: leads.lastActionAt,
        externalRef: leads.externalRef,
        createdAt: leads.createdAt,
      })
      .from(leads)
      .leftJoin(customers, and(eq(customers.tenantId, leads.tenantId), eq(customers.id, leads.customerId)))
      .leftJoin(users, and(eq(users.tenantId, leads.tenantId), eq(users.id, leads.ownerId)))
      .where(where)
      .orderBy(sql`${leads.lastActionAt} desc nulls last`, desc(leads.createdAt), asc(leads.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ n: countAll }).from(leads).where(where).then((r) => r[0]?.n ?? 0),
  );
}
