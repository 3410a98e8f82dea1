import { and, eq } from 'drizzle-orm';
import type { Db } from './db.js';
import { users, type UserRole } from './schema/index.js';
import { isUuid } from './uuid.js';

export interface UserRecord {
  id: string;
  name: string;
  role: UserRole;
  preferredPlatform: string | null;
}

/** A user of the tenant by salesbeat's own id; undefined for an unknown id or one that is not a UUID. */
export async function findUserById(db: Db, tenantId: string, userId: string | undefined): Promise<UserRecord | undefined> {
  if (!isUuid(userId)) return undefined;
  const rows = await db
    .select({ id: users.id, name: users.name, role: users.role, preferredPlatform: users.preferredPlatform })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
    .limit(1);
  return rows[0];
}
