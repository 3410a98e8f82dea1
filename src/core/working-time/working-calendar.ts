/**
 * A tenant's working calendar: business hours in a time zone, China's official calendar, and the
 * tenant's own overrides. Plain immutable data, built and validated once; every function of the clock
 * takes it as its first argument.
 */
import { DEFAULT_BUSINESS_HOURS, validateBusinessHours, type BusinessHours, type DaySegment, type TimeRange } from './business-hours.js';
import { isLocalDate, type LocalDate } from './local-date.js';
import { chinaOfficialCalendar, type OfficialCalendar } from './official-calendar.js';
import { canonicalTimeZone, DEFAULT_TIME_ZONE } from './time-zone.js';
import { WorkingTimeConfigError } from './working-time-error.js';

export const calendarOverrideKinds = ['day_off', 'working_day'] as const;
export type CalendarOverrideKind = (typeof calendarOverrideKinds)[number];

/** A tenant's exception to the official calendar: a company day off or an extra working day. */
export interface CalendarOverride {
  day: LocalDate;
  kind: CalendarOverrideKind;
}

export interface BusinessHoursInput {
  start: string;
  end: string;
  breaks?: readonly TimeRange[];
}

export interface WorkingCalendarConfig {
  /** IANA zone; default Asia/Shanghai. */
  timezone?: string;
  /** Default 09:00–18:00 with a 12:00–13:30 break. */
  hours?: BusinessHoursInput;
  overrides?: readonly CalendarOverride[];
  /** Default: the chinese-days data. Injectable for tests and for a future non-Chinese calendar. */
  official?: OfficialCalendar;
}

export interface WorkingCalendar {
  readonly timezone: string;
  readonly hours: BusinessHours;
  /** The working stretches of a working day, in ms since local midnight, in order. */
  readonly segments: readonly DaySegment[];
  /** Working time in an ordinary working day (7.5 h by default); a DST-change day may differ. */
  readonly workingMsPerDay: number;
  readonly overrides: ReadonlyMap<LocalDate, CalendarOverrideKind>;
  readonly official: OfficialCalendar;
}

/** Checks one override (shape, real date, known kind); `field` names it in the error. */
export function validateCalendarOverride(input: unknown, field = 'override'): CalendarOverride {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  if (!isLocalDate(raw.day)) {
    throw new WorkingTimeConfigError(
      `${field}.day`,
      `must be a real calendar day written YYYY-MM-DD, got ${JSON.stringify(raw.day)}`,
      `必须是 YYYY-MM-DD 格式的有效日期，实际为 ${JSON.stringify(raw.day)}`,
    );
  }
  if (!calendarOverrideKinds.includes(raw.kind as CalendarOverrideKind)) {
    throw new WorkingTimeConfigError(
      `${field}.kind`,
      `must be 'day_off' or 'working_day', got ${JSON.stringify(raw.kind)}`,
      `必须是 'day_off'（休息日）或 'working_day'（工作日），实际为 ${JSON.stringify(raw.kind)}`,
    );
  }
  return { day: raw.day, kind: raw.kind as CalendarOverrideKind };
}

function validateTimeZone(timezone: unknown): string {
  const canonical = typeof timezone === 'string' && timezone.trim() !== '' ? canonicalTimeZone(timezone) : undefined;
  if (!canonical) {
    throw new WorkingTimeConfigError(
      'timezone',
      `must be an IANA time zone such as Asia/Shanghai, got ${JSON.stringify(timezone)}`,
      `必须是 IANA 时区名称（例如 Asia/Shanghai），实际为 ${JSON.stringify(timezone)}`,
    );
  }
  return canonical;
}

/** Validates the configuration and builds the calendar; throws WorkingTimeConfigError on nonsense. */
export function createWorkingCalendar(config: WorkingCalendarConfig = {}): WorkingCalendar {
  const timezone = validateTimeZone(config.timezone ?? DEFAULT_TIME_ZONE);
  const { hours, segments } = validateBusinessHours(config.hours ?? DEFAULT_BUSINESS_HOURS);
  if (config.overrides !== undefined && !Array.isArray(config.overrides)) {
    throw new WorkingTimeConfigError('overrides', 'must be a list of {day, kind}', '必须是 {day, kind} 的列表');
  }
  const overrides = new Map<LocalDate, CalendarOverrideKind>();
  (config.overrides ?? []).forEach((input, index) => {
    const override = validateCalendarOverride(input, `overrides[${index}]`);
    const earlier = overrides.get(override.day);
    if (earlier !== undefined && earlier !== override.kind) {
      throw new WorkingTimeConfigError(
        `overrides[${index}]`,
        `${override.day} is overridden both as a day off and as a working day`,
        `${override.day} 同时被设为休息日和工作日`,
      );
    }
    overrides.set(override.day, override.kind);
  });
  const workingMsPerDay = segments.reduce((sum, segment) => sum + segment.endMs - segment.startMs, 0);
  return Object.freeze({ timezone, hours, segments, workingMsPerDay, overrides, official: config.official ?? chinaOfficialCalendar });
}
