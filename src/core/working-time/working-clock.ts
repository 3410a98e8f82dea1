/**
 * The working-time clock. Instants are JS Dates; all wall-clock reasoning happens in the calendar's
 * time zone. Working time is real elapsed time inside working intervals (so a working hour is always
 * 3,600,000 ms, also across a DST change). Working intervals are half-open: 09:00 is working time,
 * 18:00 and 12:00 (the start of the break) are not.
 */
import { MS_PER_DAY, MS_PER_HOUR, requireLocalDate } from './local-date.js';
import { instantAtWallClock, wallClockOf } from './time-zone.js';
import type { WorkingCalendar } from './working-calendar.js';
import { nextWorkingDay } from './working-day.js';
import { workingIntervalsFrom, workingIntervalsOnDayStart } from './working-intervals.js';

function instantMs(instant: Date, name: string): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}

/** Whether the instant is inside working time. */
export function isWorkingInstant(calendar: WorkingCalendar, instant: Date): boolean {
  const ms = instantMs(instant, 'instant');
  const { dayStartUtcMs } = wallClockOf(ms, calendar.timezone);
  return workingIntervalsOnDayStart(calendar, dayStartUtcMs).some((interval) => interval.startMs <= ms && ms < interval.endMs);
}

/** The instant itself when it is working time, else the start of the next working interval (where an SLA clock starts). */
export function nextWorkingInstant(calendar: WorkingCalendar, instant: Date): Date {
  const ms = instantMs(instant, 'instant');
  for (const interval of workingIntervalsFrom(calendar, ms)) return new Date(Math.max(interval.startMs, ms));
  throw new Error('unreachable: working intervals never run out');
}

/**
 * The earliest instant at which `ms` of working time have elapsed since `instant`. Time outside working
 * hours does not count, so a clock started off-hours starts at the next working instant; a result can be
 * the end of an interval (16:00 + 2 h = 18:00, not 09:00 the next working day). 0 ms returns `instant`.
 */
export function addWorkingTime(calendar: WorkingCalendar, instant: Date, ms: number): Date {
  const from = instantMs(instant, 'instant');
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`working time to add must be a finite number ≥ 0, got ${ms}`);
  let remaining = Math.round(ms);
  if (remaining === 0) return new Date(from);
  for (const interval of workingIntervalsFrom(calendar, from)) {
    const start = Math.max(interval.startMs, from);
    const available = interval.endMs - start;
    if (remaining <= available) return new Date(start + remaining);
    remaining -= available;
  }
  throw new Error('unreachable: working intervals never run out');
}

/** addWorkingTime in hours; fractional hours allowed (rounded to the millisecond). */
export function addWorkingHours(calendar: WorkingCalendar, instant: Date, hours: number): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`working hours to add must be a finite number ≥ 0, got ${hours}`);
  return addWorkingTime(calendar, instant, hours * MS_PER_HOUR);
}

/**
 * N working days later, at the same wall-clock time. Precisely: the clock starts at
 * `s = nextWorkingInstant(instant)` (so an off-hours instant is first rolled forward into working
 * hours); the result is s's wall-clock time on the N-th working day after s's local day (days off are
 * skipped, make-up days count); should that wall time not be working time on that day (only around a
 * DST change) it rolls forward to the next working instant. N = 0 returns s. With the same hours every
 * day, exactly N × workingMsPerDay of working time lie between `instant` and the result.
 */
export function addWorkingDays(calendar: WorkingCalendar, instant: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days to add must be an integer ≥ 0, got ${days}`);
  const start = nextWorkingInstant(calendar, instant);
  if (days === 0) return start;
  const { day, msOfDay } = wallClockOf(start.getTime(), calendar.timezone);
  let target = day;
  for (let counted = 0; counted < days; counted += 1) target = nextWorkingDay(calendar, target);
  return nextWorkingInstant(calendar, new Date(instantAtWallClock(requireLocalDate(target), msOfDay, calendar.timezone)));
}

/**
 * Working time from `from` to `to` in ms. Antisymmetric: when `to` is before `from` the result is the
 * negative of the working time from `to` to `from` (e.g. how far past a deadline), and 0 when equal.
 */
export function workingTimeBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  const fromMs = instantMs(from, 'from');
  const toMs = instantMs(to, 'to');
  if (toMs < fromMs) return -workingTimeBetween(calendar, to, from);
  const lastDayStart = wallClockOf(toMs, calendar.timezone).dayStartUtcMs;
  let total = 0;
  for (let dayStart = wallClockOf(fromMs, calendar.timezone).dayStartUtcMs; dayStart <= lastDayStart; dayStart += MS_PER_DAY) {
    for (const interval of workingIntervalsOnDayStart(calendar, dayStart)) {
      const overlap = Math.min(interval.endMs, toMs) - Math.max(interval.startMs, fromMs);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}
