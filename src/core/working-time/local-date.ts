/** A calendar day written `YYYY-MM-DD`, with no time zone: a day in some calendar's own zone. */
export type LocalDate = string;

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** Milliseconds of `Date.UTC` at the start of the day, or undefined for anything that is not a real date (2026-02-30). */
export function utcMsOfLocalDate(day: string): number | undefined {
  const match = LOCAL_DATE_PATTERN.exec(day);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1000) return undefined;
  const ms = Date.UTC(year, month - 1, date);
  return localDateFromUtcMs(ms) === day ? ms : undefined;
}

export function isLocalDate(value: unknown): value is LocalDate {
  return typeof value === 'string' && utcMsOfLocalDate(value) !== undefined;
}

/** Like utcMsOfLocalDate, for days already known to be valid; throws a RangeError otherwise. */
export function requireLocalDate(day: string): number {
  const ms = utcMsOfLocalDate(day);
  if (ms === undefined) throw new RangeError(`not a calendar day in YYYY-MM-DD form: ${JSON.stringify(day)}`);
  return ms;
}

export function localDateFromUtcMs(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: LocalDate, days: number): LocalDate {
  return localDateFromUtcMs(requireLocalDate(day) + days * MS_PER_DAY);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(day: LocalDate): number {
  return new Date(requireLocalDate(day)).getUTCDay();
}

export function yearOf(day: LocalDate): number {
  return Number(day.slice(0, 4));
}
