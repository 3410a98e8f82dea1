/**
 * Whether the official schedule is known for a stretch of days. The State Council publishes each year's
 * schedule in November; until the data package carries it, the clock falls back to the statutory
 * fixed-date holidays and the admin should be warned.
 */
import { addDays, yearOf, type LocalDate } from './local-date.js';
import { wallClockOf } from './time-zone.js';
import type { WorkingCalendar } from './working-calendar.js';

export interface CalendarCoverage {
  /** True when every day of the stretch lies in a year the official data covers. */
  covered: boolean;
  /** The years of the stretch without official data, ascending. */
  missingYears: number[];
}

/**
 * Coverage of the `days` local days starting at `from` (an instant, read in the calendar's zone, or a
 * `YYYY-MM-DD` day) — e.g. `calendarCoverage(calendar, now, 28)` for the coming four weeks.
 */
export function calendarCoverage(calendar: WorkingCalendar, from: Date | LocalDate, days: number): CalendarCoverage {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be an integer ≥ 0, got ${days}`);
  const firstDay = typeof from === 'string' ? addDays(from, 0) : wallClockOf(validMs(from), calendar.timezone).day;
  if (days === 0) return { covered: true, missingYears: [] };
  const lastDay = addDays(firstDay, days - 1);
  const missingYears: number[] = [];
  for (let year = yearOf(firstDay); year <= yearOf(lastDay); year += 1) {
    if (!calendar.official.coveredYears.has(year)) missingYears.push(year);
  }
  return { covered: missingYears.length === 0, missingYears };
}

function validMs(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('from must be a valid Date');
  return ms;
}
