import { and, asc, eq, ilike, type SQL } from 'drizzle-orm';
import type { Db } from './db.js';
import { containsPattern, countAll, pageOf, type Page, type PageRequest } from './paged-query.repository.js';
import { reportingLines, users, type UserRole } from './schema/index.js';

export interface UserListFilter extends PageRequest {
  role?: UserRole;
  /** Part of the name, case-insensitive. */
  q?: string;
}

export interface UserListItem {
  id: string;
  name: string;
  role: UserRole;
  team: string | null;
  region: string | null;
  email: string | null;
  active: boolean;
  supervisorId: string | null;
  externalRef: string | null;
  createdAt: Date;
}

/** A tenant's sales organisation, with each person's direct supervisor. */
export async function listUsers(db: Db, tenantId: string, filter: UserListFilter): Promise<Page<UserListItem>> {
  const conditions: Array<SQL | undefined> = [eq(users.tenantId, tenantId)];
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.q) conditions.push(ilike(users.name, containsPattern(filter.q)));
  const where = and(...conditions);
  return pageOf(
    db
      .select({
        id: users.id,
        name: users.name,
        role: users.role,
        team: users.team,
        region: users.region,
        email: users.email,
        active: users.active,
        supervisorId: reportingLines.supervisorId,
        externalRef: users.externalRef,
        createdAt: users.createdAt,
      })
      .from(users)
      .leftJoin(reportingLines, and(eq(reportingLines.tenantId, users.tenantId), eq(reportingLines.userId, users.id)))
      .where(where)
      .orderBy(asc(users.name), asc(users.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ n: countAll }).from(users).where(where).then((r) => r[0]?.n ?? 0),
  );
}
