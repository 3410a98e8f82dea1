/**
 * The statutory public holidays that fall on a fixed Gregorian date every year, per the national
 * holidays regulation (全国年节及纪念日放假办法) as amended in 2024 (in force from 2025): New Year's Day
 * (1 Jan), Labour Day (1–2 May, the second day added by the amendment) and National Day (1–3 Oct).
 * Used only for years the official data does not cover yet (the State Council publishes each year's
 * schedule in November): the lunar holidays, bridging days and make-up days need the notice itself.
 */
import type { LocalDate } from './local-date.js';
import type { HolidayName } from './official-calendar.js';

const NEW_YEAR: HolidayName = { en: "New Year's Day", zh: '元旦' };
const LABOUR_DAY: HolidayName = { en: 'Labour Day', zh: '劳动节' };
const NATIONAL_DAY: HolidayName = { en: 'National Day', zh: '国庆节' };

/** Month-day (`MM-DD`) → holiday. */
export const STATUTORY_FIXED_DATE_HOLIDAYS: ReadonlyMap<string, HolidayName> = new Map([
  ['01-01', NEW_YEAR],
  ['05-01', LABOUR_DAY],
  ['05-02', LABOUR_DAY],
  ['10-01', NATIONAL_DAY],
  ['10-02', NATIONAL_DAY],
  ['10-03', NATIONAL_DAY],
]);

export function statutoryFixedDateHoliday(day: LocalDate): HolidayName | undefined {
  return STATUTORY_FIXED_DATE_HOLIDAYS.get(day.slice(5));
}
