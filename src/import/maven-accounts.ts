import type { CsvRow } from './csv-rows.js';
import type { FileReportBuilder } from './import-report.js';
import { optionalText, parseScaledDecimal, parseWholeNumber } from './import-values.js';

export const ACCOUNT_COLUMNS = ['account', 'sector', 'year_established', 'revenue', 'employees', 'office_location', 'subsidiary_of'] as const;

/** accounts.revenue is in millions of USD; customers.revenue_fen is in cents: × 1,000,000 × 100. */
export const REVENUE_MILLIONS_TO_CENTS_DIGITS = 8;

/** Known typos in the published file, fixed on the way in and reported. */
export const SECTOR_CORRECTIONS: Readonly<Record<string, string>> = { technolgy: 'technology' };
export const COUNTRY_CORRECTIONS: Readonly<Record<string, string>> = { Philipines: 'Philippines' };

/** A customer as the import writes it; `externalRef` is the account name (the dataset's key). */
export interface CustomerRecord {
  externalRef: string;
  name: string;
  sector: string | null;
  country: string | null;
  employees: number | null;
  revenueFen: number | null;
  yearEstablished: number | null;
  parentName: string | null;
}

/** accounts.csv rows → customers. Blank optional values become null; unreadable ones skip the row. */
export function mapAccounts(rows: CsvRow[], report: FileReportBuilder): CustomerRecord[] {
  const records = new Map<string, CustomerRecord>();
  for (const { row, values } of rows) {
    const name = optionalText(values.account);
    if (name === null) {
      report.skip(row, 'blank account name');
      continue;
    }
    if (records.has(name)) {
      report.skip(row, 'duplicate account name');
      continue;
    }
    const yearEstablished = optionalNumber(values.year_established, parseWholeNumber);
    const revenueFen = optionalNumber(values.revenue, (text) => parseScaledDecimal(text, REVENUE_MILLIONS_TO_CENTS_DIGITS));
    const employees = optionalNumber(values.employees, parseWholeNumber);
    if (yearEstablished === undefined) {
      report.skip(row, 'year_established is not a whole number');
      continue;
    }
    if (revenueFen === undefined) {
      report.skip(row, 'revenue is not a non-negative number');
      continue;
    }
    if (employees === undefined) {
      report.skip(row, 'employees is not a whole number');
      continue;
    }
    records.set(name, {
      externalRef: name,
      name,
      sector: corrected(optionalText(values.sector), SECTOR_CORRECTIONS, 'sector', report),
      country: corrected(optionalText(values.office_location), COUNTRY_CORRECTIONS, 'office_location', report),
      employees,
      revenueFen,
      yearEstablished,
      parentName: optionalText(values.subsidiary_of),
    });
  }
  return [...records.values()];
}

/** null for a blank value, undefined for an unreadable one. */
function optionalNumber(text: string | undefined, parse: (text: string) => number | undefined): number | null | undefined {
  if (optionalText(text) === null) return null;
  return parse(text!);
}

function corrected(value: string | null, corrections: Readonly<Record<string, string>>, field: string, report: FileReportBuilder): string | null {
  if (value === null) return null;
  const fixed = corrections[value];
  if (fixed === undefined) return value;
  report.correct(`${field} "${value}" → "${fixed}"`);
  return fixed;
}
