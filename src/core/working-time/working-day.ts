/**
 * Whether a local day is a working day, and why. Precedence: the tenant's override, then the official
 * schedule (make-up working day / holiday) — or, for a year the official data does not cover, the
 * statutory fixed-date holidays — then the weekend rule.
 */
import { addDays, dayOfWeek, requireLocalDate, yearOf, type LocalDate } from './local-date.js';
import { statutoryFixedDateHoliday } from './statutory-holidays.js';
import type { WorkingCalendar } from './working-calendar.js';

export type WorkingDayKind =
  | 'weekday'
  | 'weekend'
  | 'official_holiday'
  | 'makeup_workday'
  | 'tenant_day_off'
  | 'tenant_working_day'
  | 'statutory_fallback';

export const WORKING_DAY_KINDS: ReadonlySet<WorkingDayKind> = new Set(['weekday', 'makeup_workday', 'tenant_working_day']);

/** Saturday and Sunday (Date#getUTCDay numbering). */
export const WEEKEND_DAYS: ReadonlySet<number> = new Set([6, 0]);

/** After this many days in a row without work the calendar is taken to be broken (all days overridden off). */
export const MAX_DAYS_WITHOUT_WORK = 3660;

export function workingDayKind(calendar: WorkingCalendar, day: LocalDate): WorkingDayKind {
  requireLocalDate(day);
  const override = calendar.overrides.get(day);
  if (override === 'day_off') return 'tenant_day_off';
  if (override === 'working_day') return 'tenant_working_day';
  const { official } = calendar;
  if (official.coveredYears.has(yearOf(day))) {
    if (official.makeupWorkdays.has(day)) return 'makeup_workday';
    if (official.holidays.has(day)) return 'official_holiday';
  } else if (statutoryFixedDateHoliday(day)) {
    return 'statutory_fallback';
  }
  return WEEKEND_DAYS.has(dayOfWeek(day)) ? 'weekend' : 'weekday';
}

export function isWorkingDay(calendar: WorkingCalendar, day: LocalDate): boolean {
  return WORKING_DAY_KINDS.has(workingDayKind(calendar, day));
}

/** The first working day strictly after `day`. */
export function nextWorkingDay(calendar: WorkingCalendar, day: LocalDate): LocalDate {
  let candidate = day;
  for (let step = 0; step < MAX_DAYS_WITHOUT_WORK; step += 1) {
    candidate = addDays(candidate, 1);
    if (isWorkingDay(calendar, candidate)) return candidate;
  }
  throw new Error(`no working day within ${MAX_DAYS_WITHOUT_WORK} days after ${day}: check the calendar overrides`);
}
