import { createWorkingCalendar, workingCalendarConfigFromSettings, type OfficialCalendar, type WorkingCalendar } from '../core/working-time/index.js';
import { NotFoundError } from '../errors.js';
import { asValidationError, listCalendarOverrides } from './calendar-override.repository.js';
import type { Db } from './db.js';
import { findTenant } from './tenant.repository.js';

/**
 * A tenant's working calendar: hours from `tenants.settings.workingTime` (zone: that setting, else the
 * tenant's timezone column, else Asia/Shanghai; defaults 09:00–18:00, break 12:00–13:30), China's official
 * calendar, and the tenant's calendar_overrides. Invalid settings throw a ValidationError naming the field.
 */
export async function loadWorkingCalendar(db: Db, tenantId: string, options: { official?: OfficialCalendar } = {}): Promise<WorkingCalendar> {
  const tenant = await findTenant(db, tenantId);
  if (!tenant) throw new NotFoundError(`tenant ${tenantId}`, `租户 ${tenantId}`);
  const overrides = await listCalendarOverrides(db, tenantId);
  return asValidationError(() =>
    createWorkingCalendar({
      ...workingCalendarConfigFromSettings(tenant.settings, tenant.timezone),
      overrides: overrides.map(({ day, kind }) => ({ day, kind })),
      ...(options.official ? { official: options.official } : {}),
    }),
  );
}
