import { eq, sql } from 'drizzle-orm';
import { ConflictError } from '../errors.js';
import type { Db } from '../store/db.js';
import { tenants } from '../store/schema/index.js';

/** The Maven dataset's money (revenue, sales_price, close_value) is in US dollars, stored as integer cents. */
export const MAVEN_CRM_CURRENCY = 'USD';

/**
 * What importing amounts in `currency` means for a tenant's `settings.currency` (the ISO 4217 code the API puts
 * beside every *_fen amount): `set` it when the tenant has none, `keep` it when it already matches, and refuse
 * with a ConflictError when it differs — one tenant's amounts are all in one currency, never a mix.
 */
export function decideTenantCurrency(tenantId: string, settings: Record<string, unknown>, currency: string): 'set' | 'keep' {
  const current = settings.currency;
  if (current === undefined || current === null || current === '') return 'set';
  if (current === currency) return 'keep';
  const shown = typeof current === 'string' ? current : JSON.stringify(current);
  throw new ConflictError(
    `tenant "${tenantId}" keeps its amounts in ${shown} (settings.currency), but this import's amounts are in ${currency}; ` +
      `amounts in two currencies cannot be mixed in one tenant. Import into a tenant with no currency set or with ${currency}.`,
    `租户“${tenantId}”的金额币种为 ${shown}（settings.currency），而本次导入的金额为 ${currency}；同一租户不能混用两种币种。` +
      `请导入到未设置币种或币种为 ${currency} 的租户。`,
  );
}

/** Sets `settings.currency` without touching the tenant's other settings. */
export async function setTenantCurrency(db: Db, tenantId: string, currency: string): Promise<void> {
  await db
    .update(tenants)
    .set({ settings: sql`${tenants.settings} || jsonb_build_object('currency', ${currency}::text)` })
    .where(eq(tenants.id, tenantId));
}
