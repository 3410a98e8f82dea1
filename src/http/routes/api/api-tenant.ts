import { NotFoundError } from '../../../errors.js';
import type { TenantDirectory } from '../../../store/tenant-directory.js';
import type { TenantRecord } from '../../../store/tenant.repository.js';

/** Currency of *_fen amounts when the tenant's settings name none. */
export const DEFAULT_CURRENCY = 'CNY';

export interface ApiTenant {
  id: string;
  timezone: string;
  /** ISO 4217 code of every *_fen amount (tenant setting `currency`). */
  currency: string;
}

/** The tenant named in the path, or a 404. */
export async function requireTenant(tenants: TenantDirectory, tenantId: string): Promise<ApiTenant> {
  const tenant = await tenants.tenant(tenantId);
  if (!tenant) throw new NotFoundError(`tenant "${tenantId}"`, `租户“${tenantId}”`);
  return { id: tenant.id, timezone: tenant.timezone, currency: currencyOf(tenant) };
}

function currencyOf(tenant: TenantRecord): string {
  const value = tenant.settings.currency;
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value) ? value : DEFAULT_CURRENCY;
}

/** ISO-8601 text of a timestamp, null kept. */
export function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
