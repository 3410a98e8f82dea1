import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingHours, workingDayKind } from '../../src/core/working-time/index.js';
import { NotFoundError, ValidationError } from '../../src/errors.js';
import { deleteCalendarOverride, listCalendarOverrides, upsertCalendarOverride } from '../../src/store/calendar-override.repository.js';
import { upsertTenant } from '../../src/store/tenant.repository.js';
import { loadWorkingCalendar } from '../../src/store/working-calendar.repository.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';

describe.each(databaseKinds)('calendar overrides on %s', (kind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await testDb.truncate();
  });
  afterAll(async () => {
    await testDb.destroy();
  });

  async function twoTenants() {
    const { db } = testDb.database;
    await upsertTenant(db, { id: 'acme', name: 'Acme' });
    await upsertTenant(db, { id: 'other', name: 'Other' });
    return db;
  }

  it('lists a tenant’s overrides in day order, replaces a day on upsert, and filters by range', async () => {
    const db = await twoTenants();
    await upsertCalendarOverride(db, 'acme', { day: '2026-03-21', kind: 'working_day', note: '季度冲刺', updatedBy: 'u_admin' });
    await upsertCalendarOverride(db, 'acme', { day: '2026-03-18', kind: 'working_day' });
    await upsertCalendarOverride(db, 'acme', { day: '2026-03-18', kind: 'day_off', note: '团建' });
    await upsertCalendarOverride(db, 'other', { day: '2026-03-19', kind: 'day_off' });

    const rows = await listCalendarOverrides(db, 'acme');
    expect(rows.map(({ day, kind, note, updatedBy }) => ({ day, kind, note, updatedBy }))).toEqual([
      { day: '2026-03-18', kind: 'day_off', note: '团建', updatedBy: null },
      { day: '2026-03-21', kind: 'working_day', note: '季度冲刺', updatedBy: 'u_admin' },
    ]);
    expect(rows[0]!.updatedAt).toBeInstanceOf(Date);
    expect((await listCalendarOverrides(db, 'acme', { from: '2026-03-19', to: '2026-03-31' })).map((r) => r.day)).toEqual(['2026-03-21']);
  });

  it('deletes one day of one tenant and says whether there was one', async () => {
    const db = await twoTenants();
    await upsertCalendarOverride(db, 'acme', { day: '2026-03-18', kind: 'day_off' });
    await upsertCalendarOverride(db, 'other', { day: '2026-03-18', kind: 'day_off' });
    expect(await deleteCalendarOverride(db, 'acme', '2026-03-18')).toBe(true);
    expect(await deleteCalendarOverride(db, 'acme', '2026-03-18')).toBe(false);
    expect(await listCalendarOverrides(db, 'acme')).toEqual([]);
    expect(await listCalendarOverrides(db, 'other')).toHaveLength(1);
  });

  it.each([
    { case: 'a day that does not exist', input: { day: '2026-02-30', kind: 'day_off' }, field: 'override.day' },
    { case: 'an unknown kind', input: { day: '2026-03-18', kind: 'holiday' }, field: 'override.kind' },
  ])('refuses $case with a ValidationError on field $field', async ({ input, field }) => {
    const db = await twoTenants();
    await expect(upsertCalendarOverride(db, 'acme', input as never)).rejects.toSatisfy(
      (error) => error instanceof ValidationError && error.field === field && error.messageZh.length > 0,
    );
  });

  it('builds the tenant calendar from its settings and its overrides', async () => {
    const db = await twoTenants();
    await upsertTenant(db, { id: 'acme', name: 'Acme', settings: { workingTime: { start: '10:00', end: '19:00', breaks: [] } } });
    await upsertCalendarOverride(db, 'acme', { day: '2026-03-18', kind: 'day_off' });
    const calendar = await loadWorkingCalendar(db, 'acme');
    expect(calendar.timezone).toBe('Asia/Shanghai');
    expect(workingDayKind(calendar, '2026-03-18')).toBe('tenant_day_off');
    // Tuesday 18:00–19:00 is one hour; Wednesday is off; Thursday opens at 10:00.
    expect(addWorkingHours(calendar, new Date('2026-03-17T18:00+08:00'), 2).toISOString()).toBe(new Date('2026-03-19T11:00+08:00').toISOString());
    expect(workingDayKind(await loadWorkingCalendar(db, 'other'), '2026-03-18')).toBe('weekday');
  });

  it('refuses a tenant whose working-time settings make no sense, naming the field', async () => {
    const db = await twoTenants();
    await upsertTenant(db, { id: 'acme', name: 'Acme', settings: { workingTime: { start: '18:00', end: '09:00' } } });
    await expect(loadWorkingCalendar(db, 'acme')).rejects.toSatisfy((error) => error instanceof ValidationError && error.field === 'workingTime.end');
  });

  it('says so when the tenant does not exist', async () => {
    await expect(loadWorkingCalendar(testDb.database.db, 'nobody')).rejects.toBeInstanceOf(NotFoundError);
  });
});
