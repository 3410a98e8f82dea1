import { describe, expect, it } from 'vitest';
import {
  addWorkingHours,
  createWorkingCalendar,
  DEFAULT_BUSINESS_HOURS,
  workingCalendarConfigFromSettings,
  WorkingTimeConfigError,
  type WorkingCalendarConfig,
} from '../../src/core/working-time/index.js';

const HOUR = 3_600_000;

describe('createWorkingCalendar with valid settings', () => {
  it('defaults to Asia/Shanghai, 09:00–18:00 with a 12:00–13:30 break: 7.5 working hours a day', () => {
    const calendar = createWorkingCalendar();
    expect(calendar.timezone).toBe('Asia/Shanghai');
    expect(calendar.hours).toEqual({ start: '09:00', end: '18:00', breaks: [{ start: '12:00', end: '13:30' }] });
    expect(calendar.workingMsPerDay).toBe(7.5 * HOUR);
  });

  it('accepts several breaks in any order and skips each of them', () => {
    const calendar = createWorkingCalendar({
      hours: { start: '08:30', end: '17:30', breaks: [{ start: '15:00', end: '15:15' }, { start: '12:00', end: '13:00' }] },
    });
    expect(calendar.workingMsPerDay).toBe(7.75 * HOUR);
    expect(addWorkingHours(calendar, new Date('2026-03-17T11:30+08:00'), 3).toISOString()).toBe(new Date('2026-03-17T15:45+08:00').toISOString());
  });

  it('accepts breaks that touch each other', () => {
    const calendar = createWorkingCalendar({
      hours: { start: '09:00', end: '18:00', breaks: [{ start: '12:00', end: '12:30' }, { start: '12:30', end: '13:00' }] },
    });
    expect(calendar.workingMsPerDay).toBe(8 * HOUR);
  });

  it('accepts a closing time of 24:00', () => {
    expect(createWorkingCalendar({ hours: { start: '16:00', end: '24:00' } }).workingMsPerDay).toBe(8 * HOUR);
  });

  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['America/New_York', 'America/New_York'],
    ['asia/shanghai', 'Asia/Shanghai'],
  ])('accepts the time zone %s as %s', (timezone, canonical) => {
    expect(createWorkingCalendar({ timezone }).timezone).toBe(canonical);
  });
});

describe('createWorkingCalendar refuses nonsense with a clear error', () => {
  const hours = (start: string, end: string, breaks: { start: string; end: string }[] = []) => ({ hours: { start, end, breaks } });
  it.each<{ case: string; config: unknown; field: string; says: RegExp }>([
    { case: 'an opening time without a leading zero', config: hours('9:00', '18:00'), field: 'workingTime.start', says: /HH:MM/ },
    { case: 'an opening time of 25:00', config: hours('25:00', '26:00'), field: 'workingTime.start', says: /HH:MM/ },
    { case: 'a closing time of 18:60', config: hours('09:00', '18:60'), field: 'workingTime.end', says: /HH:MM/ },
    { case: 'closing before opening', config: hours('18:00', '09:00'), field: 'workingTime.end', says: /after opening/ },
    { case: 'closing at opening', config: hours('09:00', '09:00'), field: 'workingTime.end', says: /after opening/ },
    { case: 'a break outside the hours', config: hours('09:00', '18:00', [{ start: '08:00', end: '09:30' }]), field: 'workingTime.breaks[0]', says: /outside/ },
    { case: 'a break that ends before it starts', config: hours('09:00', '18:00', [{ start: '13:30', end: '12:00' }]), field: 'workingTime.breaks[0].end', says: /end after/ },
    {
      case: 'overlapping breaks',
      config: hours('09:00', '18:00', [{ start: '12:00', end: '13:30' }, { start: '13:00', end: '14:00' }]),
      field: 'workingTime.breaks[1]',
      says: /overlaps/,
    },
    { case: 'a break filling the whole day', config: hours('09:00', '18:00', [{ start: '09:00', end: '18:00' }]), field: 'workingTime.breaks', says: /no working time/ },
    { case: 'breaks that are not a list', config: { hours: { start: '09:00', end: '18:00', breaks: 'lunch' } }, field: 'workingTime.breaks', says: /list/ },
    { case: 'an unknown hours field', config: { hours: { start: '09:00', end: '18:00', lunch: '12:00' } }, field: 'workingTime.lunch', says: /not a known/ },
    { case: 'an unknown time zone', config: { timezone: 'Mars/Olympus' }, field: 'timezone', says: /IANA/ },
    { case: 'an empty time zone', config: { timezone: '' }, field: 'timezone', says: /IANA/ },
    { case: 'an override on 2026-02-30', config: { overrides: [{ day: '2026-02-30', kind: 'day_off' }] }, field: 'overrides[0].day', says: /YYYY-MM-DD/ },
    { case: 'an override of an unknown kind', config: { overrides: [{ day: '2026-03-18', kind: 'holiday' }] }, field: 'overrides[0].kind', says: /day_off/ },
    {
      case: 'one day overridden both ways',
      config: { overrides: [{ day: '2026-03-18', kind: 'day_off' }, { day: '2026-03-18', kind: 'working_day' }] },
      field: 'overrides[1]',
      says: /both/,
    },
  ])('refuses $case (field $field)', ({ config, field, says }) => {
    let thrown: unknown;
    try {
      createWorkingCalendar(config as WorkingCalendarConfig);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(WorkingTimeConfigError);
    const error = thrown as WorkingTimeConfigError;
    expect(error.field).toBe(field);
    expect(error.messageEn).toMatch(says);
    expect(error.messageZh).toMatch(/\p{Script=Han}/u);
  });
});

describe('workingCalendarConfigFromSettings (tenants.settings.workingTime + the timezone column)', () => {
  it.each([
    {
      case: 'no working-time settings: the defaults in the tenant zone',
      settings: {},
      column: 'Europe/Berlin',
      expected: { timezone: 'Europe/Berlin', hours: { start: '09:00', end: '18:00', breaks: [{ start: '12:00', end: '13:30' }] } },
    },
    {
      case: 'hours of its own: kept, zone from the column',
      settings: { workingTime: { start: '08:30', end: '17:30', breaks: [{ start: '12:00', end: '13:00' }] } },
      column: 'Asia/Shanghai',
      expected: { timezone: 'Asia/Shanghai', hours: { start: '08:30', end: '17:30', breaks: [{ start: '12:00', end: '13:00' }] } },
    },
    {
      case: 'a zone in the settings: beats the column',
      settings: { workingTime: { timezone: 'Asia/Tokyo' } },
      column: 'Asia/Shanghai',
      expected: { timezone: 'Asia/Tokyo', hours: { start: '09:00', end: '18:00', breaks: [{ start: '12:00', end: '13:30' }] } },
    },
    {
      case: 'only an opening time: default closing and break',
      settings: { workingTime: { start: '10:00' } },
      column: null,
      expected: { timezone: 'Asia/Shanghai', hours: { start: '10:00', end: '18:00', breaks: [{ start: '12:00', end: '13:30' }] } },
    },
    {
      case: 'an empty list of breaks: no break',
      settings: { workingTime: { breaks: [] } },
      column: 'Asia/Shanghai',
      expected: { timezone: 'Asia/Shanghai', hours: { start: '09:00', end: '18:00', breaks: [] } },
    },
  ])('reads $case', ({ settings, column, expected }) => {
    const calendar = createWorkingCalendar(workingCalendarConfigFromSettings(settings, column));
    expect({ timezone: calendar.timezone, hours: calendar.hours }).toEqual(expected);
  });

  it('gives the default hours when the tenant has no settings at all', () => {
    expect(workingCalendarConfigFromSettings(undefined, undefined)).toEqual({ timezone: 'Asia/Shanghai', hours: DEFAULT_BUSINESS_HOURS });
  });

  it.each([
    { case: 'a working time that is not an object', settings: { workingTime: 'nine to six' }, field: 'workingTime' },
    { case: 'an unknown working-time field', settings: { workingTime: { open: '09:00' } }, field: 'workingTime.open' },
    { case: 'a time zone that is not a string', settings: { workingTime: { timezone: 8 } }, field: 'workingTime.timezone' },
  ])('refuses $case (field $field)', ({ settings, field }) => {
    expect(() => workingCalendarConfigFromSettings(settings, 'Asia/Shanghai')).toThrow(expect.objectContaining({ field }));
  });
});
