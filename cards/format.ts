/** How cards write instants and durations, in both languages. Pure: the time zone is passed in. */
import type { Bilingual } from '../src/core/i18n/bilingual.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

/** Building an Intl.DateTimeFormat is costly (≈0.1 ms); a deadline tick formats thousands of dates. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = newFormatter(timeZone);
    formatters.set(timeZone, format);
  }
  return format;
}

function newFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  });
}

function partsIn(instant: Date, timeZone: string): Record<string, string> {
  return Object.fromEntries(formatterFor(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
}

/** `2026-02-24 10:30（周二）` / `2026-02-24 10:30 (Tue)`, wall-clock time in `timeZone`. */
export function formatDateTime(instant: Date, timeZone: string): Bilingual {
  const p = partsIn(instant, timeZone);
  const day = WEEKDAYS.indexOf(p.weekday as (typeof WEEKDAYS)[number]);
  const stamp = `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  return { zh: `${stamp}（${WEEKDAYS_ZH[day] ?? p.weekday}）`, en: `${stamp} (${p.weekday})` };
}

/** `2026-02-24 14:05`, no weekday: for "as of" lines. */
export function formatStamp(instant: Date, timeZone: string): string {
  const p = partsIn(instant, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

const MINUTES_PER_HOUR = 60;

/** `2 小时 30 分钟` / `2 h 30 min`; whole minutes, never negative. */
export function formatDuration(minutes: number): Bilingual {
  const total = Math.max(0, Math.round(minutes));
  const hours = Math.floor(total / MINUTES_PER_HOUR);
  const rest = total % MINUTES_PER_HOUR;
  if (hours === 0) return { zh: `${rest} 分钟`, en: `${rest} min` };
  if (rest === 0) return { zh: `${hours} 小时`, en: `${hours} h` };
  return { zh: `${hours} 小时 ${rest} 分钟`, en: `${hours} h ${rest} min` };
}

/** Names in a list: `张三、李四` / `张三, 李四`. */
export function formatNames(names: readonly string[]): Bilingual {
  return { zh: names.join('、'), en: names.join(', ') };
}
