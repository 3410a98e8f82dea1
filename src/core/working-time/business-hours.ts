/**
 * A tenant's business hours: opening and closing time plus any breaks, as wall-clock `HH:MM`.
 * Validated once into the working segments of an ordinary working day.
 */
import { MS_PER_MINUTE } from './local-date.js';
import { WorkingTimeConfigError } from './working-time-error.js';

export interface TimeRange {
  start: string;
  end: string;
}

export interface BusinessHours {
  start: string;
  end: string;
  breaks: readonly TimeRange[];
}

/** 09:00–18:00 with a 12:00–13:30 lunch break: 7.5 working hours a day. */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = Object.freeze({
  start: '09:00',
  end: '18:00',
  breaks: Object.freeze([Object.freeze({ start: '12:00', end: '13:30' })]),
});

/** One stretch of work within a day, in ms since local midnight: [startMs, endMs). */
export interface DaySegment {
  startMs: number;
  endMs: number;
}

const TIME_OF_DAY_PATTERN = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/u;
const BUSINESS_HOURS_KEYS = new Set(['start', 'end', 'breaks']);
const TIME_RANGE_KEYS = new Set(['start', 'end']);

function minuteOfDay(value: unknown, field: string): number {
  const match = typeof value === 'string' ? TIME_OF_DAY_PATTERN.exec(value) : null;
  if (!match) {
    throw new WorkingTimeConfigError(
      field,
      `must be a time of day written HH:MM (00:00–24:00), got ${JSON.stringify(value)}`,
      `必须是 HH:MM 格式的时间（00:00–24:00），实际为 ${JSON.stringify(value)}`,
    );
  }
  return Number(match[1] ?? match[3]) * 60 + Number(match[2] ?? match[4]);
}

function requireObject(value: unknown, field: string, allowedKeys: ReadonlySet<string>): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WorkingTimeConfigError(field, 'must be an object', '必须是对象');
  }
  for (const key of Object.keys(value)) {
    if (!allowedKeys.has(key)) {
      throw new WorkingTimeConfigError(`${field}.${key}`, 'is not a known setting', '不是可识别的设置项');
    }
  }
  return value as Record<string, unknown>;
}

/**
 * Checks business hours and returns them with the day's working segments (the opening hours minus the
 * breaks). Refuses: malformed times, closing not after opening, a break outside the opening hours or not
 * ending after it starts, overlapping breaks, and breaks that leave no working time.
 * Hours that cross midnight are not supported (closing must be after opening on the same day).
 */
export function validateBusinessHours(
  input: unknown,
  field = 'workingTime',
): { hours: BusinessHours; segments: readonly DaySegment[] } {
  const raw = requireObject(input, field, BUSINESS_HOURS_KEYS);
  const start = minuteOfDay(raw.start, `${field}.start`);
  const end = minuteOfDay(raw.end, `${field}.end`);
  if (end <= start) {
    throw new WorkingTimeConfigError(
      `${field}.end`,
      `closing time ${String(raw.end)} must be after opening time ${String(raw.start)} (hours across midnight are not supported)`,
      `下班时间 ${String(raw.end)} 必须晚于上班时间 ${String(raw.start)}（不支持跨午夜的工作时间）`,
    );
  }
  const rawBreaks = raw.breaks ?? [];
  if (!Array.isArray(rawBreaks)) {
    throw new WorkingTimeConfigError(`${field}.breaks`, 'must be a list of {start, end}', '必须是 {start, end} 的列表');
  }
  const breaks = rawBreaks.map((item: unknown, index) => {
    const breakField = `${field}.breaks[${index}]`;
    const range = requireObject(item, breakField, TIME_RANGE_KEYS);
    const breakStart = minuteOfDay(range.start, `${breakField}.start`);
    const breakEnd = minuteOfDay(range.end, `${breakField}.end`);
    if (breakEnd <= breakStart) {
      throw new WorkingTimeConfigError(`${breakField}.end`, 'a break must end after it starts', '休息结束时间必须晚于开始时间');
    }
    if (breakStart < start || breakEnd > end) {
      throw new WorkingTimeConfigError(
        breakField,
        `the break ${String(range.start)}–${String(range.end)} lies outside the business hours ${String(raw.start)}–${String(raw.end)}`,
        `休息时间 ${String(range.start)}–${String(range.end)} 不在工作时间 ${String(raw.start)}–${String(raw.end)} 之内`,
      );
    }
    return { index, startMinute: breakStart, endMinute: breakEnd, text: { start: String(range.start), end: String(range.end) } };
  });
  const sorted = [...breaks].sort((a, b) => a.startMinute - b.startMinute);
  const segments: DaySegment[] = [];
  let cursor = start;
  for (const item of sorted) {
    if (item.startMinute < cursor) {
      throw new WorkingTimeConfigError(`${field}.breaks[${item.index}]`, 'overlaps another break', '与另一段休息时间重叠');
    }
    if (item.startMinute > cursor) segments.push({ startMs: cursor * MS_PER_MINUTE, endMs: item.startMinute * MS_PER_MINUTE });
    cursor = Math.max(cursor, item.endMinute);
  }
  if (end > cursor) segments.push({ startMs: cursor * MS_PER_MINUTE, endMs: end * MS_PER_MINUTE });
  if (segments.length === 0) {
    throw new WorkingTimeConfigError(`${field}.breaks`, 'the breaks leave no working time in the day', '休息时间占满了全天，没有剩余工作时间');
  }
  const hours: BusinessHours = Object.freeze({
    start: String(raw.start),
    end: String(raw.end),
    breaks: Object.freeze(sorted.map((item) => Object.freeze(item.text))),
  });
  return { hours, segments: Object.freeze(segments.map((segment) => Object.freeze(segment))) };
}
