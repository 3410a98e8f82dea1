import { and, asc, eq, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from './db.js';
import { contactIdentities, contacts } from './schema/index.js';

export interface ContactRef {
  id: string;
  name: string;
  customerId: string | null;
}

const contactColumns = { id: contacts.id, name: contacts.name, customerId: contacts.customerId };

/**
 * SQL twin of normalizePhone (src/core/rules/phone-number.rule.ts): keep digits and '+', drop inner '+',
 * then drop a mainland China prefix (+86, 0086, or 86 before an 11-digit mobile).
 */
export function normalizedPhoneSql(column: SQLWrapper): SQL {
  return sql`regexp_replace(regexp_replace(regexp_replace(coalesce(${column}, ''), ${'[^0-9+]'}, '', 'g'), ${'(.)\\+'}, ${'\\1'}, 'g'), ${'^(\\+86|0086|86(?=1[0-9]{10}$))'}, '')`;
}

function identityMatch(ids: Record<string, string>): SQL | undefined {
  const pairs = Object.entries(ids).filter(([, value]) => value !== '');
  if (pairs.length === 0) return undefined;
  return or(...pairs.map(([idType, value]) => and(eq(contactIdentities.idType, idType), eq(contactIdentities.value, value))));
}

/** The contact a platform person is, by any of their ids on that platform. */
export async function findContactByIdentity(db: Db, tenantId: string, platform: string, ids: Record<string, string>): Promise<ContactRef | undefined> {
  const match = identityMatch(ids);
  if (!match) return undefined;
  const rows = await db
    .select(contactColumns)
    .from(contactIdentities)
    .innerJoin(contacts, and(eq(contacts.tenantId, contactIdentities.tenantId), eq(contacts.id, contactIdentities.contactId)))
    .where(and(eq(contactIdentities.tenantId, tenantId), eq(contactIdentities.platform, platform), match))
    .orderBy(asc(contacts.createdAt))
    .limit(1);
  return rows[0];
}

/**
 * The contact a phone number belongs to, from phone identities on any platform or the contact's own phone field.
 * Several contacts may share a number (a switchboard): one with a customer wins, then the oldest.
 */
export async function findContactByPhone(db: Db, tenantId: string, phone: string): Promise<ContactRef | undefined> {
  if (phone === '') return undefined;
  const byIdentity = sql`exists (select 1 from ${contactIdentities}
    where ${contactIdentities.tenantId} = ${tenantId} and ${contactIdentities.contactId} = ${contacts.id}
      and ${contactIdentities.idType} = 'phone' and ${normalizedPhoneSql(contactIdentities.value)} = ${phone})`;
  const rows = await db
    .select(contactColumns)
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), or(sql`${normalizedPhoneSql(contacts.phone)} = ${phone}`, byIdentity)))
    .orderBy(sql`${contacts.customerId} is null`, asc(contacts.createdAt))
    .limit(1);
  return rows[0];
}

export async function findContactById(db: Db, tenantId: string, contactId: string): Promise<ContactRef | undefined> {
  const rows = await db
    .select(contactColumns)
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)))
    .limit(1);
  return rows[0];
}

export async function listContactsOfCustomer(db: Db, tenantId: string, customerId: string): Promise<ContactRef[]> {
  return db
    .select(contactColumns)
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.customerId, customerId)))
    .orderBy(asc(contacts.createdAt));
}

export interface NewContact {
  tenantId: string;
  name: string;
  customerId?: string | null;
  phone?: string | null;
  createdAt?: Date;
}

export async function createContact(db: Db, contact: NewContact): Promise<ContactRef> {
  const rows = await db
    .insert(contacts)
    .values({ tenantId: contact.tenantId, name: contact.name, customerId: contact.customerId ?? null, phone: contact.phone ?? null, ...(contact.createdAt ? { createdAt: contact.createdAt } : {}) })
    .returning(contactColumns);
  return rows[0]!;
}

/** Records every id the platform gave for this contact; ids already recorded (for anyone) are left alone. */
export async function addContactIdentities(db: Db, tenantId: string, contactId: string, platform: string, ids: Record<string, string>): Promise<void> {
  const values = Object.entries(ids)
    .filter(([, value]) => value !== '')
    .map(([idType, value]) => ({ tenantId, platform, idType, value, contactId }));
  if (values.length === 0) return;
  await db.insert(contactIdentities).values(values).onConflictDoNothing();
}
