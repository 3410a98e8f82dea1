import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  addWorkingHours,
  createWorkingCalendar,
  isWorkingInstant,
  nextWorkingInstant,
  workingTimeBetween,
} from '../../src/core/working-time/index.js';

// A tenant in Berlin: 09:00–18:00 with the 12:00–13:30 break in local time. Summer time starts on
// Sunday 2026-03-29 (02:00 CET → 03:00 CEST, +01:00 → +02:00) and ends on Sunday 2026-10-25
// (03:00 CEST → 02:00 CET). None of the days used here is a Chinese holiday or make-up day.
const berlin = createWorkingCalendar({ timezone: 'Europe/Berlin' });
const shanghai = createWorkingCalendar();
const HOUR = 3_600_000;
const iso = (instant: string) => new Date(instant).toISOString();

describe('a Berlin tenant across the DST changes', () => {
  it.each([
    { from: '2026-03-27T17:00+01:00', hours: 2, due: '2026-03-30T10:00+02:00', why: 'Friday in winter time, Monday in summer time' },
    { from: '2026-03-27T11:00+01:00', hours: 8, due: '2026-03-30T11:30+02:00', why: '5.5 h on Friday, 2.5 h on Monday' },
    { from: '2026-10-23T17:00+02:00', hours: 2, due: '2026-10-26T10:00+01:00', why: 'Friday in summer time, Monday in winter time' },
  ])('is due $due for a lead created $from + $hours working hours ($why)', ({ from, hours, due }) => {
    expect(addWorkingHours(berlin, new Date(from), hours).toISOString()).toBe(iso(due));
  });

  it.each([
    { from: '2026-03-27T09:00+01:00', to: '2026-03-30T18:00+02:00', hours: 15, why: 'two whole local working days' },
    { from: '2026-03-27T18:00+01:00', to: '2026-03-30T09:00+02:00', hours: 0, why: '62 real hours, none of them working time' },
  ])('counts $hours working hours from $from to $to ($why)', ({ from, to, hours }) => {
    expect(workingTimeBetween(berlin, new Date(from), new Date(to))).toBe(hours * HOUR);
  });

  it('starts the clock on Monday 09:00 summer time for a lead created on the Saturday before the change', () => {
    expect(nextWorkingInstant(berlin, new Date('2026-03-28T12:00+01:00')).toISOString()).toBe(iso('2026-03-30T09:00+02:00'));
  });

  it('keeps the wall-clock time when adding a working day across the change (71 real hours later)', () => {
    expect(addWorkingDays(berlin, new Date('2026-03-27T10:00+01:00'), 1).toISOString()).toBe(iso('2026-03-30T10:00+02:00'));
  });

  it.each([
    { calendarName: 'Shanghai', at: '2026-03-30T01:30:00Z', working: true, why: '09:30 in Shanghai' },
    { calendarName: 'Berlin', at: '2026-03-30T01:30:00Z', working: false, why: '03:30 in Berlin' },
    { calendarName: 'Berlin', at: '2026-03-30T07:00:00Z', working: true, why: '09:00 in Berlin' },
  ])('reads $at in the $calendarName calendar as working time: $working ($why)', ({ calendarName, at, working }) => {
    expect(isWorkingInstant(calendarName === 'Berlin' ? berlin : shanghai, new Date(at))).toBe(working);
  });
});

describe('a Berlin tenant working through the night of a DST change', () => {
  const night = createWorkingCalendar({
    timezone: 'Europe/Berlin',
    hours: { start: '00:00', end: '06:00', breaks: [] },
    overrides: [
      { day: '2026-03-29', kind: 'working_day' },
      { day: '2026-10-25', kind: 'working_day' },
    ],
  });

  it('counts 5 real hours from 00:00 to 06:00 on the night summer time starts', () => {
    expect(workingTimeBetween(night, new Date('2026-03-29T00:00+01:00'), new Date('2026-03-29T06:00+02:00'))).toBe(5 * HOUR);
  });

  it('counts 7 real hours from 00:00 to 06:00 on the night summer time ends', () => {
    expect(workingTimeBetween(night, new Date('2026-10-25T00:00+02:00'), new Date('2026-10-25T06:00+01:00'))).toBe(7 * HOUR);
  });

  it('lands 3 working hours after midnight at 04:00 summer time, the skipped hour not counted', () => {
    expect(addWorkingHours(night, new Date('2026-03-29T00:00+01:00'), 3).toISOString()).toBe(iso('2026-03-29T04:00+02:00'));
  });

  it('opens at 03:30 summer time when the opening time 02:30 does not exist that day', () => {
    const lateNight = createWorkingCalendar({
      timezone: 'Europe/Berlin',
      hours: { start: '02:30', end: '06:00', breaks: [] },
      overrides: [{ day: '2026-03-29', kind: 'working_day' }],
    });
    expect(nextWorkingInstant(lateNight, new Date('2026-03-29T00:00+01:00')).toISOString()).toBe(iso('2026-03-29T03:30+02:00'));
    expect(workingTimeBetween(lateNight, new Date('2026-03-29T00:00+01:00'), new Date('2026-03-29T12:00+02:00'))).toBe(2.5 * HOUR);
  });
});
