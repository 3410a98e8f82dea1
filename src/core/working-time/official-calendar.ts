/**
 * China's official holidays and make-up working days (调休), as published by the State Council each
 * November, taken from the npm package `chinese-days` (its published `dist/chinese-days.json`).
 * The years it covers are read from the data itself: a year is covered when the package lists any
 * holiday or make-up day in it.
 */
import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { isLocalDate, yearOf, type LocalDate } from './local-date.js';

export interface HolidayName {
  en: string;
  zh: string;
}

/** The shape of chinese-days' JSON: day → "English name,中文名,n". */
export interface OfficialCalendarData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

export interface OfficialCalendar {
  /** Where the data comes from, for messages to admins. */
  source: string;
  /** Years with an official schedule in the data; any other year falls back to the statutory fixed dates. */
  coveredYears: ReadonlySet<number>;
  /** Official days off (including those that fall on a weekend). */
  holidays: ReadonlyMap<LocalDate, HolidayName>;
  /** Official make-up working days (调休上班), usually a Saturday or Sunday. */
  makeupWorkdays: ReadonlyMap<LocalDate, HolidayName>;
}

function holidayName(value: string): HolidayName {
  const parts = value.split(',');
  if (parts.length >= 3) return { en: parts.slice(0, -2).join(','), zh: parts.at(-2) ?? '' };
  return { en: value, zh: value };
}

function toDayMap(source: string, entries: Record<string, string>): Map<LocalDate, HolidayName> {
  const days = new Map<LocalDate, HolidayName>();
  for (const [day, value] of Object.entries(entries)) {
    if (!isLocalDate(day)) throw new Error(`${source}: ${JSON.stringify(day)} is not a YYYY-MM-DD day`);
    days.set(day, holidayName(value));
  }
  return days;
}

/** Builds an official calendar from chinese-days-shaped data; refuses a day that is both off and a make-up day. */
export function officialCalendarFromData(source: string, data: OfficialCalendarData): OfficialCalendar {
  const holidays = toDayMap(source, data.holidays);
  const makeupWorkdays = toDayMap(source, data.workdays);
  for (const day of makeupWorkdays.keys()) {
    if (holidays.has(day)) throw new Error(`${source}: ${day} is listed both as a holiday and as a make-up working day`);
  }
  const coveredYears = new Set([...holidays.keys(), ...makeupWorkdays.keys()].map(yearOf));
  return Object.freeze({ source, coveredYears, holidays, makeupWorkdays });
}

/** The official calendar from the installed chinese-days package. */
export const chinaOfficialCalendar: OfficialCalendar = officialCalendarFromData('chinese-days', chineseDaysData);
