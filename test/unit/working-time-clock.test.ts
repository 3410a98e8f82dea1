import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  addWorkingHours,
  createWorkingCalendar,
  isWorkingInstant,
  nextWorkingInstant,
  workingDayKind,
  workingTimeBetween,
} from '../../src/core/working-time/index.js';

// Default tenant: Asia/Shanghai, 09:00–12:00 and 13:30–18:00 (7.5 working hours a day), China's official calendar.
const calendar = createWorkingCalendar();
const HOUR = 3_600_000;
const iso = (instant: string) => new Date(instant).toISOString();

interface HoursCase {
  from: string;
  hours: number;
  due: string;
  why: string;
}

function dueAfterHours({ from, hours }: HoursCase): string {
  return addWorkingHours(calendar, new Date(from), hours).toISOString();
}

describe('addWorkingHours around the 2026 Spring Festival (make-up Saturdays 02-14 and 02-28, 02-15..02-23 off)', () => {
  it.each<HoursCase>([
    { from: '2026-02-13T17:00+08:00', hours: 2, due: '2026-02-14T10:00+08:00', why: 'Saturday 02-14 is a make-up working day' },
    { from: '2026-02-14T17:30+08:00', hours: 2, due: '2026-02-24T10:30+08:00', why: 'half an hour on the make-up Saturday, then nothing until Tuesday 02-24' },
    { from: '2026-02-14T09:00+08:00', hours: 7.5, due: '2026-02-14T18:00+08:00', why: 'the make-up Saturday is a full working day' },
    { from: '2026-02-15T10:00+08:00', hours: 2, due: '2026-02-24T11:00+08:00', why: 'created on the first day of the holiday' },
    { from: '2026-02-23T16:00+08:00', hours: 2, due: '2026-02-24T11:00+08:00', why: 'created on the last day of the holiday, a Monday' },
    { from: '2026-02-27T17:00+08:00', hours: 2, due: '2026-02-28T10:00+08:00', why: 'Saturday 02-28 is the second make-up day' },
    { from: '2026-02-28T16:00+08:00', hours: 3, due: '2026-03-02T10:00+08:00', why: 'Sunday 03-01 is an ordinary Sunday' },
    { from: '2026-02-12T17:00+08:00', hours: 8, due: '2026-02-13T17:30+08:00', why: 'one hour on Thursday, seven on Friday' },
    { from: '2026-02-13T17:00+08:00', hours: 9.5, due: '2026-02-24T10:00+08:00', why: 'one hour Friday, the whole make-up Saturday, one hour after the holiday' },
  ])('is due $due for a lead created $from + $hours working hours ($why)', (row) => {
    expect(dueAfterHours(row)).toBe(iso(row.due));
  });
});

describe('addWorkingHours around the 2026 National Day (make-up Sunday 09-20 and Saturday 10-10, 10-01..10-07 off)', () => {
  it.each<HoursCase>([
    { from: '2026-09-18T17:45+08:00', hours: 2, due: '2026-09-20T10:45+08:00', why: 'Saturday 09-19 is off, Sunday 09-20 is a make-up day' },
    { from: '2026-09-19T10:00+08:00', hours: 2, due: '2026-09-20T11:00+08:00', why: 'created on an ordinary Saturday' },
    { from: '2026-09-24T17:00+08:00', hours: 2, due: '2026-09-28T10:00+08:00', why: 'Mid-Autumn 09-25..09-27 is off' },
    { from: '2026-09-30T17:00+08:00', hours: 2, due: '2026-10-08T10:00+08:00', why: 'the Golden Week 10-01..10-07 is off' },
    { from: '2026-10-01T09:30+08:00', hours: 2, due: '2026-10-08T11:00+08:00', why: 'created on National Day itself' },
    { from: '2026-10-09T17:00+08:00', hours: 2, due: '2026-10-10T10:00+08:00', why: 'Saturday 10-10 is a make-up day' },
    { from: '2026-10-10T17:00+08:00', hours: 2, due: '2026-10-12T10:00+08:00', why: 'Sunday 10-11 is an ordinary Sunday' },
  ])('is due $due for a lead created $from + $hours working hours ($why)', (row) => {
    expect(dueAfterHours(row)).toBe(iso(row.due));
  });
});

describe('addWorkingHours for a lead created at 17:45 on a Friday', () => {
  it.each<HoursCase>([
    { from: '2026-03-13T17:45+08:00', hours: 2, due: '2026-03-16T10:45+08:00', why: 'a quarter of an hour on Friday, the rest on Monday' },
    { from: '2026-03-13T09:45:00Z', hours: 2, due: '2026-03-16T02:45:00Z', why: 'the same instant written in UTC' },
    { from: '2026-05-08T17:45+08:00', hours: 2, due: '2026-05-09T10:45+08:00', why: 'the next day is make-up Saturday 05-09' },
    { from: '2026-03-13T17:45+08:00', hours: 0.25, due: '2026-03-13T18:00+08:00', why: 'used up exactly at closing time' },
  ])('is due $due for a lead created $from + $hours working hours ($why)', (row) => {
    expect(dueAfterHours(row)).toBe(iso(row.due));
  });
});

describe('addWorkingHours for a lead created on a public holiday (the clock starts at 09:00 of the next working day)', () => {
  it.each<HoursCase>([
    { from: '2026-01-01T15:00+08:00', hours: 2, due: '2026-01-04T11:00+08:00', why: 'the next working day is make-up Sunday 01-04' },
    { from: '2026-05-01T10:00+08:00', hours: 2, due: '2026-05-06T11:00+08:00', why: 'Labour Day 05-01..05-05' },
    { from: '2026-04-06T14:00+08:00', hours: 0.5, due: '2026-04-07T09:30+08:00', why: 'Qingming Monday' },
    { from: '2026-06-19T08:00+08:00', hours: 2, due: '2026-06-22T11:00+08:00', why: 'Dragon Boat 06-19..06-21' },
    { from: '2026-09-25T20:00+08:00', hours: 1, due: '2026-09-28T10:00+08:00', why: 'Mid-Autumn 09-25..09-27' },
  ])('is due $due for a lead created $from + $hours working hours ($why)', (row) => {
    expect(dueAfterHours(row)).toBe(iso(row.due));
  });
});

describe('addWorkingHours and the 12:00–13:30 lunch break on an ordinary Tuesday', () => {
  it.each<HoursCase>([
    { from: '2026-03-17T11:30+08:00', hours: 0.5, due: '2026-03-17T12:00+08:00', why: 'used up as the break starts' },
    { from: '2026-03-17T11:30+08:00', hours: 1, due: '2026-03-17T14:00+08:00', why: '30 min before the break, 30 min after 13:30' },
    { from: '2026-03-17T11:00+08:00', hours: 2, due: '2026-03-17T14:30+08:00', why: 'one hour before the break, one after' },
    { from: '2026-03-17T12:00+08:00', hours: 1, due: '2026-03-17T14:30+08:00', why: 'created as the break starts' },
    { from: '2026-03-17T12:45+08:00', hours: 1, due: '2026-03-17T14:30+08:00', why: 'created during the break' },
    { from: '2026-03-17T13:29+08:00', hours: 1, due: '2026-03-17T14:30+08:00', why: 'created a minute before the break ends' },
    { from: '2026-03-17T13:30+08:00', hours: 1, due: '2026-03-17T14:30+08:00', why: 'created as work resumes' },
    { from: '2026-03-17T11:50+08:00', hours: 1 / 3, due: '2026-03-17T13:40+08:00', why: '10 min before the break, 10 min after' },
    { from: '2026-03-17T08:00+08:00', hours: 2, due: '2026-03-17T11:00+08:00', why: 'created before opening' },
    { from: '2026-03-17T09:00+08:00', hours: 7.5, due: '2026-03-17T18:00+08:00', why: 'a whole working day' },
    { from: '2026-03-17T17:59+08:00', hours: 0.25, due: '2026-03-18T09:14+08:00', why: 'one minute today, fourteen tomorrow' },
    { from: '2026-03-17T18:00+08:00', hours: 1, due: '2026-03-18T10:00+08:00', why: 'created at closing time' },
    { from: '2026-03-17T20:00+08:00', hours: 0.25, due: '2026-03-18T09:15+08:00', why: 'created in the evening' },
    { from: '2026-03-17T10:00+08:00', hours: 1.25, due: '2026-03-17T11:15+08:00', why: 'fractional hours' },
    { from: '2026-03-17T10:00+08:00', hours: 0.1, due: '2026-03-17T10:06+08:00', why: 'six minutes' },
    { from: '2026-03-17T12:30+08:00', hours: 0, due: '2026-03-17T12:30+08:00', why: 'adding nothing returns the instant itself' },
  ])('is due $due for a lead created $from + $hours working hours ($why)', (row) => {
    expect(dueAfterHours(row)).toBe(iso(row.due));
  });
});

describe('nextWorkingInstant', () => {
  it.each([
    { at: '2026-03-17T10:00+08:00', next: '2026-03-17T10:00+08:00', why: 'inside working hours: the instant itself' },
    { at: '2026-03-17T09:00+08:00', next: '2026-03-17T09:00+08:00', why: 'opening time is working time' },
    { at: '2026-03-17T08:59:59+08:00', next: '2026-03-17T09:00+08:00', why: 'a second before opening' },
    { at: '2026-03-17T12:00+08:00', next: '2026-03-17T13:30+08:00', why: 'the break starts at 12:00' },
    { at: '2026-03-17T13:29:59.999+08:00', next: '2026-03-17T13:30+08:00', why: 'the last instant of the break' },
    { at: '2026-03-17T17:59:59.999+08:00', next: '2026-03-17T17:59:59.999+08:00', why: 'the last instant of the day is working time' },
    { at: '2026-03-17T18:00+08:00', next: '2026-03-18T09:00+08:00', why: 'closing time is not working time' },
    { at: '2026-03-14T10:00+08:00', next: '2026-03-16T09:00+08:00', why: 'an ordinary Saturday' },
    { at: '2026-02-14T08:00+08:00', next: '2026-02-14T09:00+08:00', why: 'early on make-up Saturday 02-14' },
    { at: '2026-02-14T18:00+08:00', next: '2026-02-24T09:00+08:00', why: 'after work on the make-up Saturday before the Spring Festival' },
    { at: '2026-10-03T11:00+08:00', next: '2026-10-08T09:00+08:00', why: 'during the Golden Week' },
    { at: '2026-01-01T15:00+08:00', next: '2026-01-04T09:00+08:00', why: "on New Year's Day: make-up Sunday 01-04 is next" },
  ])('moves $at to $next ($why)', ({ at, next }) => {
    expect(nextWorkingInstant(calendar, new Date(at)).toISOString()).toBe(iso(next));
  });
});

describe('isWorkingInstant', () => {
  it.each([
    { at: '2026-03-17T10:00+08:00', working: true },
    { at: '2026-03-17T12:00+08:00', working: false },
    { at: '2026-03-17T13:30+08:00', working: true },
    { at: '2026-03-17T18:00+08:00', working: false },
    { at: '2026-02-14T10:00+08:00', working: true },
    { at: '2026-02-16T10:00+08:00', working: false },
  ])('says $at is working time: $working', ({ at, working }) => {
    expect(isWorkingInstant(calendar, new Date(at))).toBe(working);
  });
});

describe('workingTimeBetween', () => {
  it.each([
    { from: '2026-03-17T10:00+08:00', to: '2026-03-17T11:00+08:00', hours: 1, why: 'one morning hour' },
    { from: '2026-03-17T11:00+08:00', to: '2026-03-17T14:00+08:00', hours: 1.5, why: 'the break does not count' },
    { from: '2026-03-17T12:10+08:00', to: '2026-03-17T13:20+08:00', hours: 0, why: 'both inside the break' },
    { from: '2026-03-17T09:00+08:00', to: '2026-03-17T18:00+08:00', hours: 7.5, why: 'a whole working day' },
    { from: '2026-03-17T00:00+08:00', to: '2026-03-18T00:00+08:00', hours: 7.5, why: 'a calendar day holds 7.5 working hours' },
    { from: '2026-03-13T17:00+08:00', to: '2026-03-16T10:00+08:00', hours: 2, why: 'across an ordinary weekend' },
    { from: '2026-03-14T00:00+08:00', to: '2026-03-16T00:00+08:00', hours: 0, why: 'a weekend alone' },
    { from: '2026-02-13T17:00+08:00', to: '2026-02-24T10:00+08:00', hours: 9.5, why: 'make-up Saturday counted, the Spring Festival not' },
    { from: '2026-02-12T09:00+08:00', to: '2026-02-26T09:00+08:00', hours: 37.5, why: 'five working days in two weeks: 02-12, 02-13, 02-14, 02-24, 02-25' },
    { from: '2026-09-19T09:00+08:00', to: '2026-09-21T09:00+08:00', hours: 7.5, why: 'a weekend whose Sunday is a make-up day' },
    { from: '2026-09-30T17:00+08:00', to: '2026-10-08T10:00+08:00', hours: 2, why: 'across the Golden Week' },
    { from: '2026-10-01T00:00+08:00', to: '2026-10-08T00:00+08:00', hours: 0, why: 'the Golden Week alone' },
    { from: '2026-01-01T00:00+08:00', to: '2027-01-01T00:00+08:00', hours: 1860, why: 'the whole of 2026: 248 days × 7.5 h' },
    { from: '2026-03-16T10:00+08:00', to: '2026-03-13T17:00+08:00', hours: -2, why: 'backwards in time: negative' },
    { from: '2026-03-17T10:00+08:00', to: '2026-03-17T10:00+08:00', hours: 0, why: 'the same instant' },
  ])('counts $hours working hours from $from to $to ($why)', ({ from, to, hours }) => {
    expect(workingTimeBetween(calendar, new Date(from), new Date(to))).toBe(hours * HOUR);
  });
});

describe('addWorkingDays (same wall-clock time N working days later, after rolling into working hours)', () => {
  it.each([
    { from: '2026-02-12T10:00+08:00', days: 2, due: '2026-02-14T10:00+08:00', why: 'make-up Saturday 02-14 is the second working day' },
    { from: '2026-02-13T10:00+08:00', days: 1, due: '2026-02-14T10:00+08:00', why: 'the make-up Saturday counts' },
    { from: '2026-02-13T10:00+08:00', days: 2, due: '2026-02-24T10:00+08:00', why: 'the Spring Festival is skipped' },
    { from: '2026-02-12T10:00+08:00', days: 3, due: '2026-02-24T10:00+08:00', why: 'Friday, make-up Saturday, then Tuesday after the holiday' },
    { from: '2026-03-13T17:45+08:00', days: 1, due: '2026-03-16T17:45+08:00', why: 'Friday evening to Monday evening' },
    { from: '2026-03-14T10:00+08:00', days: 1, due: '2026-03-17T09:00+08:00', why: 'Saturday: the clock starts Monday 09:00' },
    { from: '2026-03-17T12:30+08:00', days: 1, due: '2026-03-18T13:30+08:00', why: 'created in the break: the clock starts at 13:30' },
    { from: '2026-03-17T19:00+08:00', days: 1, due: '2026-03-19T09:00+08:00', why: 'created after hours: the clock starts Wednesday 09:00' },
    { from: '2026-03-17T18:00+08:00', days: 1, due: '2026-03-19T09:00+08:00', why: 'created at closing time' },
    { from: '2026-09-30T15:00+08:00', days: 1, due: '2026-10-08T15:00+08:00', why: 'the Golden Week is skipped' },
    { from: '2026-09-18T11:00+08:00', days: 1, due: '2026-09-20T11:00+08:00', why: 'make-up Sunday 09-20 counts' },
    { from: '2026-09-28T10:00+08:00', days: 5, due: '2026-10-10T10:00+08:00', why: '09-29, 09-30, 10-08, 10-09 and make-up Saturday 10-10' },
    { from: '2026-03-14T10:00+08:00', days: 0, due: '2026-03-16T09:00+08:00', why: 'zero days is the start of the clock' },
    { from: '2026-03-17T10:00+08:00', days: 0, due: '2026-03-17T10:00+08:00', why: 'zero days in working hours is the instant itself' },
  ])('moves $from by $days working days to $due ($why)', ({ from, days, due }) => {
    expect(addWorkingDays(calendar, new Date(from), days).toISOString()).toBe(iso(due));
  });
});

describe('the clock refuses meaningless arguments', () => {
  const monday = new Date('2026-03-16T10:00+08:00');
  it.each([
    ['negative hours', () => addWorkingHours(calendar, monday, -1)],
    ['NaN hours', () => addWorkingHours(calendar, monday, Number.NaN)],
    ['infinite hours', () => addWorkingHours(calendar, monday, Number.POSITIVE_INFINITY)],
    ['fractional days', () => addWorkingDays(calendar, monday, 1.5)],
    ['negative days', () => addWorkingDays(calendar, monday, -1)],
    ['an invalid Date', () => nextWorkingInstant(calendar, new Date('not a date'))],
    ['an invalid Date in workingTimeBetween', () => workingTimeBetween(calendar, monday, new Date(Number.NaN))],
    ['a day that does not exist', () => workingDayKind(calendar, '2026-02-30')],
    ['a day in the wrong format', () => workingDayKind(calendar, '2026/03/16')],
  ])('throws a RangeError for %s', (_, call) => {
    expect(call).toThrow(RangeError);
  });
});
