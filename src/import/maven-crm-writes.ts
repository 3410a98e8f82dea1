import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../store/db.js';
import { customers, deals, reportingLines, users } from '../store/schema/index.js';
import type { WriteCounts } from './import-report.js';
import { upsertRows, type UpsertColumn } from './import-upsert.js';
import type { CustomerRecord } from './maven-accounts.js';
import { IMPORTED_DEAL_SOURCE, type DealRecord } from './maven-pipeline.js';
import type { ReportingLineRecord, UserRecord } from './maven-sales-teams.js';

/** external_ref → id of one table's rows in a tenant. */
export type IdsByRef = ReadonlyMap<string, string>;

/**
 * Each writer upserts on the tenant's unique key and returns how many rows were new, changed or already equal.
 * `created_at` of customers and users is set on insert and never overwritten by a later import.
 */

export async function writeCustomers(db: Db, tenantId: string, records: CustomerRecord[], now: Date): Promise<WriteCounts> {
  const columns: Array<UpsertColumn<CustomerRecord>> = [
    { column: customers.tenantId, type: 'text', value: () => tenantId },
    { column: customers.externalRef, type: 'text', value: (r) => r.externalRef },
    { column: customers.name, type: 'text', value: (r) => r.name },
    { column: customers.sector, type: 'text', value: (r) => r.sector },
    { column: customers.country, type: 'text', value: (r) => r.country },
    { column: customers.employees, type: 'integer', value: (r) => r.employees },
    { column: customers.revenueFen, type: 'bigint', value: (r) => r.revenueFen },
    { column: customers.yearEstablished, type: 'integer', value: (r) => r.yearEstablished },
    { column: customers.parentName, type: 'text', value: (r) => r.parentName },
    { column: customers.createdAt, type: 'timestamptz', value: () => now },
  ];
  return upsertRows(db, { table: customers, columns, conflict: [customers.tenantId, customers.externalRef], update: updatable(columns) }, records);
}

export async function writeUsers(db: Db, tenantId: string, records: UserRecord[], now: Date): Promise<WriteCounts> {
  const columns: Array<UpsertColumn<UserRecord>> = [
    { column: users.tenantId, type: 'text', value: () => tenantId },
    { column: users.externalRef, type: 'text', value: (r) => r.externalRef },
    { column: users.name, type: 'text', value: (r) => r.name },
    { column: users.role, type: 'text', value: (r) => r.role },
    { column: users.team, type: 'text', value: (r) => r.team },
    { column: users.region, type: 'text', value: (r) => r.region },
    { column: users.createdAt, type: 'timestamptz', value: () => now },
  ];
  return upsertRows(db, { table: users, columns, conflict: [users.tenantId, users.externalRef], update: updatable(columns) }, records);
}

interface LineIds {
  userId: string;
  supervisorId: string;
}

export async function writeReportingLines(db: Db, tenantId: string, lines: ReportingLineRecord[], userIds: IdsByRef, now: Date): Promise<WriteCounts> {
  const wanted: LineIds[] = lines.map((line) => ({ userId: userIds.get(line.userRef)!, supervisorId: userIds.get(line.supervisorRef)! }));
  const columns: Array<UpsertColumn<LineIds>> = [
    { column: reportingLines.tenantId, type: 'text', value: () => tenantId },
    { column: reportingLines.userId, type: 'uuid', value: (r) => r.userId },
    { column: reportingLines.supervisorId, type: 'uuid', value: (r) => r.supervisorId },
    { column: reportingLines.since, type: 'timestamptz', value: () => now },
  ];
  // A changed supervisor starts a new line: `since` moves with it, and only then.
  const update = [reportingLines.supervisorId, reportingLines.since];
  const conflict = [reportingLines.tenantId, reportingLines.userId];
  return upsertRows(db, { table: reportingLines, columns, conflict, update, compare: [reportingLines.supervisorId] }, wanted);
}

type DealRow = Omit<DealRecord, 'ownerRef' | 'customerRef'> & { source: string; ownerId: string | null; customerId: string | null };

export async function writeDeals(db: Db, tenantId: string, records: DealRecord[], ids: { users: IdsByRef; customers: IdsByRef }): Promise<WriteCounts> {
  const wanted: DealRow[] = records.map(({ ownerRef, customerRef, ...deal }) => ({
    ...deal,
    source: IMPORTED_DEAL_SOURCE,
    ownerId: ids.users.get(ownerRef) ?? null,
    customerId: customerRef === null ? null : (ids.customers.get(customerRef) ?? null),
  }));
  const columns: Array<UpsertColumn<DealRow>> = [
    { column: deals.tenantId, type: 'text', value: () => tenantId },
    { column: deals.externalRef, type: 'text', value: (r) => r.externalRef },
    { column: deals.ownerId, type: 'uuid', value: (r) => r.ownerId },
    { column: deals.customerId, type: 'uuid', value: (r) => r.customerId },
    { column: deals.title, type: 'text', value: (r) => r.title },
    { column: deals.product, type: 'text', value: (r) => r.product },
    { column: deals.source, type: 'text', value: (r) => r.source },
    { column: deals.stage, type: 'text', value: (r) => r.stage },
    { column: deals.sourceStage, type: 'text', value: (r) => r.sourceStage },
    { column: deals.status, type: 'text', value: (r) => r.status },
    { column: deals.amountFen, type: 'bigint', value: (r) => r.amountFen },
    { column: deals.closedAt, type: 'timestamptz', value: (r) => r.closedAt },
    // The deal's own date (engage_date), so it is part of the data and updated like the rest.
    { column: deals.createdAt, type: 'timestamptz', value: (r) => r.createdAt },
  ];
  const update = columns.map((c) => c.column).filter((c) => c !== deals.tenantId && c !== deals.externalRef);
  return upsertRows(db, { table: deals, columns, conflict: [deals.tenantId, deals.externalRef], update }, wanted);
}

/** external_ref → id for every row of the table in the tenant that has an external_ref. */
export async function idsByRef(db: Db, tenantId: string, table: typeof users | typeof customers): Promise<IdsByRef> {
  const rows = await db
    .select({ externalRef: table.externalRef, id: table.id })
    .from(table)
    .where(and(eq(table.tenantId, tenantId), isNotNull(table.externalRef)));
  return new Map(rows.map((r) => [r.externalRef!, r.id]));
}

/** Every column but the key and the insert-only timestamp. */
function updatable<R>(columns: Array<UpsertColumn<R>>) {
  return columns.map((c) => c.column).filter((c) => !['tenant_id', 'external_ref', 'created_at'].includes(c.name));
}
