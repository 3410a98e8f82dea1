/**
 * Wall-clock ↔ instant conversion in any IANA time zone, with nothing but Intl.DateTimeFormat.
 * Non-existent wall times (the hour skipped when DST starts) move forward by the gap; ambiguous ones
 * (the hour repeated when DST ends) take the earlier instant — Temporal's "compatible" rule.
 */
import { localDateFromUtcMs, MS_PER_DAY, type LocalDate } from './local-date.js';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's canonical name (`asia/shanghai` → `Asia/Shanghai`), or undefined when Intl does not know it. */
export function canonicalTimeZone(timeZone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The wall clock of an instant, as if it were UTC: `Date.UTC(local y, m, d, h, min, s, ms)`. */
function wallMsOf(instantMs: number, timeZone: string): number {
  const remainder = ((instantMs % 1000) + 1000) % 1000;
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs - remainder))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const hour = fields.hour === 24 ? 0 : (fields.hour ?? 0);
  return Date.UTC(fields.year ?? 0, (fields.month ?? 1) - 1, fields.day ?? 1, hour, fields.minute ?? 0, fields.second ?? 0) + remainder;
}

/** Offset of the zone from UTC at an instant, in ms (Shanghai: +8 h). */
function offsetAt(instantMs: number, timeZone: string): number {
  return wallMsOf(instantMs, timeZone) - instantMs;
}

/**
 * The local day of an instant (`day`, and `dayStartUtcMs` = Date.UTC of that day, a handy numeric key)
 * and how far into that day its wall clock is (ms since local midnight).
 */
export function wallClockOf(instantMs: number, timeZone: string): { day: LocalDate; dayStartUtcMs: number; msOfDay: number } {
  const wall = wallMsOf(instantMs, timeZone);
  const msOfDay = ((wall % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  return { day: localDateFromUtcMs(wall - msOfDay), dayStartUtcMs: wall - msOfDay, msOfDay };
}

/**
 * The instant at which the wall clock of `timeZone` shows `msOfDay` into `dayStartUtcMs`'s day
 * (`dayStartUtcMs` = Date.UTC of the local day; `msOfDay` may be 24 h for "end of day").
 */
export function instantAtWallClock(dayStartUtcMs: number, msOfDay: number, timeZone: string): number {
  const wall = dayStartUtcMs + msOfDay;
  const before = offsetAt(wall - MS_PER_DAY, timeZone);
  const after = offsetAt(wall + MS_PER_DAY, timeZone);
  if (before === after) return wall - before;
  const candidates = [wall - before, wall - after].filter((instant) => wallMsOf(instant, timeZone) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  // In the gap: read the wall time with the offset in force before the change, i.e. move forward.
  return wall - before;
}
