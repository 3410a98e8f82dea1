import { describe, expect, it } from 'vitest';
import {
  addWorkingHours,
  createWorkingCalendar,
  isWorkingDay,
  workingDayKind,
  workingTimeBetween,
  type CalendarOverride,
} from '../../src/core/working-time/index.js';

const overrides: CalendarOverride[] = [
  { day: '2026-03-18', kind: 'day_off' }, // an ordinary Wednesday the company takes off
  { day: '2026-03-21', kind: 'working_day' }, // an ordinary Saturday the company works
  { day: '2026-02-14', kind: 'day_off' }, // the official make-up Saturday, given off by the company
  { day: '2026-10-02', kind: 'working_day' }, // a National Day holiday the company works
  { day: '2027-01-01', kind: 'working_day' }, // beats the statutory fallback too
];
const tenant = createWorkingCalendar({ overrides });
const plain = createWorkingCalendar();
const iso = (instant: string) => new Date(instant).toISOString();

describe('tenant calendar overrides', () => {
  it.each([
    { day: '2026-03-18', kind: 'tenant_day_off', working: false, why: 'a company day off on an ordinary Wednesday' },
    { day: '2026-03-21', kind: 'tenant_working_day', working: true, why: 'an extra working Saturday' },
    { day: '2026-02-14', kind: 'tenant_day_off', working: false, why: 'the override beats the official make-up day' },
    { day: '2026-10-02', kind: 'tenant_working_day', working: true, why: 'the override beats the official holiday' },
    { day: '2027-01-01', kind: 'tenant_working_day', working: true, why: 'the override beats the statutory fallback' },
    { day: '2026-03-17', kind: 'weekday', working: true, why: 'days without an override keep the official rules' },
    { day: '2026-03-22', kind: 'weekend', working: false, why: 'the Sunday after the extra Saturday stays off' },
  ])('makes $day a $kind day ($why)', ({ day, kind, working }) => {
    expect(workingDayKind(tenant, day)).toBe(kind);
    expect(isWorkingDay(tenant, day)).toBe(working);
  });

  it.each([
    { from: '2026-03-17T17:00+08:00', hours: 2, due: '2026-03-19T10:00+08:00', why: 'Wednesday 03-18 is a company day off' },
    { from: '2026-03-20T17:00+08:00', hours: 2, due: '2026-03-21T10:00+08:00', why: 'Saturday 03-21 is an extra working day' },
    { from: '2026-02-13T17:00+08:00', hours: 2, due: '2026-02-24T10:00+08:00', why: 'the company does not work make-up Saturday 02-14' },
    { from: '2026-09-30T17:00+08:00', hours: 2, due: '2026-10-02T10:00+08:00', why: 'the company works 10-02' },
    { from: '2026-10-02T17:00+08:00', hours: 2, due: '2026-10-08T10:00+08:00', why: '10-03..10-07 stay off' },
  ])('is due $due for a lead created $from + $hours working hours ($why)', ({ from, hours, due }) => {
    expect(addWorkingHours(tenant, new Date(from), hours).toISOString()).toBe(iso(due));
  });

  it('counts five working days from Monday 03-16 to Monday 03-23 with Wednesday off and Saturday worked', () => {
    expect(workingTimeBetween(tenant, new Date('2026-03-16T09:00+08:00'), new Date('2026-03-23T09:00+08:00'))).toBe(37.5 * 3_600_000);
  });

  it("leaves another tenant's calendar alone: without the override Wednesday 03-18 is worked", () => {
    expect(addWorkingHours(plain, new Date('2026-03-17T17:00+08:00'), 2).toISOString()).toBe(iso('2026-03-18T10:00+08:00'));
  });

  it('accepts the same override listed twice', () => {
    const twice = createWorkingCalendar({ overrides: [overrides[0]!, overrides[0]!] });
    expect(workingDayKind(twice, '2026-03-18')).toBe('tenant_day_off');
  });
});
