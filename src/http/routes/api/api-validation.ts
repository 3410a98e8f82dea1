import type { FastifySchemaValidationError } from 'fastify';
import { ValidationError } from '../../../errors.js';

const PLACES: Record<string, { en: string; zh: string }> = {
  querystring: { en: 'query parameter', zh: '查询参数' },
  params: { en: 'path parameter', zh: '路径参数' },
};

const TYPE_ZH: Record<string, string> = { integer: '整数', number: '数字', string: '字符串', boolean: '布尔值' };

/**
 * Fastify schema errors → ValidationError (400) naming the field, in English and Chinese, e.g.
 * `query parameter "limit" must be ≤ 200` / `查询参数“limit”必须 ≤ 200`.
 */
export function apiSchemaErrorFormatter(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const error = errors[0];
  const place = PLACES[dataVar] ?? { en: dataVar, zh: dataVar };
  const params = (error?.params ?? {}) as Record<string, unknown>;
  const field =
    (typeof params.missingProperty === 'string' && params.missingProperty) ||
    (typeof params.additionalProperty === 'string' && params.additionalProperty) ||
    (error?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') ||
    dataVar;
  const [en, zh] = describe(error?.keyword ?? '', params, error?.message ?? 'is invalid');
  return new ValidationError(field, `${place.en} "${field}" ${en}`, `${place.zh}“${field}”${zh}`);
}

function describe(keyword: string, params: Record<string, unknown>, fallback: string): [string, string] {
  switch (keyword) {
    case 'type':
      return [`must be ${article(String(params.type))} ${params.type}`, `必须是${TYPE_ZH[String(params.type)] ?? params.type}`];
    case 'minimum':
      return [`must be ≥ ${params.limit}`, `必须 ≥ ${params.limit}`];
    case 'maximum':
      return [`must be ≤ ${params.limit}`, `必须 ≤ ${params.limit}`];
    case 'enum': {
      const allowed = (params.allowedValues as unknown[] | undefined)?.join(', ') ?? '';
      return [`must be one of: ${allowed}`, `必须是以下之一：${allowed}`];
    }
    case 'format':
      return params.format === 'uuid'
        ? ['must be a UUID', '必须是 UUID']
        : [`must be a valid ${params.format}`, `必须是合法的 ${params.format}`];
    case 'minLength':
      return [`must be at least ${params.limit} characters`, `长度至少为 ${params.limit}`];
    case 'maxLength':
      return [`must be at most ${params.limit} characters`, `长度不能超过 ${params.limit}`];
    case 'pattern':
      return ['has an invalid format', '格式不正确'];
    case 'required':
      return ['is required', '不能为空'];
    default:
      return [fallback, `不合法（${fallback}）`];
  }
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

export const TIME_FILTER_HELP = 'ISO-8601: a date (YYYY-MM-DD, in the tenant time zone) or a date-time with Z or ±HH:MM';

/** A time bound: an instant, or a whole calendar day in the tenant's time zone. */
export type TimeBound = { kind: 'instant'; at: Date } | { kind: 'day'; start: Date; end: Date };

/** Reads a from/to filter value; a value that is not ISO-8601 (or not a real date) is a 400 naming the field. */
export function parseTimeBound(field: string, value: string, timeZone: string): TimeBound {
  const invalid = () =>
    new ValidationError(
      field,
      `query parameter "${field}" must be an ISO-8601 date (YYYY-MM-DD) or date-time with Z or ±HH:MM, got "${value}"`,
      `查询参数“${field}”必须是 ISO-8601 日期（YYYY-MM-DD）或带时区（Z 或 ±HH:MM）的日期时间，收到“${value}”`,
    );
  const day = DATE_ONLY.exec(value);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const check = new Date(Date.UTC(y, m - 1, d));
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) throw invalid();
    return { kind: 'day', start: zonedMidnight(y, m, d, timeZone), end: zonedMidnight(y, m, d + 1, timeZone) };
  }
  if (!DATE_TIME.test(value)) throw invalid();
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw invalid();
  // Date() rolls 2017-02-30T00:00Z over to March: compare the calendar part back.
  if (!sameCalendarDay(value, at)) throw invalid();
  return { kind: 'instant', at };
}

function sameCalendarDay(value: string, at: Date): boolean {
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(value);
  const offsetMs = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000 : 0;
  return new Date(at.getTime() + offsetMs).toISOString().slice(0, 10) === value.slice(0, 10);
}

/** The instant of midnight starting day y-m-d in a time zone (Date.UTC normalises d+1 across month ends). */
export function zonedMidnight(y: number, m: number, d: number, timeZone: string): Date {
  const utcGuess = Date.UTC(y, m - 1, d);
  let instant = utcGuess - zoneOffsetMs(utcGuess, timeZone);
  const corrected = utcGuess - zoneOffsetMs(instant, timeZone);
  if (corrected !== instant) instant = corrected;
  return new Date(instant);
}

/** Local time minus UTC, in ms, of a time zone at an instant. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return local - Math.floor(instant / 1000) * 1000;
}
