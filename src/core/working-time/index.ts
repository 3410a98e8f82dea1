/** The working-time clock: China's official calendar + tenant hours and overrides → SLA arithmetic. */
export { DEFAULT_BUSINESS_HOURS, validateBusinessHours, type BusinessHours, type DaySegment, type TimeRange } from './business-hours.js';
export { calendarCoverage, type CalendarCoverage } from './calendar-coverage.js';
export { isLocalDate, MS_PER_HOUR, MS_PER_MINUTE, type LocalDate } from './local-date.js';
export {
  chinaOfficialCalendar,
  officialCalendarFromData,
  type HolidayName,
  type OfficialCalendar,
  type OfficialCalendarData,
} from './official-calendar.js';
export { STATUTORY_FIXED_DATE_HOLIDAYS, statutoryFixedDateHoliday } from './statutory-holidays.js';
export { canonicalTimeZone, DEFAULT_TIME_ZONE } from './time-zone.js';
export {
  calendarOverrideKinds,
  createWorkingCalendar,
  validateCalendarOverride,
  type BusinessHoursInput,
  type CalendarOverride,
  type CalendarOverrideKind,
  type WorkingCalendar,
  type WorkingCalendarConfig,
} from './working-calendar.js';
export { addWorkingDays, addWorkingHours, addWorkingTime, isWorkingInstant, nextWorkingInstant, workingTimeBetween } from './working-clock.js';
export { isWorkingDay, nextWorkingDay, WEEKEND_DAYS, WORKING_DAY_KINDS, workingDayKind, type WorkingDayKind } from './working-day.js';
export { workingIntervalsOn, type WorkingInterval } from './working-intervals.js';
export { WorkingTimeConfigError } from './working-time-error.js';
export { WORKING_TIME_SETTINGS_KEY, workingCalendarConfigFromSettings } from './working-time-settings.js';
