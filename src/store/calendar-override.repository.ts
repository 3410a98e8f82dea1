import { and, asc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { isLocalDate, validateCalendarOverride, WorkingTimeConfigError, type CalendarOverride } from '../core/working-time/index.js';
import { ValidationError } from '../errors.js';
import type { Db } from './db.js';
import { calendarOverrides } from './schema/index.js';

/** One row of a tenant's calendar overrides, as an admin sees it. */
export interface CalendarOverrideRecord extends CalendarOverride {
  note: string | null;
  updatedBy: string | null;
  updatedAt: Date;
}

export interface CalendarOverrideInput extends CalendarOverride {
  note?: string | null;
  updatedBy?: string | null;
}

/** A tenant's overrides in day order, optionally limited to days in [from, to] (`YYYY-MM-DD`, inclusive). */
export async function listCalendarOverrides(
  db: Db,
  tenantId: string,
  range: { from?: string; to?: string } = {},
): Promise<CalendarOverrideRecord[]> {
  const conditions: SQL[] = [eq(calendarOverrides.tenantId, tenantId)];
  if (range.from !== undefined) conditions.push(gte(calendarOverrides.day, checkedDay(range.from, 'from')));
  if (range.to !== undefined) conditions.push(lte(calendarOverrides.day, checkedDay(range.to, 'to')));
  return db
    .select({
      day: calendarOverrides.day,
      kind: calendarOverrides.kind,
      note: calendarOverrides.note,
      updatedBy: calendarOverrides.updatedBy,
      updatedAt: calendarOverrides.updatedAt,
    })
    .from(calendarOverrides)
    .where(and(...conditions))
    .orderBy(asc(calendarOverrides.day));
}

/** Sets a day's override (one per tenant and day: a later upsert replaces the kind and note). */
export async function upsertCalendarOverride(db: Db, tenantId: string, input: CalendarOverrideInput): Promise<void> {
  const { day, kind } = asValidationError(() => validateCalendarOverride(input));
  const note = input.note ?? null;
  const updatedBy = input.updatedBy ?? null;
  await db
    .insert(calendarOverrides)
    .values({ tenantId, day, kind, note, updatedBy })
    .onConflictDoUpdate({
      target: [calendarOverrides.tenantId, calendarOverrides.day],
      set: { kind, note, updatedBy, updatedAt: sql`now()` },
    });
}

/** Removes a day's override; true when there was one. */
export async function deleteCalendarOverride(db: Db, tenantId: string, day: string): Promise<boolean> {
  const deleted = await db
    .delete(calendarOverrides)
    .where(and(eq(calendarOverrides.tenantId, tenantId), eq(calendarOverrides.day, checkedDay(day, 'day'))))
    .returning({ day: calendarOverrides.day });
  return deleted.length > 0;
}

function checkedDay(day: string, field: string): string {
  if (isLocalDate(day)) return day;
  throw new ValidationError(field, `must be a real calendar day written YYYY-MM-DD, got ${JSON.stringify(day)}`, `必须是 YYYY-MM-DD 格式的有效日期，实际为 ${JSON.stringify(day)}`);
}

/** Runs a core validation and reports its failure as the service's ValidationError (400, en + zh-CN). */
export function asValidationError<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof WorkingTimeConfigError) throw new ValidationError(error.field, error.messageEn, error.messageZh);
    throw error;
  }
}
