/**
 * The working intervals of the calendar as real instants, day by day. Each day's intervals are
 * computed once per calendar (memoised: the calendar is immutable), so a scan over many leads costs a
 * few map look-ups per day crossed, never a loop over minutes.
 */
import { localDateFromUtcMs, MS_PER_DAY, requireLocalDate, type LocalDate } from './local-date.js';
import { instantAtWallClock, wallClockOf } from './time-zone.js';
import type { WorkingCalendar } from './working-calendar.js';
import { isWorkingDay, MAX_DAYS_WITHOUT_WORK } from './working-day.js';

/** A half-open interval of working time [startMs, endMs) in epoch milliseconds. */
export interface WorkingInterval {
  startMs: number;
  endMs: number;
}

const MEMO_LIMIT = 20_000;
/** Per calendar: Date.UTC of a local day → that day's intervals. */
const memo = new WeakMap<WorkingCalendar, Map<number, readonly WorkingInterval[]>>();

/**
 * The working intervals of the local day starting (as if UTC) at `dayStartUtcMs`, in order; empty on a
 * day off. The hot path of every clock function: one map look-up once the day is known.
 */
export function workingIntervalsOnDayStart(calendar: WorkingCalendar, dayStartUtcMs: number): readonly WorkingInterval[] {
  let days = memo.get(calendar);
  if (!days) {
    days = new Map();
    memo.set(calendar, days);
  }
  const known = days.get(dayStartUtcMs);
  if (known) return known;
  let intervals: readonly WorkingInterval[] = [];
  if (isWorkingDay(calendar, localDateFromUtcMs(dayStartUtcMs))) {
    intervals = calendar.segments
      .map((segment) => ({
        startMs: instantAtWallClock(dayStartUtcMs, segment.startMs, calendar.timezone),
        endMs: instantAtWallClock(dayStartUtcMs, segment.endMs, calendar.timezone),
      }))
      .filter((interval) => interval.endMs > interval.startMs);
  }
  if (days.size >= MEMO_LIMIT) days.clear();
  days.set(dayStartUtcMs, intervals);
  return intervals;
}

/** The working intervals of one local day, in order; empty on a day off. */
export function workingIntervalsOn(calendar: WorkingCalendar, day: LocalDate): readonly WorkingInterval[] {
  return workingIntervalsOnDayStart(calendar, requireLocalDate(day));
}

/**
 * The working intervals that end after `fromMs`, in order, starting on fromMs's local day. Endless
 * (callers stop when they have what they need); throws if MAX_DAYS_WITHOUT_WORK days pass without work.
 */
export function* workingIntervalsFrom(calendar: WorkingCalendar, fromMs: number): Generator<WorkingInterval> {
  let dayStart = wallClockOf(fromMs, calendar.timezone).dayStartUtcMs;
  let idleDays = 0;
  for (;;) {
    let found = false;
    for (const interval of workingIntervalsOnDayStart(calendar, dayStart)) {
      if (interval.endMs <= fromMs) continue;
      found = true;
      yield interval;
    }
    idleDays = found ? 0 : idleDays + 1;
    if (idleDays > MAX_DAYS_WITHOUT_WORK) {
      throw new Error(`no working time within ${MAX_DAYS_WITHOUT_WORK} days before ${localDateFromUtcMs(dayStart)}: check the calendar overrides`);
    }
    dayStart += MS_PER_DAY;
  }
}
