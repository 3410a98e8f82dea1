import { and, eq, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { platformCredentials, tenants } from './schema/index.js';

export interface TenantRecord {
  id: string;
  name: string;
  timezone: string;
  locale: string;
  settings: Record<string, unknown>;
}

export async function findTenant(db: Db, tenantId: string): Promise<TenantRecord | undefined> {
  const rows = await db.select().from(tenants).where(eq(tenants.id, tenantId)).limit(1);
  return rows[0];
}

export async function upsertTenant(db: Db, tenant: Pick<TenantRecord, 'id' | 'name'> & Partial<TenantRecord>): Promise<void> {
  await db
    .insert(tenants)
    .values(tenant)
    .onConflictDoUpdate({ target: tenants.id, set: { name: tenant.name, ...(tenant.settings ? { settings: tenant.settings } : {}) } });
}

export async function findCredentials(db: Db, tenantId: string, platform: string): Promise<Record<string, string> | undefined> {
  const rows = await db
    .select({ config: platformCredentials.config })
    .from(platformCredentials)
    .where(and(eq(platformCredentials.tenantId, tenantId), eq(platformCredentials.platform, platform)))
    .limit(1);
  return rows[0]?.config;
}

export async function allCredentials(db: Db, tenantId: string): Promise<Record<string, Record<string, string>>> {
  const rows = await db.select().from(platformCredentials).where(eq(platformCredentials.tenantId, tenantId));
  return Object.fromEntries(rows.map((r) => [r.platform, r.config]));
}

export async function saveCredentials(db: Db, tenantId: string, platform: string, config: Record<string, string>): Promise<void> {
  await db
    .insert(platformCredentials)
    .values({ tenantId, platform, config })
    .onConflictDoUpdate({
      target: [platformCredentials.tenantId, platformCredentials.platform],
      set: { config, updatedAt: sql`now()` },
    });
}
