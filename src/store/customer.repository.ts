import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { customers } from './schema/index.js';

export interface CustomerRef {
  id: string;
  name: string;
}

/** How many customers a name lookup hands to the matching rule; exact-looking names come first. */
export const CUSTOMER_CANDIDATE_LIMIT = 200;
/** Customer names shorter than this are never searched for inside free text (a topic, a group title). */
export const MIN_NAME_LENGTH_IN_TEXT = 2;

export async function findCustomerById(db: Db, tenantId: string, customerId: string): Promise<CustomerRef | undefined> {
  const rows = await db
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)))
    .limit(1);
  return rows[0];
}

/**
 * Customers whose name contains `seed` (case-insensitively): the pool the name-matching rule picks from.
 * Names equal to one of `exactNames` (lower-cased) are returned first so a large tenant never loses them to the limit.
 */
export async function findCustomerCandidates(db: Db, tenantId: string, seed: string, exactNames: string[]): Promise<CustomerRef[]> {
  if (seed === '') return [];
  const exact = exactNames.length > 0 ? inArray(sql`lower(${customers.name})`, exactNames) : sql`false`;
  return db
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), sql`strpos(lower(${customers.name}), lower(${seed})) > 0`))
    .orderBy(sql`${exact} desc`, sql`char_length(${customers.name})`, asc(customers.name))
    .limit(CUSTOMER_CANDIDATE_LIMIT);
}

/** Customers whose name appears inside `text` (a meeting topic, a group title), case-insensitively. */
export async function findCustomersNamedIn(db: Db, tenantId: string, text: string): Promise<CustomerRef[]> {
  if (text.trim() === '') return [];
  return db
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(
      and(
        eq(customers.tenantId, tenantId),
        sql`char_length(${customers.name}) >= ${MIN_NAME_LENGTH_IN_TEXT}`,
        sql`strpos(lower(${text}), lower(${customers.name})) > 0`,
      ),
    )
    .orderBy(sql`char_length(${customers.name}) desc`)
    .limit(CUSTOMER_CANDIDATE_LIMIT);
}
