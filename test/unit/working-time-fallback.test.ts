import { describe, expect, it } from 'vitest';
import {
  addWorkingHours,
  calendarCoverage,
  chinaOfficialCalendar,
  createWorkingCalendar,
  isWorkingDay,
  officialCalendarFromData,
  workingDayKind,
} from '../../src/core/working-time/index.js';

// ../shared/calendar/cn-2026.md: chinese-days 1.5.7 has no 2027 schedule (it would treat 2027-01-01 as a
// working day). Until the data arrives the clock applies the fixed-date statutory holidays of the law as
// amended in 2024: 1 Jan, 1–2 May, 1–3 Oct.
const calendar = createWorkingCalendar();

describe('the statutory fallback for years without official data', () => {
  it('finds that the installed chinese-days data has 2026 but not 2027', () => {
    expect(chinaOfficialCalendar.coveredYears.has(2026)).toBe(true);
    expect(chinaOfficialCalendar.coveredYears.has(2027)).toBe(false);
  });

  it.each([
    { day: '2027-01-01', kind: 'statutory_fallback', why: "New Year's Day, a Friday" },
    { day: '2027-01-02', kind: 'weekend', why: 'the Saturday after: no bridging days are guessed' },
    { day: '2027-01-04', kind: 'weekday', why: 'an ordinary Monday' },
    { day: '2027-05-01', kind: 'statutory_fallback', why: 'Labour Day, a Saturday' },
    { day: '2027-05-03', kind: 'weekday', why: 'the Monday after Labour Day: no bridging days are guessed' },
    { day: '2027-10-01', kind: 'statutory_fallback', why: 'National Day, a Friday' },
    { day: '2027-10-04', kind: 'weekday', why: 'National Day covers only 10-01..10-03 by law' },
    { day: '2028-05-02', kind: 'statutory_fallback', why: "Labour Day's second day (added by the 2024 amendment), a Tuesday" },
    { day: '2028-05-03', kind: 'weekday', why: 'a Wednesday' },
    { day: '2028-10-02', kind: 'statutory_fallback', why: 'National Day holiday, a Monday' },
  ])('makes $day a $kind day ($why)', ({ day, kind }) => {
    expect(workingDayKind(calendar, day)).toBe(kind);
  });

  it('counts 2027-01-01 as a day off', () => {
    expect(isWorkingDay(calendar, '2027-01-01')).toBe(false);
  });

  it("moves a lead created on 2026-12-31 at 17:00 + 2 working hours past New Year's Day and the weekend to Monday 2027-01-04 10:00", () => {
    expect(addWorkingHours(calendar, new Date('2026-12-31T17:00+08:00'), 2).toISOString()).toBe(new Date('2027-01-04T10:00+08:00').toISOString());
  });

  it('falls back in any year the data does not cover, and trusts only the data in a year it covers', () => {
    const only2025 = officialCalendarFromData('test data', { holidays: { '2025-01-01': "New Year's Day,元旦,1" }, workdays: {} });
    const sparse = createWorkingCalendar({ official: only2025 });
    expect(workingDayKind(sparse, '2026-10-02')).toBe('statutory_fallback');
    expect(workingDayKind(sparse, '2026-02-16')).toBe('weekday');
    expect(workingDayKind(sparse, '2025-01-01')).toBe('official_holiday');
    expect(workingDayKind(sparse, '2025-05-01')).toBe('weekday');
  });
});

describe('calendarCoverage', () => {
  it.each([
    { from: '2026-12-01T10:00+08:00', days: 28, missingYears: [], why: 'the coming four weeks of December 2026' },
    { from: '2026-12-01T10:00+08:00', days: 31, missingYears: [], why: 'up to and including 2026-12-31' },
    { from: '2026-12-01T10:00+08:00', days: 32, missingYears: [2027], why: 'one day into 2027' },
    { from: '2026-12-20', days: 14, missingYears: [2027], why: 'a day given as YYYY-MM-DD' },
    { from: '2026-12-31T16:30:00Z', days: 1, missingYears: [2027], why: 'already 2027-01-01 00:30 in Shanghai' },
    { from: '2027-06-01', days: 400, missingYears: [2027, 2028], why: 'two years without data' },
    { from: '2025-12-01', days: 60, missingYears: [], why: 'across the 2025/2026 new year, both published' },
    { from: '2026-12-31', days: 0, missingYears: [], why: 'an empty stretch' },
  ])('reports $missingYears missing for $days days from $from ($why)', ({ from, days, missingYears }) => {
    const start = from.length === 10 ? from : new Date(from);
    expect(calendarCoverage(calendar, start, days)).toEqual({ covered: missingYears.length === 0, missingYears });
  });
});

describe('official calendar data', () => {
  it('refuses a day listed both as a holiday and as a make-up day', () => {
    expect(() => officialCalendarFromData('bad', { holidays: { '2026-02-14': 'x,y,1' }, workdays: { '2026-02-14': 'x,y,1' } })).toThrow(/both/);
  });

  it('refuses a day that is not YYYY-MM-DD', () => {
    expect(() => officialCalendarFromData('bad', { holidays: { '2026-2-14': 'x,y,1' }, workdays: {} })).toThrow(/YYYY-MM-DD/);
  });

  it('keeps the festival names in English and Chinese', () => {
    expect(chinaOfficialCalendar.holidays.get('2026-02-17')).toEqual({ en: 'Spring Festival', zh: '春节' });
    expect(chinaOfficialCalendar.makeupWorkdays.get('2026-10-10')).toEqual({ en: 'National Day', zh: '国庆节' });
  });
});
