import { and, asc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from './db.js';
import { containsPattern, countAll, pageOf, type Page, type PageRequest } from './paged-query.repository.js';
import { customers } from './schema/index.js';

export interface CustomerListFilter extends PageRequest {
  /** Part of the name or external ref, case-insensitive. */
  q?: string;
}

export interface CustomerListItem {
  id: string;
  name: string;
  sector: string | null;
  country: string | null;
  employees: number | null;
  revenueFen: number | null;
  yearEstablished: number | null;
  parentName: string | null;
  externalRef: string | null;
  createdAt: Date;
}

const columns = {
  id: customers.id,
  name: customers.name,
  sector: customers.sector,
  country: customers.country,
  employees: customers.employees,
  revenueFen: customers.revenueFen,
  yearEstablished: customers.yearEstablished,
  parentName: customers.parentName,
  externalRef: customers.externalRef,
  createdAt: customers.createdAt,
};

/** A tenant's customers by name. */
export async function listCustomers(db: Db, tenantId: string, filter: CustomerListFilter): Promise<Page<CustomerListItem>> {
  const conditions: Array<SQL | undefined> = [eq(customers.tenantId, tenantId)];
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    conditions.push(or(ilike(customers.name, pattern), ilike(customers.externalRef, pattern)));
  }
  const where = and(...conditions);
  return pageOf(
    db.select(columns).from(customers).where(where).orderBy(asc(customers.name), asc(customers.id)).limit(filter.limit).offset(filter.offset),
    db.select({ n: countAll }).from(customers).where(where).then((r) => r[0]?.n ?? 0),
  );
}
