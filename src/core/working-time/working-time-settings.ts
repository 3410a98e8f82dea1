/**
 * Reads a tenant's working-time settings — `tenants.settings.workingTime`, shaped
 * `{ start: '09:00', end: '18:00', breaks: [{ start: '12:00', end: '13:30' }], timezone?: 'Asia/Shanghai' }` —
 * into a calendar configuration. Missing fields take the defaults (a missing `breaks` means the default
 * lunch break; `breaks: []` means none); the zone falls back to the tenant's timezone column, then
 * Asia/Shanghai. Shape errors are thrown here; value errors when the calendar is built.
 */
import { DEFAULT_BUSINESS_HOURS } from './business-hours.js';
import { DEFAULT_TIME_ZONE } from './time-zone.js';
import type { BusinessHoursInput, WorkingCalendarConfig } from './working-calendar.js';
import { WorkingTimeConfigError } from './working-time-error.js';

/** The key of `tenants.settings` that holds the working time. */
export const WORKING_TIME_SETTINGS_KEY = 'workingTime';

const SETTINGS_FIELD = WORKING_TIME_SETTINGS_KEY;
const KNOWN_KEYS = new Set(['start', 'end', 'breaks', 'timezone']);

export function workingCalendarConfigFromSettings(
  settings: Record<string, unknown> | null | undefined,
  tenantTimezone?: string | null,
): Pick<WorkingCalendarConfig, 'timezone' | 'hours'> {
  const raw = settings?.[WORKING_TIME_SETTINGS_KEY];
  const fallbackZone = tenantTimezone ?? DEFAULT_TIME_ZONE;
  if (raw === undefined || raw === null) return { timezone: fallbackZone, hours: DEFAULT_BUSINESS_HOURS };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new WorkingTimeConfigError(SETTINGS_FIELD, 'must be an object {start, end, breaks, timezone}', '必须是对象 {start, end, breaks, timezone}');
  }
  const value = raw as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    if (!KNOWN_KEYS.has(key)) throw new WorkingTimeConfigError(`${SETTINGS_FIELD}.${key}`, 'is not a known setting', '不是可识别的设置项');
  }
  const hours = {
    start: value.start ?? DEFAULT_BUSINESS_HOURS.start,
    end: value.end ?? DEFAULT_BUSINESS_HOURS.end,
    breaks: value.breaks ?? DEFAULT_BUSINESS_HOURS.breaks,
  } as BusinessHoursInput;
  const timezone = value.timezone ?? fallbackZone;
  if (typeof timezone !== 'string') {
    throw new WorkingTimeConfigError(`${SETTINGS_FIELD}.timezone`, `must be an IANA time zone name, got ${JSON.stringify(timezone)}`, `必须是 IANA 时区名称，实际为 ${JSON.stringify(timezone)}`);
  }
  return { timezone, hours };
}
