import { and, asc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from './db.js';
import { normalizedPhoneSql } from './contact.repository.js';
import { userIdentities, users } from './schema/index.js';

export interface UserRef {
  id: string;
  name: string;
}

/** id types that mean the same thing on every platform, so a match on another platform still names the person. */
export const PORTABLE_ID_TYPES = ['userid', 'phone', 'email'] as const;

function identityMatch(ids: Record<string, string>): SQL | undefined {
  const pairs = Object.entries(ids).filter(([, value]) => value !== '');
  if (pairs.length === 0) return undefined;
  return or(...pairs.map(([idType, value]) => and(eq(userIdentities.idType, idType), eq(userIdentities.value, value))));
}

/** The user a platform person is, by any of their ids on that platform (any matching id type wins). */
export async function findUserByIdentity(db: Db, tenantId: string, platform: string, ids: Record<string, string>): Promise<UserRef | undefined> {
  const match = identityMatch(ids);
  if (!match) return undefined;
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(userIdentities)
    .innerJoin(users, and(eq(users.tenantId, userIdentities.tenantId), eq(users.id, userIdentities.userId)))
    .where(and(eq(userIdentities.tenantId, tenantId), eq(userIdentities.platform, platform), match))
    .orderBy(asc(userIdentities.idType))
    .limit(1);
  return rows[0];
}

/**
 * Users known by the same portable id (userid, phone, email) on any platform, or by their email on the
 * user record. Returns every distinct user found, so the caller can refuse to guess between two.
 */
export async function findUsersByPortableIds(db: Db, tenantId: string, ids: Record<string, string>): Promise<UserRef[]> {
  const conditions: SQL[] = [];
  for (const idType of PORTABLE_ID_TYPES) {
    const value = ids[idType];
    if (!value) continue;
    if (idType === 'phone') {
      conditions.push(and(eq(userIdentities.idType, 'phone'), sql`${normalizedPhoneSql(userIdentities.value)} = ${normalizedPhoneSql(sql`${value}`)}`)!);
    } else if (idType === 'email') {
      conditions.push(and(eq(userIdentities.idType, 'email'), sql`lower(${userIdentities.value}) = lower(${value})`)!);
    } else {
      conditions.push(and(eq(userIdentities.idType, idType), eq(userIdentities.value, value))!);
    }
  }
  const found = new Map<string, UserRef>();
  if (conditions.length > 0) {
    const rows = await db
      .selectDistinct({ id: users.id, name: users.name })
      .from(userIdentities)
      .innerJoin(users, and(eq(users.tenantId, userIdentities.tenantId), eq(users.id, userIdentities.userId)))
      .where(and(eq(userIdentities.tenantId, tenantId), or(...conditions)));
    for (const row of rows) found.set(row.id, row);
  }
  if (ids.email) {
    const rows = await db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), sql`lower(${users.email}) = lower(${ids.email})`));
    for (const row of rows) found.set(row.id, row);
  }
  return [...found.values()];
}
