import { describe, expect, it } from 'vitest';
import { chinaOfficialCalendar, createWorkingCalendar, isWorkingDay, workingDayKind } from '../../src/core/working-time/index.js';

// Facts copied by hand from ../shared/calendar/cn-2026.md (State Council General Office notice of 2025-11-04).
const festivals2026: { festival: string; daysOff: string[]; makeupDays: string[] }[] = [
  { festival: 'New Year 元旦', daysOff: ['2026-01-01', '2026-01-02', '2026-01-03'], makeupDays: ['2026-01-04'] },
  {
    festival: 'Spring Festival 春节',
    daysOff: ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'],
    makeupDays: ['2026-02-14', '2026-02-28'],
  },
  { festival: 'Qingming 清明节', daysOff: ['2026-04-04', '2026-04-05', '2026-04-06'], makeupDays: [] },
  { festival: 'Labour Day 劳动节', daysOff: ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'], makeupDays: ['2026-05-09'] },
  { festival: 'Dragon Boat 端午节', daysOff: ['2026-06-19', '2026-06-20', '2026-06-21'], makeupDays: [] },
  { festival: 'Mid-Autumn 中秋节', daysOff: ['2026-09-25', '2026-09-26', '2026-09-27'], makeupDays: [] },
  {
    festival: 'National Day 国庆节',
    daysOff: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
    makeupDays: ['2026-09-20', '2026-10-10'],
  },
];

const workingDaysByMonth2026: [string, number][] = [
  ['2026-01', 21],
  ['2026-02', 16],
  ['2026-03', 22],
  ['2026-04', 21],
  ['2026-05', 19],
  ['2026-06', 21],
  ['2026-07', 23],
  ['2026-08', 21],
  ['2026-09', 22],
  ['2026-10', 18],
  ['2026-11', 21],
  ['2026-12', 23],
];

const daysOff = festivals2026.flatMap(({ festival, daysOff: days }) => days.map((day) => ({ festival, day })));
const makeupDays = festivals2026.flatMap(({ festival, makeupDays: days }) => days.map((day) => ({ festival, day })));

/** Every day of 2026, listed without the code under test. */
const daysOf2026 = Array.from({ length: 365 }, (_, index) => new Date(Date.UTC(2026, 0, 1 + index)).toISOString().slice(0, 10));

describe('chinese-days 2026 data checked against the State Council notice', () => {
  const calendar = createWorkingCalendar();

  it.each(daysOff)('$day ($festival) is an official day off', ({ day }) => {
    expect(workingDayKind(calendar, day)).toBe('official_holiday');
    expect(isWorkingDay(calendar, day)).toBe(false);
  });

  it.each(makeupDays)('$day ($festival) is an official make-up working day', ({ day }) => {
    expect(workingDayKind(calendar, day)).toBe('makeup_workday');
    expect(isWorkingDay(calendar, day)).toBe(true);
  });

  it('lists exactly the 33 days off and the 6 make-up days of the notice for 2026, no more', () => {
    const in2026 = (days: Iterable<string>) => [...days].filter((day) => day.startsWith('2026-')).sort();
    expect(in2026(chinaOfficialCalendar.holidays.keys())).toEqual(daysOff.map(({ day }) => day).sort());
    expect(in2026(chinaOfficialCalendar.makeupWorkdays.keys())).toEqual(makeupDays.map(({ day }) => day).sort());
  });

  it('counts 248 working days in 2026', () => {
    expect(daysOf2026.filter((day) => isWorkingDay(calendar, day))).toHaveLength(248);
  });

  it.each(workingDaysByMonth2026)('counts, for %s, %i working days', (month, count) => {
    expect(daysOf2026.filter((day) => day.startsWith(month) && isWorkingDay(calendar, day))).toHaveLength(count);
  });

  it('differs from a Monday-to-Friday rule on 25 dates of 2026', () => {
    const mondayToFriday = (day: string) => ![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
    expect(daysOf2026.filter((day) => isWorkingDay(calendar, day) !== mondayToFriday(day))).toHaveLength(25);
  });

  it('reads 2026 as a year the package covers', () => {
    expect(chinaOfficialCalendar.coveredYears.has(2026)).toBe(true);
  });
});
