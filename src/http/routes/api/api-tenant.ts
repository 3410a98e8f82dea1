import { AppError, NotFoundError } from '../../../errors.js';
import type { TenantDirectory } from '../../../store/tenant-directory.js';
import type { TenantRecord } from '../../../store/tenant.repository.js';
import { isTenantSlug, TENANT_SLUG_MAX_LENGTH } from '../../tenant-slug.js';

/** Currency of *_fen amounts when the tenant's settings name none. */
export const DEFAULT_CURRENCY = 'CNY';

export interface ApiTenant {
  id: string;
  timezone: string;
  /** ISO 4217 code of every *_fen amount (tenant setting `currency`). */
  currency: string;
}

/** The tenant named in the path, or a 404 (without a database query when the id cannot be a tenant id). */
export async function requireTenant(tenants: TenantDirectory, tenantId: string): Promise<ApiTenant> {
  if (!isTenantSlug(tenantId)) {
    throw new AppError(
      'not_found',
      404,
      `unknown tenant: a tenant id is 1 to ${TENANT_SLUG_MAX_LENGTH} lower-case letters, digits, "-" or "_"`,
      `租户不存在：租户 ID 由 1 至 ${TENANT_SLUG_MAX_LENGTH} 个小写字母、数字、“-”或“_”组成`,
    );
  }
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
