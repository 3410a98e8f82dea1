/**
 * Call record JSON → one `call.ended` event. Every field is validated; all problems are reported at once,
 * each naming the field and why, in English and zh-CN. Unknown extra fields are accepted and ignored
 * (senders may add fields without breaking). The contract itself is documented in ./index.ts.
 */
import { reject, type InboundEvent, type Rejection } from '../contract.js';
import type { CallEnded, PlatformPerson } from '../../src/core/events.js';

export const MAX_CALL_ID_LENGTH = 128;
/** A single call longer than a day is a sender bug, not a call. */
export const MAX_CALL_DURATION_SECONDS = 24 * 60 * 60;
export const MAX_SUMMARY_LENGTH = 20_000;
/** started_at may be this far ahead of our clock (sender clock skew), no further. */
export const FUTURE_START_TOLERANCE_MS = 5 * 60 * 1000;

/** Chat-platform id types a `platform_user` may use (the names the platform adapters use). */
export const PLATFORM_USER_ID_TYPES: Record<string, readonly string[]> = {
  feishu: ['open_id', 'user_id', 'union_id'],
  dingtalk: ['userId', 'staffId'],
  wecom: ['userid'],
};

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const PHONE = /^\+?[0-9][0-9 ()-]{2,31}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

interface Problem {
  field: string;
  missing: boolean;
  en: string;
  zh: string;
}

type Body = Record<string, unknown>;

class Checker {
  readonly problems: Problem[] = [];

  missing(field: string): undefined {
    this.problems.push({ field, missing: true, en: 'is required', zh: '为必填项' });
    return undefined;
  }

  bad(field: string, en: string, zh: string): undefined {
    this.problems.push({ field, missing: false, en, zh });
    return undefined;
  }

  /** A string field; absent (or null) is allowed only when `optional`. */
  text(body: Body, field: string, optional: boolean, name = field): string | undefined {
    const value = body[field];
    if (value === undefined || value === null || value === '') return optional ? undefined : this.missing(name);
    if (typeof value !== 'string') return this.bad(name, 'must be a string', '必须是字符串');
    return value;
  }

  phone(body: Body, field: string, optional: boolean, name = field): string | undefined {
    const value = this.text(body, field, optional, name);
    if (value === undefined || PHONE.test(value)) return value;
    return this.bad(name, 'must be a phone number (digits, optional leading +, spaces, dashes, parentheses)', '必须是电话号码（数字，可带 +、空格、横线、括号）');
  }
}

function isObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function callId(c: Checker, body: Body): string | undefined {
  const value = c.text(body, 'call_id', false);
  if (value === undefined) return undefined;
  if (value.length > MAX_CALL_ID_LENGTH || CONTROL_CHARS.test(value)) {
    return c.bad('call_id', `must be at most ${MAX_CALL_ID_LENGTH} printable characters`, `最多 ${MAX_CALL_ID_LENGTH} 个可打印字符`);
  }
  return value;
}

function rep(c: Checker, body: Body): PlatformPerson | undefined {
  const value = body['rep'];
  if (value === undefined || value === null) return c.missing('rep');
  if (!isObject(value)) return c.bad('rep', 'must be an object {userid?, phone?, email?, name?}', '必须是对象 {userid?, phone?, email?, name?}');
  const ids: Record<string, string> = {};
  const userid = c.text(value, 'userid', true, 'rep.userid');
  const phone = c.phone(value, 'phone', true, 'rep.phone');
  const email = c.text(value, 'email', true, 'rep.email');
  const name = c.text(value, 'name', true, 'rep.name');
  if (userid !== undefined) ids['userid'] = userid;
  if (phone !== undefined) ids['phone'] = phone;
  if (email !== undefined) {
    if (EMAIL.test(email)) ids['email'] = email;
    else c.bad('rep.email', 'must be an e-mail address', '必须是电子邮件地址');
  }
  if (Object.keys(ids).length === 0 && !c.problems.some((p) => p.field.startsWith('rep.'))) {
    c.problems.push({ field: 'rep', missing: true, en: 'needs at least one of userid, phone, email', zh: '至少需要 userid、phone、email 之一' });
    return undefined;
  }
  return { ids, external: false, ...(name !== undefined ? { name } : {}) };
}

/** The rep's identity on the tenant's chat platform, as `<platform>.<id_type>` in rep.ids. */
function platformUser(c: Checker, body: Body): [string, string] | undefined {
  const value = body['platform_user'];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) return c.bad('platform_user', 'must be an object {platform, id_type, id}', '必须是对象 {platform, id_type, id}');
  const platform = c.text(value, 'platform', false, 'platform_user.platform');
  const idType = c.text(value, 'id_type', false, 'platform_user.id_type');
  const id = c.text(value, 'id', false, 'platform_user.id');
  if (platform === undefined || idType === undefined || id === undefined) return undefined;
  const allowed = PLATFORM_USER_ID_TYPES[platform];
  if (!allowed) return c.bad('platform_user.platform', 'must be feishu, dingtalk or wecom', '必须是 feishu、dingtalk 或 wecom');
  if (!allowed.includes(idType)) return c.bad('platform_user.id_type', `must be one of ${allowed.join(', ')} for ${platform}`, `${platform} 只能是 ${allowed.join('、')}`);
  return [`${platform}.${idType}`, id];
}

function direction(c: Checker, body: Body): CallEnded['direction'] | undefined {
  const value = c.text(body, 'direction', false);
  if (value === undefined || value === 'outbound' || value === 'inbound') return value;
  return c.bad('direction', 'must be "outbound" or "inbound"', '必须是 "outbound" 或 "inbound"');
}

/** ISO-8601 with an explicit offset, a real calendar date, not in the future. Returns UTC ISO. */
function startedAt(c: Checker, body: Body, now: Date): Date | undefined {
  const value = c.text(body, 'started_at', false);
  if (value === undefined) return undefined;
  const match = ISO_WITH_OFFSET.exec(value);
  const date = new Date(value);
  const [, y, mo, d, h, mi, s] = match ?? [];
  const wallClock = match ? new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0))) : undefined;
  const realDate =
    wallClock !== undefined &&
    wallClock.getUTCFullYear() === Number(y) &&
    wallClock.getUTCMonth() === Number(mo) - 1 &&
    wallClock.getUTCDate() === Number(d) &&
    wallClock.getUTCHours() === Number(h) &&
    wallClock.getUTCMinutes() === Number(mi) &&
    wallClock.getUTCSeconds() === Number(s ?? 0);
  if (!match || !realDate || Number.isNaN(date.getTime())) {
    return c.bad('started_at', 'must be an ISO-8601 date-time with an offset, e.g. 2026-03-02T09:30:00+08:00', '必须是带时区偏移的 ISO-8601 时间，例如 2026-03-02T09:30:00+08:00');
  }
  if (date.getTime() > now.getTime() + FUTURE_START_TOLERANCE_MS) return c.bad('started_at', 'is in the future', '晚于当前时间');
  return date;
}

function durationSeconds(c: Checker, body: Body): number | undefined {
  const value = body['duration_seconds'];
  if (value === undefined || value === null) return c.missing('duration_seconds');
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_CALL_DURATION_SECONDS) {
    return c.bad('duration_seconds', `must be a whole number of seconds from 0 to ${MAX_CALL_DURATION_SECONDS}`, `必须是 0 到 ${MAX_CALL_DURATION_SECONDS} 之间的整数秒`);
  }
  return value;
}

function answered(c: Checker, body: Body): boolean | undefined {
  const value = body['answered'];
  if (value === undefined || value === null) return c.missing('answered');
  if (typeof value !== 'boolean') return c.bad('answered', 'must be true or false', '必须是 true 或 false');
  return value;
}

function summary(c: Checker, body: Body): string | undefined {
  const value = c.text(body, 'summary', true);
  if (value !== undefined && value.length > MAX_SUMMARY_LENGTH) {
    return c.bad('summary', `must be at most ${MAX_SUMMARY_LENGTH} characters`, `最多 ${MAX_SUMMARY_LENGTH} 个字符`);
  }
  return value;
}

function rejection(problems: Problem[]): Rejection {
  const anyMissing = problems.some((p) => p.missing);
  return reject(
    400,
    anyMissing ? 'missing_field' : 'malformed_body',
    `Invalid call record: ${problems.map((p) => `${p.field} ${p.en}`).join('; ')}.`,
    `通话记录无效：${problems.map((p) => `${p.field} ${p.zh}`).join('；')}。`,
  );
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export const CALL_VENDOR_TYPE = 'call_record';

/** Raw body → the call.ended event, or a 400 naming every bad field. */
export function parseCallRecord(rawBody: Buffer, now: Date): InboundEvent[] | Rejection {
  let text: string;
  let body: unknown;
  try {
    text = strictUtf8.decode(rawBody);
    body = JSON.parse(text);
  } catch {
    return reject(400, 'malformed_body', 'The body is not valid UTF-8 JSON.', '请求体不是合法的 UTF-8 JSON。');
  }
  if (!isObject(body)) return reject(400, 'malformed_body', 'The body must be a JSON object.', '请求体必须是 JSON 对象。');

  const c = new Checker();
  const id = callId(c, body);
  const person = rep(c, body);
  const linked = platformUser(c, body);
  const customerPhone = c.phone(body, 'customer_phone', false);
  const dir = direction(c, body);
  const start = startedAt(c, body, now);
  const duration = durationSeconds(c, body);
  const wasAnswered = answered(c, body);
  const note = summary(c, body);
  if (c.problems.length > 0) return rejection(c.problems);
  if (
    id === undefined || person === undefined || customerPhone === undefined || dir === undefined ||
    start === undefined || duration === undefined || wasAnswered === undefined
  ) {
    throw new Error('call record validation let an undefined field through');
  }

  if (linked) person.ids[linked[0]] = linked[1];
  const event: CallEnded = {
    kind: 'call.ended',
    occurredAt: new Date(start.getTime() + duration * 1000).toISOString(),
    callId: id,
    startedAt: start.toISOString(),
    durationSeconds: duration,
    direction: dir,
    rep: person,
    customerPhone,
    answered: wasAnswered,
    ...(note !== undefined ? { summary: note } : {}),
  };
  return [{ dedupKey: id, vendorType: CALL_VENDOR_TYPE, event, raw: text }];
}
