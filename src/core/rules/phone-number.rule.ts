/**
 * One form for a phone number so a dialled number finds the contact it belongs to:
 * spaces, dashes, dots and brackets go; a mainland China prefix (+86, 0086, or 86 before an 11-digit
 * mobile) goes; other country codes keep their leading '+'.
 */

const CHINA_PREFIX = /^(?:\+86|0086|86(?=1\d{10}$))/u;

export function normalizePhone(raw: string | null | undefined): string {
  if (!raw) return '';
  const compact = raw.normalize('NFKC').replace(/[^\d+]/gu, '').replace(/(?!^)\+/gu, '');
  return compact.replace(CHINA_PREFIX, '');
}

