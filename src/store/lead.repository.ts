import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from './db.js';
import { leads } from './schema/index.js';

export interface LeadRef {
  id: string;
  title: string | null;
  ownerId: string | null;
  customerId: string | null;
  contactId: string | null;
}

const leadColumns = { id: leads.id, title: leads.title, ownerId: leads.ownerId, customerId: leads.customerId, contactId: leads.contactId };

export interface OpenLeadQuery {
  customerId?: string | null;
  contactId?: string | null;
  /** When several leads are open, prefer this rep's own. */
  preferOwnerId?: string | null;
}

/**
 * The open lead an action belongs to: the contact's own lead first, then the given rep's lead on the
 * customer, then the customer's most recent open lead.
 */
export async function findOpenLead(db: Db, tenantId: string, query: OpenLeadQuery): Promise<LeadRef | undefined> {
  const scope: SQL[] = [];
  if (query.customerId) scope.push(eq(leads.customerId, query.customerId));
  if (query.contactId) scope.push(eq(leads.contactId, query.contactId));
  if (scope.length === 0) return undefined;
  const order: SQL[] = [];
  if (query.contactId) order.push(sql`(${leads.contactId} is not distinct from ${query.contactId}) desc`);
  if (query.preferOwnerId) order.push(sql`(${leads.ownerId} is not distinct from ${query.preferOwnerId}) desc`);
  const rows = await db
    .select(leadColumns)
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.status, 'open'), or(...scope)))
    .orderBy(...order, desc(leads.createdAt), desc(leads.id))
    .limit(1);
  return rows[0];
}

export interface NewLead {
  tenantId: string;
  customerId?: string | null;
  contactId?: string | null;
  ownerId?: string | null;
  title?: string | null;
  source: string;
  firstContactAt?: Date | null;
  createdAt?: Date;
}

export async function createLead(db: Db, lead: NewLead): Promise<LeadRef> {
  const rows = await db
    .insert(leads)
    .values({
      tenantId: lead.tenantId,
      customerId: lead.customerId ?? null,
      contactId: lead.contactId ?? null,
      ownerId: lead.ownerId ?? null,
      title: lead.title ?? null,
      source: lead.source,
      firstContactAt: lead.firstContactAt ?? null,
      ...(lead.createdAt ? { createdAt: lead.createdAt } : {}),
    })
    .returning(leadColumns);
  return rows[0]!;
}

/** An action happened on this lead at `at`: last_action_at moves forward only, first_contact_at is set once. */
export async function touchLead(db: Db, tenantId: string, leadId: string, at: Date): Promise<void> {
  await db
    .update(leads)
    .set({
      lastActionAt: sql`greatest(${leads.lastActionAt}, ${at.toISOString()}::timestamptz)`,
      firstContactAt: sql`coalesce(${leads.firstContactAt}, ${at.toISOString()}::timestamptz)`,
    })
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId)));
}
