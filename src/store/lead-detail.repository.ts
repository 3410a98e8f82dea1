import { and, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from './db.js';
import { customers, leads, users, type LeadStatus } from './schema/index.js';
import { isUuid } from './uuid.js';

/** A lead with the names a message about it needs. */
export interface LeadDetail {
  id: string;
  title: string | null;
  status: LeadStatus;
  customerId: string | null;
  customerName: string | null;
  contactId: string | null;
  ownerId: string | null;
  ownerName: string | null;
  slaColor: 'green' | 'red';
  createdAt: Date;
  lastActionAt: Date | null;
}

const owner = alias(users, 'owner');

export async function findLeadDetail(db: Db, tenantId: string, leadId: string | undefined): Promise<LeadDetail | undefined> {
  if (!isUuid(leadId)) return undefined;
  const rows = await db
    .select({
      id: leads.id,
      title: leads.title,
      status: leads.status,
      customerId: leads.customerId,
      customerName: customers.name,
      contactId: leads.contactId,
      ownerId: leads.ownerId,
      ownerName: owner.name,
      slaColor: leads.slaColor,
      createdAt: leads.createdAt,
      lastActionAt: leads.lastActionAt,
    })
    .from(leads)
    .leftJoin(customers, and(eq(customers.tenantId, leads.tenantId), eq(customers.id, leads.customerId)))
    .leftJoin(owner, and(eq(owner.tenantId, leads.tenantId), eq(owner.id, leads.ownerId)))
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId)))
    .limit(1);
  return rows[0];
}
