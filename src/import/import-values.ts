/**
 * Parsing of the text values found in CSV imports. Every parser returns `undefined` for a value it cannot
 * read, so the caller can skip the row with a reason instead of storing a guess.
 */

/** China has had no daylight-saving time since 1991: Asia/Shanghai is always UTC+08:00. */
export const SHANGHAI_UTC_OFFSET_MINUTES = 8 * 60;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const WHOLE_NUMBER = /^\d+$/;

/** A `YYYY-MM-DD` calendar date as the instant of midnight in Asia/Shanghai; `undefined` for anything else (2017-02-30 included). */
export function parseShanghaiDate(text: string): Date | undefined {
  const match = CALENDAR_DATE.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utcMidnight = Date.UTC(year, month - 1, day);
  const check = new Date(utcMidnight);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return new Date(utcMidnight - SHANGHAI_UTC_OFFSET_MINUTES * 60_000);
}

/**
 * A non-negative decimal such as `1100.04`, multiplied by 10^scaleDigits and rounded half up, computed on the
 * digits (never through a float), e.g. `parseScaledDecimal('1100.04', 8)` → 110_004_000_000.
 */
export function parseScaledDecimal(text: string, scaleDigits: number): number | undefined {
  const match = DECIMAL.exec(text.trim());
  if (!match) return undefined;
  const whole = match[1]!;
  const fraction = match[2] ?? '';
  const kept = fraction.slice(0, scaleDigits).padEnd(scaleDigits, '0');
  let scaled = BigInt(whole + kept);
  const firstDropped = fraction.charAt(scaleDigits);
  if (firstDropped !== '' && Number(firstDropped) >= 5) scaled += 1n;
  if (scaled > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return Number(scaled);
}

/** A non-negative whole number such as `2822`. */
export function parseWholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!WHOLE_NUMBER.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** The text with surrounding spaces removed, or `null` when nothing is left. */
export function optionalText(text: string | undefined): string | null {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? null : trimmed;
}
